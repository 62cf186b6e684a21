import {
  Badge,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  useRestoreFocusTarget,
  type BadgeProps,
} from "@fluentui/react-components";
import { ArrowCounterclockwise20Regular } from "@fluentui/react-icons";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, RestoreRequestView, RestoreStatus } from "../../bindings";
import { Button } from "../../shared/Button";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { useTableSize } from "../../shared/density";
import { useDescribeError } from "../../shared/errors";
import { Field } from "../../shared/Field";
import { EmptyState } from "../../shared/TableStates";
import { TableScroll } from "../../shared/TableScroll";
import { useNotify } from "../../shared/toast";
import { UserTime } from "../../shared/UserTime";
import type { BackupFormat } from "./format";
import { useStepRestore } from "./queries";

const BADGE: Record<RestoreStatus, NonNullable<BadgeProps["color"]>> = {
  requested: "informative",
  estimated: "informative",
  approved: "success",
  in_progress: "success",
  done: "success",
  rejected: "danger",
};

type Props = {
  requests: RestoreRequestView[];
  /** Operators see every account's requests, so each row names its account. */
  showAccount: boolean;
  offline: boolean;
  format: BackupFormat;
  onRequest: (() => void) | null;
};

export function RestoreRequests({ requests, showAccount, offline, format, onRequest }: Props) {
  const { t } = useTranslation();
  const size = useTableSize();
  // The dialog opens without a trigger of the library's: this marks where focus returns on close.
  const returnFocusHere = useRestoreFocusTarget();
  const title = t("backups.requestsTitle");
  return (
    <section className="card" aria-labelledby="backups-requests-title">
      <div className="card__header">
        <h2 id="backups-requests-title" className="card__title">
          {title}
        </h2>
        {onRequest && (
          <Button
            {...returnFocusHere}
            icon={<ArrowCounterclockwise20Regular />}
            onClick={onRequest}
            disabled={offline}
            title={offline ? t("backups.needsService") : undefined}
          >
            {t("backups.requestRestore")}
          </Button>
        )}
      </div>
      {requests.length === 0 ? (
        <EmptyState title={t("backups.noRequests")} next={onRequest ? t("backups.noRequestsNext") : t("backups.noRequestsOperator")} />
      ) : (
        <TableScroll>
          <Table size={size} aria-label={title} className="backups-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t("backups.request")}</TableHeaderCell>
                <TableHeaderCell>{t("backups.scope")}</TableHeaderCell>
                <TableHeaderCell>{t("backups.snapshot")}</TableHeaderCell>
                <TableHeaderCell>{t("backups.status")}</TableHeaderCell>
                <TableHeaderCell className="num">{t("backups.estimate")}</TableHeaderCell>
                <TableHeaderCell>{t("backups.actions")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {requests.map((view) => (
                <RequestRow key={view.request.id} view={view} showAccount={showAccount} offline={offline} format={format} />
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <p className="legend-note">{t("backups.requestsNote")}</p>
    </section>
  );
}

function RequestRow({ view, showAccount, offline, format }: Omit<Props, "requests" | "onRequest"> & { view: RestoreRequestView }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { request } = view;
  const step = useStepRestore();
  const describe = useDescribeError();
  const error = step.error as CommandError | null;
  const created = request.steps[0];
  const scope = request.scope === "full" ? t("backups.scopeFullShort") : t("backups.scopeChannelShort", { channel: view.channel_name ?? "" });
  const take = (status: RestoreStatus, estimate_hours: number | null = null) =>
    step.mutate(
      { id: request.id, patch: { status, estimate_hours, note: null } },
      { onSuccess: () => notify(t(`backups.stepDone.${status}`, { id: request.id })) },
    );
  const label = (next: RestoreStatus) =>
    next === "approved" && request.estimate_hours !== null
      ? t("backups.accept", { hours: format.hours(request.estimate_hours) })
      : t(`backups.stepTo.${next}`);

  return (
    <TableRow aria-label={t("backups.requestLabel", { id: request.id })}>
      <TableCell>
        <div className="backups-cell">
          <span>#{request.id}</span>
          {created && <UserTime iso={created.at} />}
        </div>
      </TableCell>
      <TableCell>
        <div className="backups-cell">
          {showAccount && <span>{view.account_name}</span>}
          <span>{scope}</span>
        </div>
      </TableCell>
      <TableCell>{view.snapshot_taken_at ? <UserTime iso={view.snapshot_taken_at} /> : `#${request.backup_id}`}</TableCell>
      <TableCell>
        <div className="backups-cell">
          <Badge appearance="tint" color={BADGE[request.status]}>
            {t(`backups.restoreStatus.${request.status}`)}
          </Badge>
          <details>
            <summary>{t("backups.history")}</summary>
            <ol className="backups-steps">
              {request.steps.map((s, i) => (
                <li key={i}>
                  {t(`backups.restoreStatus.${s.status}`)} · <UserTime iso={s.at} /> · {s.by}
                  {s.note && <> · {s.note}</>}
                </li>
              ))}
            </ol>
          </details>
        </div>
      </TableCell>
      <TableCell className="num">{request.estimate_hours === null ? t("backups.none") : format.hours(request.estimate_hours)}</TableCell>
      <TableCell>
        <div className="backups-cell">
          <div className="row-actions">
            {view.next_steps.map((next) =>
              next === "estimated" ? (
                <EstimateForm key={next} busy={step.isPending} offline={offline} onSubmit={(hours) => take("estimated", hours)} />
              ) : next === "rejected" ? (
                <ConfirmButton
                  key={next}
                  title={t("backups.rejectTitle", { id: request.id })}
                  question={t("backups.rejectQuestion", { id: request.id, account: view.account_name })}
                  busy={step.isPending}
                  disabled={offline}
                  onConfirm={() => take(next)}
                >
                  {label(next)}
                </ConfirmButton>
              ) : (
                <Button key={next} busy={step.isPending} disabled={offline} onClick={() => take(next)}>
                  {label(next)}
                </Button>
              ),
            )}
          </div>
          {error && (
            <MessageBar layout="multiline" intent="error" role="alert" aria-labelledby={undefined}>
              <MessageBarBody>{describe(error)}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </TableCell>
    </TableRow>
  );
}

function EstimateForm({ busy, offline, onSubmit }: { busy: boolean; offline: boolean; onSubmit: (hours: number) => void }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(Number(hours));
  };
  return (
    <form className="backups-estimate" onSubmit={submit}>
      <Field
        label={t("backups.estimateHours")}
        type="number"
        step="0.5"
        min="0"
        value={hours}
        onChange={(_, data) => setHours(data.value)}
        required
      />
      <Button type="submit" busy={busy} disabled={offline}>
        {t("backups.stepTo.estimated")}
      </Button>
    </form>
  );
}
