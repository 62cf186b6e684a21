import {
  Badge,
  Field as FluentField,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  useRestoreFocusTarget,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { useState } from "react";
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
import { ConfirmButton } from "../../shared/ConfirmButton";
import { useTableSize } from "../../shared/density";
import { Dialog } from "../../shared/Dialog";
import { Drawer } from "../../shared/Drawer";
import { FormError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { EmptyState } from "../../shared/TableStates";
import { userTimeText } from "../../shared/time";
import { useNotify } from "../../shared/toast";
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

type Props = {
  userId: number;
  /** The name the users table showed, the title until the service's answer arrives. */
  name: string;
  overview: Kept<RolesOverview>;
  onClose: () => void;
  selfId: number | null;
};

export function UserDrawer({ userId, name: listedName, overview: live, onClose, selfId }: Props) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const size = useTableSize();
  // A dialog gives focus back to the button that opened it.
  const restoreFocus = useRestoreFocusTarget();
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
  const role = (g: Grant) => t(`roles.names.${g.role}`);
  const where = (g: Grant) => scopeName(g.scope, overview.tree, t("shell.platform"));
  const name = (g: Grant) => `${role(g)} · ${where(g)}`;
  return (
    <Drawer title={user?.display_name ?? listedName} onClose={onClose} className="user-drawer">
      {detail.error && <FormError error={detail.error} fields={[]} />}
      {detail.data && <OfflineNote kept={detail.data} />}
      {user && summary && (
        <>
          <p className="user-drawer__username">
            <span className="muted">{user.username}</span>{" "}
            {user.status === "blocked" && (
              <Badge appearance="filled" color="danger">
                {t("roles.blocked")}
              </Badge>
            )}
          </p>
          <h3 className="user-drawer__heading">{t("roles.signIn")}</h3>
          {lockedUntil && (
            <div className="user-drawer__line">
              <span>
                {t("roles.lockedFor", {
                  left: timeLeft(lockedUntil, i18n.language),
                  time: userTimeText(lockedUntil, i18n.language),
                })}
              </span>
              {mayAct && (
                <Button
                  variant="secondary"
                  busy={unlock.isPending}
                  onClick={() =>
                    unlock.mutate(user.id, { onSuccess: () => notify(t("roles.unlocked", { name: user.display_name })) })
                  }
                >
                  {t("roles.unlock")}
                </Button>
              )}
            </div>
          )}
          {summary.two_factor_enrolled === null ? (
            // The service shows lock and two-factor state only to those who may act on the user.
            <p className="muted">{t("roles.securityDetailsHidden")}</p>
          ) : (
            <div className="user-drawer__line">
              <span>{t(summary.two_factor_enrolled ? "roles.twoFactorOn" : "roles.twoFactorOff")}</span>
              {mayAct && summary.two_factor_enrolled && user.id !== selfId && (
                <Button variant="secondary" {...restoreFocus} onClick={() => setConfirmReset(true)}>
                  {t("roles.resetTwoFactor")}
                </Button>
              )}
            </div>
          )}
          {confirmReset && (
            <ResetTwoFactorDialog
              user={user}
              onDone={(r) => {
                if (r) {
                  setResetReceipt(r);
                  notify(t("roles.twoFactorResetDone", { name: user.display_name }));
                }
                setConfirmReset(false);
              }}
            />
          )}
          {resetReceipt && resetReceipt.user.id === user.id && (
            <p role="status" className="receipt">
              {t("roles.twoFactorResetReceipt", {
                name: user.display_name,
                time: userTimeText(resetReceipt.at, i18n.language),
              })}
            </p>
          )}
          {unlock.error && <FormError error={unlock.error} fields={[]} />}
          {overview.may_block && mayAct && (
            <div className="user-drawer__line">
              {user.status === "blocked" ? (
                <Button
                  variant="secondary"
                  busy={unblock.isPending}
                  onClick={() =>
                    unblock.mutate(user.id, { onSuccess: () => notify(t("roles.unblocked", { name: user.display_name })) })
                  }
                >
                  {t("roles.unblock")}
                </Button>
              ) : (
                <ConfirmButton
                  title={t("roles.blockTitle")}
                  question={t("roles.blockQuestion", { name: user.display_name })}
                  busy={block.isPending}
                  onConfirm={() =>
                    block.mutate(user.id, { onSuccess: () => notify(t("roles.blockedToast", { name: user.display_name })) })
                  }
                >
                  {t("roles.block")}
                </ConfirmButton>
              )}
            </div>
          )}
          {(block.error ?? unblock.error) && <FormError error={block.error ?? unblock.error} fields={[]} />}
          {block.data && block.data.user.id === user.id && (
            <p role="status" className="receipt">
              {t("roles.blockReceipt", {
                count: Number(block.data.sessions_ended),
                time: userTimeText(block.data.at, i18n.language),
              })}
            </p>
          )}
          <div className="user-drawer__assignments-header">
            <h3 className="user-drawer__heading" id={`assignments-${user.id}`}>
              {t("roles.assignments")}
            </h3>
            {overview.delegable.length > 0 && (
              <Button variant="secondary" icon={<Add20Regular />} {...restoreFocus} onClick={() => setDialog("grant")}>
                {t("roles.grant")}
              </Button>
            )}
          </div>
          {summary.assignments.length === 0 ? (
            <EmptyState
              title={t("roles.noAssignments")}
              next={t(overview.delegable.length > 0 ? "roles.noAssignmentsGrant" : "roles.noAssignmentsAsk")}
            />
          ) : (
            <Table size={size} aria-labelledby={`assignments-${user.id}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t("roles.role")}</TableHeaderCell>
                  <TableHeaderCell>{t("roles.scope")}</TableHeaderCell>
                  <TableHeaderCell>
                    <span className="visually-hidden">{t("roles.actions")}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {summary.assignments.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>{role(a)}</TableCell>
                    <TableCell>{where(a)}</TableCell>
                    <TableCell className="user-drawer__row-action">
                      {overview.delegable.some((g) => sameGrant(g, a)) && (
                        <Button variant="quiet" {...restoreFocus} onClick={() => setDialog(a)}>
                          {t("roles.revoke")}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {receipt && (
            <p role="status" className="receipt">
              {t("roles.receipt", {
                role: name(receipt.assignment),
                count: receipt.live_sessions,
                time: userTimeText(receipt.at, i18n.language),
              })}
            </p>
          )}
          {dialog === "grant" && (
            <GrantDialog
              userId={user.id}
              options={overview.delegable.filter((g) => !summary.assignments.some((a) => sameGrant(a, g)))}
              name={name}
              onDone={(granted) => {
                if (granted) notify(t("roles.granted", { role: name(granted), name: user.display_name }));
                setDialog(null);
              }}
            />
          )}
          {dialog !== null && dialog !== "grant" && (
            <RevokeDialog
              user={user}
              assignment={dialog}
              name={name}
              onDone={(r) => {
                if (r) {
                  setReceipt(r);
                  notify(t("roles.revoked", { role: name(r.assignment), name: user.display_name }));
                }
                setDialog(null);
              }}
            />
          )}
        </>
      )}
    </Drawer>
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
    <Dialog
      kind="alert"
      title={t("roles.resetTwoFactorTitle")}
      onClose={() => onDone(null)}
      actions={
        <>
          <Button variant="secondary" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
          <Button busy={reset.isPending} onClick={() => reset.mutate(user.id, { onSuccess: onDone })}>
            {t("roles.confirmResetTwoFactor")}
          </Button>
        </>
      }
    >
      <p>{t("roles.resetTwoFactorText", { name: user.display_name })}</p>
      <FormError error={(reset.error as CommandError | null) ?? null} fields={[]} />
    </Dialog>
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
    <div className="access-preview" role="group" aria-label={t("roles.preview")}>
      <AccessSummary access={preview.data.before} label={t("roles.now")} />
      <AccessSummary access={preview.data.after} label={t("roles.afterChange")} />
    </div>
  );
}

type GrantProps = { userId: number; options: Grant[]; name: (g: Grant) => string; onDone: (granted: Grant | null) => void };

function GrantDialog({ userId, options, name, onDone }: GrantProps) {
  const { t } = useTranslation();
  const grant = useGrant();
  const [choice, setChoice] = useState<Grant | null>(null);
  return (
    <Dialog
      title={t("roles.grantTitle")}
      onClose={() => onDone(null)}
      actions={
        <>
          <Button variant="secondary" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!choice}
            busy={grant.isPending}
            onClick={() => choice && grant.mutate({ user_id: userId, ...choice }, { onSuccess: () => onDone(choice) })}
          >
            {t("roles.confirmGrant")}
          </Button>
        </>
      }
    >
      <div className="form">
        <FluentField label={t("roles.roleAndScope")} hint={t("roles.roleAndScopeHint")}>
          <Select
            value={choice ? grantKey(choice) : ""}
            onChange={(_, data) => setChoice(options.find((g) => grantKey(g) === data.value) ?? null)}
          >
            <option value="">{t("roles.choose")}</option>
            {options.map((g) => (
              <option key={grantKey(g)} value={grantKey(g)}>
                {name(g)}
              </option>
            ))}
          </Select>
        </FluentField>
        <Preview userId={userId} change={choice && { kind: "grant", role: choice.role, scope: choice.scope }} />
        <FormError error={(grant.error as CommandError | null) ?? null} fields={[]} />
      </div>
    </Dialog>
  );
}

type RevokeProps = {
  user: User;
  assignment: RoleAssignment;
  name: (g: Grant) => string;
  onDone: (receipt: RevocationReceipt | null) => void;
};

function RevokeDialog({ user, assignment, name, onDone }: RevokeProps) {
  const { t } = useTranslation();
  const revoke = useRevoke();
  return (
    <Dialog
      kind="alert"
      title={t("roles.revokeTitle")}
      onClose={() => onDone(null)}
      actions={
        <>
          <Button variant="secondary" onClick={() => onDone(null)}>
            {t("common.cancel")}
          </Button>
          <Button busy={revoke.isPending} onClick={() => revoke.mutate(assignment.id, { onSuccess: onDone })}>
            {t("roles.confirmRevoke")}
          </Button>
        </>
      }
    >
      <div className="form">
        <p>{t("roles.revokeQuestion", { role: name(assignment), name: user.display_name })}</p>
        <Preview userId={user.id} change={{ kind: "revoke", assignment_id: assignment.id }} />
        <FormError error={(revoke.error as CommandError | null) ?? null} fields={[]} />
      </div>
    </Dialog>
  );
}
