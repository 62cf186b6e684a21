import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  Access,
  AccessChange,
  CommandError,
  Grant,
  RevocationReceipt,
  RoleAssignment,
  Kept,
  RolesOverview,
  TwoFactorReset,
  User,
} from "../../bindings";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { formatDateTime } from "../../shared/time";
import { grantKey, sameGrant, scopeName } from "./names";
import {
  useBlock,
  useGrant,
  usePreview,
  useResetTwoFactor,
  useRevoke,
  useUnblock,
  useUnlock,
  useUserDetail,
} from "./queries";
import { useEscape } from "../../shared/useEscape";

type Props = { userId: number; overview: Kept<RolesOverview>; onClose: () => void; selfId: number | null };

export function UserDrawer({ userId, overview: live, onClose, selfId }: Props) {
  useEscape(onClose);
  const { t, i18n } = useTranslation();
  const detail = useUserDetail(userId);
  const offline = live.from_cache || (detail.data?.from_cache ?? false);
  // An offline copy is read-only: nothing may be granted, revoked, unlocked, reset or blocked.
  const overview = offline ? { ...live.value, delegable: [], may_block: false } : live.value;
  // Acting on this user needs a managing role at or above every role they hold, some of
  // which the manager may not see: the service decides (UQ-DELEGATE-CHANNEL).
  const mayAct = !offline && detail.data?.value.may_act === true;
  const unlock = useUnlock();
  const block = useBlock();
  const unblock = useUnblock();
  const [dialog, setDialog] = useState<"grant" | RoleAssignment | null>(null);
  const [receipt, setReceipt] = useState<RevocationReceipt | null>(null);
  const [resetReceipt, setResetReceipt] = useState<TwoFactorReset | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const summary = detail.data?.value;
  const user = summary?.user;
  const lockedUntil = user?.locked_until && new Date(user.locked_until) > new Date() ? user.locked_until : null;
  const name = (g: Grant) =>
    `${t(`roles.names.${g.role}`)} · ${scopeName(g.scope, overview.tree, t("shell.platform"))}`;
  return (
    <aside className="card drawer" aria-label={t("roles.drawer", { name: user?.display_name ?? "" })}>
      <Button variant="quiet" onClick={onClose}>
        {t("roles.close")}
      </Button>
      {detail.error && <FormError error={detail.error} fields={[]} />}
      {detail.data && <OfflineNote kept={detail.data} />}
      {user && summary && (
        <>
          <h2 className="card__title">{user.display_name}</h2>
          <p>{user.username}</p>
          {user.status === "blocked" && <p className="badge badge--danger">{t("roles.blocked")}</p>}
          {lockedUntil && (
            <p>
              {t("roles.lockedFor", {
                left: timeLeft(lockedUntil, i18n.language),
                time: formatDateTime(lockedUntil, i18n.language),
              })}{" "}
              {mayAct && (
                <Button variant="secondary" busy={unlock.isPending} onClick={() => unlock.mutate(user.id)}>
                  {t("roles.unlock")}
                </Button>
              )}
            </p>
          )}
          {summary.two_factor_enrolled === null ? (
            // The service shows lock and two-factor state only to those who may act on the user.
            <p className="muted">{t("roles.securityDetailsHidden")}</p>
          ) : (
            <p>
              {t(summary.two_factor_enrolled ? "roles.twoFactorOn" : "roles.twoFactorOff")}{" "}
              {mayAct && summary.two_factor_enrolled && user.id !== selfId && (
                <Button variant="secondary" onClick={() => setConfirmReset(true)}>
                  {t("roles.resetTwoFactor")}
                </Button>
              )}
            </p>
          )}
          {confirmReset && (
            <ResetTwoFactorDialog
              user={user}
              onDone={(r) => {
                if (r) setResetReceipt(r);
                setConfirmReset(false);
              }}
            />
          )}
          {resetReceipt && resetReceipt.user.id === user.id && (
            <p role="status" className="receipt">
              {t("roles.twoFactorResetReceipt", {
                name: user.display_name,
                time: formatDateTime(resetReceipt.at, i18n.language),
              })}
            </p>
          )}
          {unlock.error && <FormError error={unlock.error} fields={[]} />}
          {overview.may_block &&
            mayAct &&
            (user.status === "blocked" ? (
              <Button variant="secondary" busy={unblock.isPending} onClick={() => unblock.mutate(user.id)}>
                {t("roles.unblock")}
              </Button>
            ) : (
              <Button variant="secondary" busy={block.isPending} onClick={() => block.mutate(user.id)}>
                {t("roles.block")}
              </Button>
            ))}
          {(block.error ?? unblock.error) && <FormError error={block.error ?? unblock.error} fields={[]} />}
          {block.data && block.data.user.id === user.id && (
            <p role="status" className="receipt">
              {t("roles.blockReceipt", {
                count: Number(block.data.sessions_ended),
                time: formatDateTime(block.data.at, i18n.language),
              })}
            </p>
          )}
          <h3>{t("roles.assignments")}</h3>
          <ul aria-label={t("roles.assignments")}>
            {summary.assignments.map((a) => (
              <li key={a.id}>
                {name(a)}{" "}
                {overview.delegable.some((g) => sameGrant(g, a)) && (
                  <Button variant="quiet" onClick={() => setDialog(a)}>
                    {t("roles.revoke")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {overview.delegable.length > 0 && (
            <Button onClick={() => setDialog("grant")}>{t("roles.grant")}</Button>
          )}
          {receipt && (
            <p role="status" className="receipt">
              {t("roles.receipt", {
                role: name(receipt.assignment),
                count: receipt.live_sessions,
                time: formatDateTime(receipt.at, i18n.language),
              })}
            </p>
          )}
          {dialog === "grant" && (
            <GrantDialog
              userId={user.id}
              options={overview.delegable.filter(
                (g) => !summary.assignments.some((a) => sameGrant(a, g)),
              )}
              name={name}
              onDone={() => setDialog(null)}
            />
          )}
          {dialog !== null && dialog !== "grant" && (
            <RevokeDialog
              userId={user.id}
              assignment={dialog}
              name={name}
              onDone={(r) => {
                setReceipt(r);
                setDialog(null);
              }}
            />
          )}
        </>
      )}
    </aside>
  );
}

/** "in 10 minutes", "in 3 hours": the time left of a lock, in the UI's language. */
function timeLeft(until: string, language: string): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / 60_000));
  const format = new Intl.RelativeTimeFormat(language, { numeric: "always" });
  if (minutes < 120) return format.format(minutes, "minute");
  if (minutes < 48 * 60) return format.format(Math.round(minutes / 60), "hour");
  return format.format(Math.round(minutes / (24 * 60)), "day");
}

type ResetProps = { user: User; onDone: (receipt: TwoFactorReset | null) => void };

function ResetTwoFactorDialog({ user, onDone }: ResetProps) {
  const { t } = useTranslation();
  const reset = useResetTwoFactor();
  return (
    <div role="dialog" aria-label={t("roles.resetTwoFactorTitle")} className="drawer-dialog">
      <p>{t("roles.resetTwoFactorText", { name: user.display_name })}</p>
      <FormError error={(reset.error as CommandError | null) ?? null} fields={[]} />
      <Button busy={reset.isPending} onClick={() => reset.mutate(user.id, { onSuccess: onDone })}>
        {t("roles.confirmResetTwoFactor")}
      </Button>
      <Button variant="quiet" onClick={() => onDone(null)}>
        {t("roles.cancel")}
      </Button>
    </div>
  );
}

function AccessSummary({ access, label }: { access: Access; label: string }) {
  const { t } = useTranslation();
  return (
    <p>
      {label}:{" "}
      {t("roles.previewText", {
        channels: access.channels.length,
        delegable: access.may_delegate.length,
      })}
    </p>
  );
}

function Preview({ userId, change }: { userId: number; change: AccessChange | null }) {
  const { t } = useTranslation();
  const preview = usePreview(userId, change);
  if (!preview.data) return null;
  return (
    <div className="preview" aria-label={t("roles.preview")}>
      <AccessSummary access={preview.data.before} label={t("roles.now")} />
      <AccessSummary access={preview.data.after} label={t("roles.afterChange")} />
    </div>
  );
}

type GrantProps = { userId: number; options: Grant[]; name: (g: Grant) => string; onDone: () => void };

function GrantDialog({ userId, options, name, onDone }: GrantProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const grant = useGrant();
  const [choice, setChoice] = useState<Grant | null>(null);
  return (
    <div role="dialog" aria-label={t("roles.grantTitle")} className="drawer-dialog">
      <div className="field">
        <label className="field__label" htmlFor={selectId}>
          {t("roles.roleAndScope")}
        </label>
        <select
          id={selectId}
          className="field__input"
          value={choice ? grantKey(choice) : ""}
          onChange={(e) => setChoice(options.find((g) => grantKey(g) === e.target.value) ?? null)}
        >
          <option value="">{t("roles.choose")}</option>
          {options.map((g) => (
            <option key={grantKey(g)} value={grantKey(g)}>
              {name(g)}
            </option>
          ))}
        </select>
      </div>
      <Preview userId={userId} change={choice && { kind: "grant", role: choice.role, scope: choice.scope }} />
      <FormError error={(grant.error as CommandError | null) ?? null} fields={[]} />
      <Button
        disabled={!choice}
        busy={grant.isPending}
        onClick={() => choice && grant.mutate({ user_id: userId, ...choice }, { onSuccess: onDone })}
      >
        {t("roles.confirmGrant")}
      </Button>
      <Button variant="quiet" onClick={onDone}>
        {t("roles.cancel")}
      </Button>
    </div>
  );
}

type RevokeProps = {
  userId: number;
  assignment: RoleAssignment;
  name: (g: Grant) => string;
  onDone: (receipt: RevocationReceipt | null) => void;
};

function RevokeDialog({ userId, assignment, name, onDone }: RevokeProps) {
  const { t } = useTranslation();
  const revoke = useRevoke();
  return (
    <div role="dialog" aria-label={t("roles.revokeTitle")} className="drawer-dialog">
      <p>{name(assignment)}</p>
      <Preview userId={userId} change={{ kind: "revoke", assignment_id: assignment.id }} />
      <FormError error={(revoke.error as CommandError | null) ?? null} fields={[]} />
      <Button busy={revoke.isPending} onClick={() => revoke.mutate(assignment.id, { onSuccess: onDone })}>
        {t("roles.confirmRevoke")}
      </Button>
      <Button variant="quiet" onClick={() => onDone(null)}>
        {t("roles.cancel")}
      </Button>
    </div>
  );
}
