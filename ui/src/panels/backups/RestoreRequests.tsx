import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CommandError, RestoreRequestView, RestoreStatus } from "../../bindings";
import { Button } from "../../shared/Button";
import { useDescribeError } from "../../shared/errors";
import { UserTime } from "../../shared/UserTime";
import type { BackupFormat } from "./format";
import { useStepRestore } from "./queries";
import { TableScroll } from "../../shared/TableScroll";

const BADGE: Record<RestoreStatus, string> = {
  requested: "badge",
  estimated: "badge",
  approved: "badge badge--good",
  in_progress: "badge badge--good",
  done: "badge badge--good",
  rejected: "badge badge--bad",
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
  const title = t("backups.requestsTitle");
  return (
    <section className="card" aria-labelledby="backups-requests-title">
      <div className="panel__header">
        <h2 id="backups-requests-title" className="card__title">
          {title}
        </h2>
        {onRequest && (
          <Button onClick={onRequest} disabled={offline} title={offline ? t("backups.needsService") : undefined}>
            {t("backups.requestRestore")}
          </Button>
        )}
      </div>
      {requests.length === 0 ? (
        <p className="muted">{t("backups.noRequests")}</p>
      ) : (
        <TableScroll>
          <table className="table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{t("backups.request")}</th>
                <th scope="col">{t("backups.scope")}</th>
                <th scope="col">{t("backups.snapshot")}</th>
                <th scope="col">{t("backups.status")}</th>
                <th scope="col" className="num">
                  {t("backups.estimate")}
                </th>
                <th scope="col">{t("backups.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((view) => (
                <RequestRow key={view.request.id} view={view} showAccount={showAccount} offline={offline} format={format} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="legend-note">{t("backups.requestsNote")}</p>
    </section>
  );
}

function RequestRow({ view, showAccount, offline, format }: Omit<Props, "requests" | "onRequest"> & { view: RestoreRequestView }) {
  const { t } = useTranslation();
  const { request } = view;
  const step = useStepRestore();
  const describe = useDescribeError();
  const error = step.error as CommandError | null;
  const created = request.steps[0];
  const scope = request.scope === "full" ? t("backups.scopeFullShort") : t("backups.scopeChannelShort", { channel: view.channel_name ?? "" });
  const take = (status: RestoreStatus, estimate_hours: number | null = null) =>
    step.mutate({ id: request.id, patch: { status, estimate_hours, note: null } });

  return (
    <tr aria-label={t("backups.requestLabel", { id: request.id })}>
      <td>
        #{request.id}
        {created && (
          <>
            <br />
            <UserTime iso={created.at} />
          </>
        )}
      </td>
      <td>
        {showAccount && (
          <>
            {view.account_name}
            <br />
          </>
        )}
        {scope}
      </td>
      <td>{view.snapshot_taken_at ? <UserTime iso={view.snapshot_taken_at} /> : `#${request.backup_id}`}</td>
      <td>
        <span className={BADGE[request.status]}>{t(`backups.restoreStatus.${request.status}`)}</span>
        <details>
          <summary>{t("backups.history")}</summary>
          <ol className="steps">
            {request.steps.map((s, i) => (
              <li key={i}>
                {t(`backups.restoreStatus.${s.status}`)} · <UserTime iso={s.at} /> · {s.by}
                {s.note && <> · {s.note}</>}
              </li>
            ))}
          </ol>
        </details>
      </td>
      <td className="num">{request.estimate_hours === null ? t("backups.none") : format.hours(request.estimate_hours)}</td>
      <td>
        <div className="row-actions">
          {view.next_steps.map((next) =>
            next === "estimated" ? (
              <EstimateForm key={next} busy={step.isPending} offline={offline} onSubmit={(hours) => take("estimated", hours)} />
            ) : (
              <Button key={next} variant={next === "rejected" ? "secondary" : "primary"} busy={step.isPending} disabled={offline} onClick={() => take(next)}>
                {next === "approved" && request.estimate_hours !== null
                  ? t("backups.accept", { hours: format.hours(request.estimate_hours) })
                  : t(`backups.stepTo.${next}`)}
              </Button>
            ),
          )}
        </div>
        {error && (
          <p role="alert" className="form-error">
            {describe(error)}
          </p>
        )}
      </td>
    </tr>
  );
}

function EstimateForm({ busy, offline, onSubmit }: { busy: boolean; offline: boolean; onSubmit: (hours: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [hours, setHours] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(Number(hours));
  };
  return (
    <form className="inline-field" onSubmit={submit}>
      <label htmlFor={id}>{t("backups.estimateHours")}</label>
      <input id={id} className="field__input" type="number" step="0.5" min="0" value={hours} onChange={(e) => setHours(e.target.value)} required />
      <Button type="submit" busy={busy} disabled={offline}>
        {t("backups.stepTo.estimated")}
      </Button>
    </form>
  );
}
