import { Checkbox, Field as FluentField, MessageBar, MessageBarBody, ProgressBar, Select } from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowSyncRegular, ShieldCheckmarkRegular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditExportProgress, AuditOutcome, AuditStatus, ChainCheck, ExportFormat, Kept } from "../../bindings";
import { events } from "../../ipc";
import { Button } from "../../shared/Button";
import { FormError } from "../../shared/errors";
import { Field } from "../../shared/Field";
import { OfflineNote } from "../../shared/OfflineNote";
import { formatCount } from "../../shared/number";
import { EmptyState, TableSkeleton } from "../../shared/TableStates";
import { userTimeText } from "../../shared/time";
import { useNotify } from "../../shared/toast";
import { AuditTable } from "./AuditTable";
import { EventDrawer } from "./EventDrawer";
import { NO_FILTER, useAuditCount, useAuditStatus, useExport, useSyncNow, useVerify, type AuditFilter } from "./queries";
import "./audit-log.css";

const OUTCOMES: AuditOutcome[] = ["allowed", "refused", "failed"];
/** Typing settles this long before the cache is searched (and the search recorded). */
const SEARCH_DELAY_MS = 300;
const COLUMNS = 7;

/** Whether anything narrows the log; the order of the rows does not. */
const narrowed = (filter: AuditFilter) =>
  (Object.keys(NO_FILTER) as Array<keyof AuditFilter>).some((key) => key !== "descending" && filter[key] !== NO_FILTER[key]);

export function AuditLogPanel() {
  const { t, i18n } = useTranslation();
  const status = useAuditStatus();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  // The filter inputs keep what is typed until it settles; a new key clears them with the filter.
  const [filtersKey, setFiltersKey] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const count = useAuditCount(filter);
  const set = (patch: Partial<AuditFilter>) => setFilter((current) => ({ ...current, ...patch }));
  const clear = () => {
    setFilter((current) => ({ ...NO_FILTER, descending: current.descending }));
    setFiltersKey((key) => key + 1);
  };
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title" className="panel__title">
        {t("nav.auditLog")}
      </h1>
      {status.error && <FormError error={status.error} fields={[]} />}
      {status.data && <StatusBar kept={status.data} />}
      <Filters key={filtersKey} filter={filter} onChange={set} newCount={status.data?.value.new_in_last_sync ?? 0} />
      <div className="audit-results">
        {count.data !== undefined && (
          <p role="status" className="muted">
            {t("audit.matching", { n: formatCount(count.data, i18n.language) })}
          </p>
        )}
        <ExportBar filter={filter} />
      </div>
      {count.error && <FormError error={count.error} fields={[]} />}
      {count.isPending && <TableSkeleton columns={COLUMNS} label={t("audit.loading")} />}
      {count.data !== undefined &&
        (count.data > 0 ? (
          <AuditTable filter={filter} total={count.data} onSort={(descending) => set({ descending })} onOpen={setOpen} />
        ) : narrowed(filter) ? (
          <EmptyState
            title={t("audit.noMatch")}
            next={t("audit.noMatchNext")}
            action={
              <Button variant="secondary" onClick={clear}>
                {t("audit.clearFilter")}
              </Button>
            }
          />
        ) : (
          <EmptyState title={t("audit.emptyCache")} next={t("audit.emptyCacheNext")} />
        ))}
      {open !== null && <EventDrawer seq={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function StatusBar({ kept }: { kept: Kept<AuditStatus> }) {
  const status = kept.value;
  const syncedAt = kept.fetched_at;
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const sync = useSyncNow();
  const verify = useVerify();
  const syncNow = () =>
    sync.mutate(undefined, {
      onSuccess: (synced) => notify(t("audit.synced", { n: formatCount(synced.value.new_in_last_sync, i18n.language) })),
    });
  return (
    <div className="audit-status">
      <OfflineNote kept={kept} />
      {status.broken_seq !== null && (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>
            {t("audit.brokenAt", { seq: status.broken_seq, reason: t(`audit.chain.${status.broken_reason ?? "link_broken"}`) })}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className="audit-status__line">
        <span>
          {syncedAt === null
            ? t("audit.neverSynced")
            : t("audit.cached", { n: formatCount(status.cached, i18n.language), time: userTimeText(syncedAt, i18n.language) })}
        </span>
        <Button variant="secondary" icon={<ArrowSyncRegular />} busy={sync.isPending || status.syncing} onClick={syncNow}>
          {t("audit.syncNow")}
        </Button>
        <Button variant="secondary" icon={<ShieldCheckmarkRegular />} busy={verify.isPending} onClick={() => verify.mutate()}>
          {t("audit.verify")}
        </Button>
      </div>
      {sync.error && <FormError error={sync.error} fields={[]} />}
      {verify.error && <FormError error={verify.error} fields={[]} />}
      {verify.data && <VerifyResult check={verify.data} />}
    </div>
  );
}

function VerifyResult({ check }: { check: ChainCheck }) {
  const { t, i18n } = useTranslation();
  const broken = check.broken_seq !== null;
  return (
    <MessageBar layout="multiline" intent={broken ? "error" : "success"}>
      <MessageBarBody>
        {broken
          ? t("audit.verifyBroken", {
              seq: check.broken_seq,
              reason: t(`audit.chain.${check.broken_reason ?? "link_broken"}`),
              n: formatCount(check.checked, i18n.language),
            })
          : t("audit.verified", { n: formatCount(check.checked, i18n.language) })}
      </MessageBarBody>
    </MessageBar>
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
      {/* type=search: Ctrl+F finds this field (app/useShortcuts.ts). */}
      <Field label={t("audit.search")} type="search" value={text} onChange={(e) => setText(e.target.value)} />
      <Field label={t("audit.col.actor")} value={actor} onChange={(e) => setActor(e.target.value)} />
      <Field
        label={t("audit.col.action")}
        value={action}
        placeholder="POST /api/v1/sessions"
        onChange={(e) => setAction(e.target.value)}
      />
      <FluentField label={t("audit.col.outcome")}>
        <Select
          value={filter.outcome ?? ""}
          onChange={(_, data) => onChange({ outcome: (data.value || null) as AuditOutcome | null })}
        >
          <option value="">{t("audit.anyOutcome")}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`audit.outcome.${outcome}`)}
            </option>
          ))}
        </Select>
      </FluentField>
      <Field label={t("audit.from")} type="datetime-local" onChange={(e) => onChange({ from: toInstant(e.target.value) })} />
      <Field label={t("audit.to")} type="datetime-local" onChange={(e) => onChange({ to: toInstant(e.target.value) })} />
      <Checkbox
        checked={filter.new_since_last_sync}
        onChange={(_, data) => onChange({ new_since_last_sync: data.checked === true })}
        label={t("audit.newSinceSync", { n: formatCount(newCount, i18n.language) })}
      />
    </div>
  );
}

function ExportBar({ filter }: { filter: AuditFilter }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const exporting = useExport();
  const [progress, setProgress] = useState<AuditExportProgress | null>(null);
  useEffect(() => {
    const subscription = events.onAuditExportProgress(setProgress);
    return () => void subscription.then((unlisten) => unlisten());
  }, []);
  const start = (format: ExportFormat) => {
    setProgress(null);
    exporting.mutate(
      { filter, format },
      // No path: the manager cancelled the save dialog, nothing was exported.
      { onSuccess: (path) => path !== null && notify(t("audit.exported", { path })) },
    );
  };
  return (
    <div className="audit-export">
      <Button variant="secondary" icon={<ArrowDownloadRegular />} busy={exporting.isPending} onClick={() => start("csv")}>
        {t("audit.exportCsv")}
      </Button>
      <Button variant="secondary" icon={<ArrowDownloadRegular />} busy={exporting.isPending} onClick={() => start("json")}>
        {t("audit.exportJson")}
      </Button>
      {exporting.isPending && progress && (
        <FluentField
          className="audit-progress"
          label={t("audit.exporting", {
            written: formatCount(progress.written, i18n.language),
            total: formatCount(progress.total, i18n.language),
          })}
        >
          <ProgressBar max={Math.max(progress.total, 1)} value={progress.written} />
        </FluentField>
      )}
      {exporting.error && <FormError error={exporting.error} fields={[]} />}
    </div>
  );
}
