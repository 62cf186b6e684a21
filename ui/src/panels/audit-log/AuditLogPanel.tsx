import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditExportProgress, AuditOutcome, AuditStatus, ChainCheck, ExportFormat, Kept } from "../../bindings";
import { events } from "../../ipc";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { OfflineNote } from "../../shared/OfflineNote";
import { formatCount } from "../../shared/number";
import { userTimeText } from "../../shared/time";
import { AuditTable } from "./AuditTable";
import { EventDrawer } from "./EventDrawer";
import { NO_FILTER, useAuditCount, useAuditStatus, useExport, useSyncNow, useVerify, type AuditFilter } from "./queries";
import "./audit-log.css";

const OUTCOMES: AuditOutcome[] = ["allowed", "refused", "failed"];
/** Typing settles this long before the cache is searched (and the search recorded). */
const SEARCH_DELAY_MS = 300;

export function AuditLogPanel() {
  const { t, i18n } = useTranslation();
  const status = useAuditStatus();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [open, setOpen] = useState<number | null>(null);
  const count = useAuditCount(filter);
  const set = (patch: Partial<AuditFilter>) => setFilter((current) => ({ ...current, ...patch }));
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.auditLog")}
      </h1>
      {status.error && <FormError error={status.error} fields={[]} />}
      {status.data && <StatusBar kept={status.data} />}
      <Filters filter={filter} onChange={set} newCount={status.data?.value.new_in_last_sync ?? 0} />
      <ExportBar filter={filter} />
      {count.error && <FormError error={count.error} fields={[]} />}
      {count.data !== undefined && (
        <>
          <p role="status" className="muted">
            {t("audit.matching", { n: formatCount(count.data, i18n.language) })}
          </p>
          <AuditTable
            filter={filter}
            total={count.data}
            onSort={(descending) => set({ descending })}
            onOpen={setOpen}
          />
        </>
      )}
      {open !== null && <EventDrawer seq={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function StatusBar({ kept }: { kept: Kept<AuditStatus> }) {
  const status = kept.value;
  const syncedAt = kept.fetched_at;
  const { t, i18n } = useTranslation();
  const sync = useSyncNow();
  const verify = useVerify();
  return (
    <div className="audit-status">
      <OfflineNote kept={kept} />
      {status.broken_seq !== null && (
        <p role="alert" className="form-error">
          {t("audit.brokenAt", { seq: status.broken_seq, reason: t(`audit.chain.${status.broken_reason ?? "link_broken"}`) })}
        </p>
      )}
      <p className="audit-status__line">
        {syncedAt === null
          ? t("audit.neverSynced")
          : t("audit.cached", { n: formatCount(status.cached, i18n.language), time: userTimeText(syncedAt, i18n.language) })}{" "}
        <Button variant="secondary" busy={sync.isPending || status.syncing} onClick={() => sync.mutate()}>
          {t("audit.syncNow")}
        </Button>{" "}
        <Button variant="secondary" busy={verify.isPending} onClick={() => verify.mutate()}>
          {t("audit.verify")}
        </Button>
      </p>
      {sync.error && <FormError error={sync.error} fields={[]} />}
      {verify.error && <FormError error={verify.error} fields={[]} />}
      {verify.data && <VerifyResult check={verify.data} />}
    </div>
  );
}

function VerifyResult({ check }: { check: ChainCheck }) {
  const { t, i18n } = useTranslation();
  if (check.broken_seq === null) {
    return (
      <p role="status" className="badge badge--good">
        {t("audit.verified", { n: formatCount(check.checked, i18n.language) })}
      </p>
    );
  }
  return (
    <p role="alert" className="form-error">
      {t("audit.verifyBroken", {
        seq: check.broken_seq,
        reason: t(`audit.chain.${check.broken_reason ?? "link_broken"}`),
        n: formatCount(check.checked, i18n.language),
      })}
    </p>
  );
}

/** `datetime-local` reads in the user's zone; the cache compares UTC instants. */
function toInstant(local: string): string | null {
  const date = new Date(local);
  return local === "" || Number.isNaN(date.getTime()) ? null : date.toISOString();
}

type FiltersProps = { filter: AuditFilter; onChange: (patch: Partial<AuditFilter>) => void; newCount: number };

function Filters({ filter, onChange, newCount }: FiltersProps) {
  const { t, i18n } = useTranslation();
  const outcomeId = useId();
  const [text, setText] = useState(filter.text ?? "");
  const [actor, setActor] = useState(filter.actor ?? "");
  const [action, setAction] = useState(filter.action ?? "");
  useEffect(() => {
    const timer = setTimeout(
      () => onChange({ text: text.trim() || null, actor: actor.trim() || null, action: action.trim() || null }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
    // Only typing restarts the wait; onChange is a fresh closure every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [text, actor, action]);
  return (
    <div className="filters audit-filters">
      <label className="field">
        <span className="field__label">{t("audit.search")}</span>
        <input className="field__input" type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t("audit.col.actor")}</span>
        <input className="field__input" value={actor} onChange={(e) => setActor(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t("audit.col.action")}</span>
        <input className="field__input" value={action} placeholder="POST /api/v1/sessions" onChange={(e) => setAction(e.target.value)} />
      </label>
      <div className="field">
        <label className="field__label" htmlFor={outcomeId}>
          {t("audit.col.outcome")}
        </label>
        <select
          id={outcomeId}
          className="field__input"
          value={filter.outcome ?? ""}
          onChange={(e) => onChange({ outcome: (e.target.value || null) as AuditOutcome | null })}
        >
          <option value="">{t("audit.anyOutcome")}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`audit.outcome.${outcome}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="field">
        <span className="field__label">{t("audit.from")}</span>
        <input className="field__input" type="datetime-local" onChange={(e) => onChange({ from: toInstant(e.target.value) })} />
      </label>
      <label className="field">
        <span className="field__label">{t("audit.to")}</span>
        <input className="field__input" type="datetime-local" onChange={(e) => onChange({ to: toInstant(e.target.value) })} />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={filter.new_since_last_sync}
          onChange={(e) => onChange({ new_since_last_sync: e.target.checked })}
        />{" "}
        {t("audit.newSinceSync", { n: formatCount(newCount, i18n.language) })}
      </label>
    </div>
  );
}

function ExportBar({ filter }: { filter: AuditFilter }) {
  const { t, i18n } = useTranslation();
  const exporting = useExport();
  const [progress, setProgress] = useState<AuditExportProgress | null>(null);
  useEffect(() => {
    const subscription = events.onAuditExportProgress(setProgress);
    return () => void subscription.then((unlisten) => unlisten());
  }, []);
  const start = (format: ExportFormat) => {
    setProgress(null);
    exporting.mutate({ filter, format });
  };
  return (
    <div className="audit-export">
      <Button variant="secondary" busy={exporting.isPending} onClick={() => start("csv")}>
        {t("audit.exportCsv")}
      </Button>{" "}
      <Button variant="secondary" busy={exporting.isPending} onClick={() => start("json")}>
        {t("audit.exportJson")}
      </Button>
      {exporting.isPending && progress && (
        <label className="audit-progress">
          {t("audit.exporting", { written: formatCount(progress.written, i18n.language), total: formatCount(progress.total, i18n.language) })}
          <progress max={Math.max(progress.total, 1)} value={progress.written} />
        </label>
      )}
      {exporting.isSuccess && exporting.data !== null && (
        <p role="status">{t("audit.exported", { path: exporting.data })}</p>
      )}
      {exporting.error && <FormError error={exporting.error} fields={[]} />}
    </div>
  );
}
