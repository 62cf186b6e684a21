import {
  Badge,
  Checkbox,
  Field as FluentField,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  type BadgeProps,
} from "@fluentui/react-components";
import { ArrowSyncRegular } from "@fluentui/react-icons";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ActivityFilter, ActivityView, DeliveryStatus, UserNotification } from "../../bindings";
import { Button } from "../../shared/Button";
import { useTableSize } from "../../shared/density";
import { FormError, useFieldError } from "../../shared/errors";
import { Field } from "../../shared/Field";
import { OfflineNote } from "../../shared/OfflineNote";
import { TableScroll } from "../../shared/TableScroll";
import { EmptyState, TableSkeleton } from "../../shared/TableStates";
import { userTimeText } from "../../shared/time";
import { useNotify } from "../../shared/toast";
import { useActivity, useChangeContact, useContactMessages, useMarkRead, useSyncFeeds } from "./queries";
import "./activity.css";

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
  const notify = useNotify();
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
  // Only the sync asked for is announced, not the one opening the panel starts.
  const syncNow = () => sync.mutate(undefined, { onSuccess: () => notify(t("activity.synced")) });
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
          <Button variant="secondary" icon={<ArrowSyncRegular />} busy={sync.isPending} onClick={syncNow}>
            {t("activity.syncNow")}
          </Button>
        </div>
      </header>
      {kept && <OfflineNote kept={kept} />}
      <FormError error={syncError ?? view.error} fields={[]} />
      {view.isPending && <TableSkeleton columns={4} label={t("activity.loading")} />}
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
  const titleId = useId();
  const unreadShown = view.notifications.filter((n) => n.read_at === null).map((n) => n.id);
  const filtered = filter.notification_kind !== null || filter.unread_only;
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card__header">
        <div className="activity-heading">
          <h2 id={titleId} className="card__title">
            {t("activity.notifications")}
          </h2>
          <Badge appearance="tint" color={view.unread > 0 ? "brand" : "subtle"}>
            {t("shell.unreadCount", { count: view.unread })}
          </Badge>
        </div>
        <Button
          variant="quiet"
          disabled={unreadShown.length === 0}
          busy={markRead.isPending}
          onClick={() => markRead.mutate(unreadShown)}
        >
          {t("activity.markAllRead")}
        </Button>
      </div>
      <div className="filters activity-filters">
        <FluentField label={t("activity.kind")}>
          <Select
            value={filter.notification_kind ?? ""}
            onChange={(_, change) => onFilter({ notification_kind: change.value || null })}
          >
            <option value="">{t("activity.anyKind")}</option>
            {NOTIFICATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </Select>
        </FluentField>
        <Checkbox
          checked={filter.unread_only}
          onChange={(_, change) => onFilter({ unread_only: change.checked === true })}
          label={t("activity.unreadOnly")}
        />
      </div>
      {markRead.data?.pending && (
        <p role="note" className="muted">
          {t("activity.readPending")}
        </p>
      )}
      <FormError error={markRead.error} fields={[]} />
      {view.notifications.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t("activity.noNotificationsMatch")}
            next={t("activity.noNotificationsMatchNext")}
            action={
              <Button variant="secondary" onClick={() => onFilter({ notification_kind: null, unread_only: false })}>
                {t("activity.clearFilter")}
              </Button>
            }
          />
        ) : (
          <EmptyState title={t("activity.noNotifications")} next={t("activity.noNotificationsNext")} />
        )
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
        <div className="notification__meta muted">
          <Badge appearance="outline" color="informative" size="small">
            {kind}
          </Badge>{" "}
          {time}
          {unread && <span className="visually-hidden">{t("activity.unread")}</span>}
        </div>
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
  const size = useTableSize();
  const kindLabel = useKindLabel();
  const titleId = useId();
  const filtered = filter.user_id !== null || filter.activity_kind !== null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card__title">
        {t("activity.timeline")}
      </h2>
      <div className="filters activity-filters">
        <FluentField label={t("activity.user")}>
          <Select
            value={filter.user_id === null ? "" : String(filter.user_id)}
            onChange={(_, change) => onFilter({ user_id: change.value ? Number(change.value) : null })}
          >
            <option value="">{t("activity.everyone")}</option>
            {view.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </Select>
        </FluentField>
        <FluentField label={t("activity.kind")}>
          <Select value={filter.activity_kind ?? ""} onChange={(_, change) => onFilter({ activity_kind: change.value || null })}>
            <option value="">{t("activity.anyKind")}</option>
            {ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </Select>
        </FluentField>
      </div>
      {view.activities.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t("activity.noActivities")}
            next={t("activity.noActivitiesNext")}
            action={
              <Button variant="secondary" onClick={() => onFilter({ user_id: null, activity_kind: null })}>
                {t("activity.clearFilter")}
              </Button>
            }
          />
        ) : (
          <EmptyState title={t("activity.noActivityYet")} next={t("activity.noActivityYetNext")} />
        )
      ) : (
        <TableScroll>
          <Table size={size} className="activity-table" aria-label={t("activity.timeline")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("activity.when")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("activity.user")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("activity.what")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("activity.detail")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {view.activities.map((a) => (
                <TableRow key={a.id} className={a.kind === "sign_in_failed" || a.kind === "locked_out" ? "row--breach" : undefined}>
                  <TableCell>{userTimeText(a.at, i18n.language)}</TableCell>
                  <TableCell>{a.username}</TableCell>
                  <TableCell>{kindLabel(a.kind)}</TableCell>
                  <TableCell>{a.detail}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}

// `data-intent` puts the colour's meaning in the page, where the colour itself is only the library's atomic classes.
const STATUS_COLOR: Record<DeliveryStatus, NonNullable<BadgeProps["color"]>> = {
  queued: "informative",
  sent: "success",
  retrying: "warning",
  failed: "danger",
  held: "warning",
};

function ContactMessages({ userId, username }: { userId: number; username: string }) {
  const { t, i18n } = useTranslation();
  const size = useTableSize();
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
        <Button variant="quiet" icon={<ArrowSyncRegular />} busy={messages.isFetching} onClick={() => void messages.refetch()}>
          {t("activity.refresh")}
        </Button>
      </div>
      <p className="muted">{t("activity.messagesHint")}</p>
      {kept && <OfflineNote kept={kept} />}
      <FormError error={messages.error} fields={[]} />
      {messages.isPending && <TableSkeleton columns={4} rows={2} label={t("activity.loadingMessages")} />}
      {data && data.length === 0 && <EmptyState title={t("activity.noMessages")} next={t("activity.noMessagesNext")} />}
      {data && data.length > 0 && (
        <TableScroll>
          <Table size={size} className="activity-table" aria-label={t("activity.deliveryStatus")}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t("activity.sentTo")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("activity.subject")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("activity.status")}</TableHeaderCell>
                <TableHeaderCell scope="col">{t("activity.attempts")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>
                    {t(`activity.channels.${m.channel}`, { defaultValue: m.channel })}: {m.address}
                  </TableCell>
                  <TableCell>{m.subject}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={STATUS_COLOR[m.status]} data-intent={STATUS_COLOR[m.status]}>
                      {t(`activity.delivery.${m.status}`)}
                    </Badge>
                    {m.sent_at && <span className="muted"> {userTimeText(m.sent_at, i18n.language)}</span>}
                    {m.last_error && <span className="muted"> {m.last_error}</span>}
                    {m.held_reason && (
                      <span className="muted">
                        {" "}
                        {t("activity.heldBecause", {
                          reason: t(`activity.heldReasons.${m.held_reason}`, { defaultValue: m.held_reason }),
                        })}
                      </span>
                    )}
                  </TableCell>
                  <TableCell>{m.attempts}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      {!kept?.from_cache && <ContactForm userId={userId} />}
    </section>
  );
}

function ContactForm({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const change = useChangeContact(userId);
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const fieldError = useFieldError(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { ...(email && { email }), ...(phone && { phone }) },
      {
        onSuccess: (changed) => {
          setEmail("");
          setPhone("");
          notify(t("activity.changed", { count: changed.messages.length }));
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
      <div>
        <Button type="submit" busy={change.isPending} disabled={!email && !phone}>
          {t("activity.saveContact")}
        </Button>
      </div>
    </form>
  );
}
