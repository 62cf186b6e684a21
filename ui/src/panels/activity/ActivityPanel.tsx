import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ActivityFilter, ActivityView, DeliveryStatus, UserNotification } from "../../bindings";
import { Button } from "../../shared/Button";
import { FormError, useFieldError } from "../../shared/errors";
import { Field } from "../../shared/Field";
import { OfflineNote } from "../../shared/OfflineNote";
import { userTimeText } from "../../shared/time";
import { useActivity, useChangeContact, useContactMessages, useMarkRead, useSyncFeeds } from "./queries";
import "./activity.css";
import { TableScroll } from "../../shared/TableScroll";

export const ACTIVITY_KINDS = [
  "sign_in",
  "sign_in_failed",
  "locked_out",
  "password_changed",
  "role_granted",
  "role_revoked",
  "contact_changed",
  "consent_changed",
  "blocked",
  "unblocked",
  "unlocked",
] as const;

export const NOTIFICATION_KINDS = [
  "email_changed",
  "phone_changed",
  "consent_revoked",
  "consent_granted",
  "role_granted",
  "role_revoked",
  "blocked",
  "unblocked",
  "unlocked",
  "locked_out",
  "maintenance_announced",
  "maintenance_starting",
  "maintenance_started",
  "maintenance_completed",
  "maintenance_cancelled",
  "backup_alert",
  "sla_at_risk",
  "sla_breached",
  "security_settings_changed",
] as const;

const EMPTY_FILTER: ActivityFilter = { user_id: null, activity_kind: null, notification_kind: null, unread_only: false };

export function ActivityPanel() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<ActivityFilter>(EMPTY_FILTER);
  const view = useActivity(filter);
  const sync = useSyncFeeds();
  const { mutate: startSync } = sync;
  // Opening the panel brings the cached feeds up to date; offline it shows the cache.
  useEffect(() => startSync(), [startSync]);
  const kept = view.data;
  const data = kept?.value;
  const syncError = sync.error && sync.error.kind !== "offline" ? sync.error : null;
  const update = (change: Partial<ActivityFilter>) => setFilter((current) => ({ ...current, ...change }));
  return (
    <section className="panel" aria-labelledby="panel-title">
      <header className="panel__header">
        <h1 id="panel-title" className="panel__title">
          {t("activity.title")}
        </h1>
        <div className="panel__tools">
          {kept?.fetched_at && !kept.from_cache && (
            <span className="muted">{t("activity.syncedAt", { time: userTimeText(kept.fetched_at, i18n.language) })}</span>
          )}
          <Button variant="secondary" busy={sync.isPending} onClick={() => sync.mutate()}>
            {t("activity.syncNow")}
          </Button>
        </div>
      </header>
      {kept && <OfflineNote kept={kept} />}
      <FormError error={syncError ?? view.error} fields={[]} />
      {data && (
        <div className="activity-grid">
          <Notifications view={data} filter={filter} onFilter={update} />
          <Timeline view={data} filter={filter} onFilter={update} />
          {filter.user_id !== null && (
            <ContactMessages
              userId={filter.user_id}
              username={data.users.find((u) => u.id === filter.user_id)?.username ?? String(filter.user_id)}
            />
          )}
        </div>
      )}
    </section>
  );
}

type SectionProps = { view: ActivityView; filter: ActivityFilter; onFilter: (change: Partial<ActivityFilter>) => void };

function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => t(`activity.kinds.${kind}`, { defaultValue: kind.replaceAll("_", " ") });
}

function Notifications({ view, filter, onFilter }: SectionProps) {
  const { t, i18n } = useTranslation();
  const kindLabel = useKindLabel();
  const markRead = useMarkRead();
  const kindId = useId();
  const titleId = useId();
  const unreadShown = view.notifications.filter((n) => n.read_at === null).map((n) => n.id);
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 id={titleId} className="card__title">
          {t("activity.notifications")} <span className="badge">{t("shell.unreadCount", { count: view.unread })}</span>
        </h2>
        <Button
          variant="quiet"
          disabled={unreadShown.length === 0}
          busy={markRead.isPending}
          onClick={() => markRead.mutate(unreadShown)}
        >
          {t("activity.markAllRead")}
        </Button>
      </div>
      <div className="panel__tools">
        <label className="inline-field" htmlFor={kindId}>
          {t("activity.kind")}
          <select
            id={kindId}
            className="field__input"
            value={filter.notification_kind ?? ""}
            onChange={(event) => onFilter({ notification_kind: event.target.value || null })}
          >
            <option value="">{t("activity.anyKind")}</option>
            {NOTIFICATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={filter.unread_only}
            onChange={(event) => onFilter({ unread_only: event.target.checked })}
          />
          {t("activity.unreadOnly")}
        </label>
      </div>
      {markRead.data?.pending && (
        <p role="note" className="muted">
          {t("activity.readPending")}
        </p>
      )}
      <FormError error={markRead.error} fields={[]} />
      {view.notifications.length === 0 ? (
        <p className="muted">{t("activity.noNotifications")}</p>
      ) : (
        <ul className="notification-list" aria-label={t("activity.notifications")}>
          {view.notifications.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              kind={kindLabel(n.kind)}
              time={userTimeText(n.at, i18n.language)}
              onRead={() => markRead.mutate([n.id])}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type NotificationItemProps = { notification: UserNotification; kind: string; time: string; onRead: () => void };

function NotificationItem({ notification, kind, time, onRead }: NotificationItemProps) {
  const { t } = useTranslation();
  const unread = notification.read_at === null;
  return (
    <li className={unread ? "notification notification--unread" : "notification"}>
      <div>
        <p className="notification__message">{notification.message}</p>
        <p className="muted">
          <span className="badge">{kind}</span> {time}
          {unread && <span className="visually-hidden">{t("activity.unread")}</span>}
        </p>
      </div>
      {unread && (
        <Button variant="quiet" aria-label={t("activity.markReadOne", { message: notification.message })} onClick={onRead}>
          {t("activity.markRead")}
        </Button>
      )}
    </li>
  );
}

function Timeline({ view, filter, onFilter }: SectionProps) {
  const { t, i18n } = useTranslation();
  const kindLabel = useKindLabel();
  const userId = useId();
  const kindId = useId();
  const titleId = useId();
  return (
    <section className="card activity-timeline" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {t("activity.timeline")}
      </h2>
      <div className="panel__tools">
        <label className="inline-field" htmlFor={userId}>
          {t("activity.user")}
          <select
            id={userId}
            className="field__input"
            value={filter.user_id ?? ""}
            onChange={(event) => onFilter({ user_id: event.target.value ? Number(event.target.value) : null })}
          >
            <option value="">{t("activity.everyone")}</option>
            {view.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field" htmlFor={kindId}>
          {t("activity.kind")}
          <select
            id={kindId}
            className="field__input"
            value={filter.activity_kind ?? ""}
            onChange={(event) => onFilter({ activity_kind: event.target.value || null })}
          >
            <option value="">{t("activity.anyKind")}</option>
            {ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {view.activities.length === 0 ? (
        <p className="muted">{t("activity.noActivities")}</p>
      ) : (
        <TableScroll>
          <table className="table" aria-label={t("activity.timeline")}>
            <thead>
              <tr>
                <th scope="col">{t("activity.when")}</th>
                <th scope="col">{t("activity.user")}</th>
                <th scope="col">{t("activity.what")}</th>
                <th scope="col">{t("activity.detail")}</th>
              </tr>
            </thead>
            <tbody>
              {view.activities.map((a) => (
                <tr key={a.id} className={a.kind === "sign_in_failed" || a.kind === "locked_out" ? "row--breach" : undefined}>
                  <td>{userTimeText(a.at, i18n.language)}</td>
                  <td>{a.username}</td>
                  <td>{kindLabel(a.kind)}</td>
                  <td>{a.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

const STATUS_BADGE: Record<DeliveryStatus, string> = {
  queued: "badge",
  sent: "badge badge--good",
  retrying: "badge badge--warn",
  failed: "badge badge--bad",
  held: "badge badge--warn",
};

function ContactMessages({ userId, username }: { userId: number; username: string }) {
  const { t, i18n } = useTranslation();
  const messages = useContactMessages(userId);
  const titleId = useId();
  const kept = messages.data;
  const data = kept?.value;
  return (
    <section className="card activity-contact" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 id={titleId} className="card__title">
          {t("activity.messagesTitle", { user: username })}
        </h2>
        <Button variant="quiet" busy={messages.isFetching} onClick={() => void messages.refetch()}>
          {t("activity.refresh")}
        </Button>
      </div>
      <p className="muted">{t("activity.messagesHint")}</p>
      {kept && <OfflineNote kept={kept} />}
      <FormError error={messages.error} fields={[]} />
      {data && data.length === 0 && <p className="muted">{t("activity.noMessages")}</p>}
      {data && data.length > 0 && (
        <TableScroll>
          <table className="table" aria-label={t("activity.deliveryStatus")}>
            <thead>
              <tr>
                <th scope="col">{t("activity.sentTo")}</th>
                <th scope="col">{t("activity.subject")}</th>
                <th scope="col">{t("activity.status")}</th>
                <th scope="col">{t("activity.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((m) => (
                <tr key={m.id}>
                  <td>
                    {t(`activity.channels.${m.channel}`, { defaultValue: m.channel })}: {m.address}
                  </td>
                  <td>{m.subject}</td>
                  <td>
                    <span className={STATUS_BADGE[m.status]}>{t(`activity.delivery.${m.status}`)}</span>
                    {m.sent_at && <span className="muted"> {userTimeText(m.sent_at, i18n.language)}</span>}
                    {m.last_error && <span className="muted"> {m.last_error}</span>}
                    {m.held_reason && (
                      <span className="muted"> {t("activity.heldBecause", { reason: t(`activity.heldReasons.${m.held_reason}`, { defaultValue: m.held_reason }) })}</span>
                    )}
                  </td>
                  <td>{m.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {!kept?.from_cache && <ContactForm userId={userId} />}
    </section>
  );
}

function ContactForm({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const change = useChangeContact(userId);
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const fieldError = useFieldError(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { ...(email && { email }), ...(phone && { phone }) },
      {
        onSuccess: () => {
          setEmail("");
          setPhone("");
        },
      },
    );
  };
  return (
    <form className="contact-form" onSubmit={submit} aria-label={t("activity.changeContact")}>
      <h3 className="card__subtitle">{t("activity.changeContact")}</h3>
      {/* Plain text inputs: the service checks the form and names the field it refuses. */}
      <Field label={t("activity.newEmail")} inputMode="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError("email")} />
      <Field label={t("activity.newPhone")} inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} error={fieldError("phone")} />
      <FormError error={change.error} fields={["email", "phone"]} />
      {change.data && (
        <p role="status" className="muted">
          {t("activity.changed", { count: change.data.messages.length })}
        </p>
      )}
      <Button type="submit" busy={change.isPending} disabled={!email && !phone}>
        {t("activity.saveContact")}
      </Button>
    </form>
  );
}
