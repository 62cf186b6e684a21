import { Field, ProgressBar, Select } from "@fluentui/react-components";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OfflineStatus, SyncPart } from "../../bindings";
import { events, ipc } from "../../ipc";
import { Button } from "../../shared/Button";
import { ConfirmButton } from "../../shared/ConfirmButton";
import { FormError } from "../../shared/errors";
import { useNotify } from "../../shared/toast";
import { UserTime } from "../../shared/UserTime";

export const OFFLINE = ["offline-status"] as const;

/** The background sync's choices; the default (5) comes from the console core. */
const CADENCES = [1, 5, 15, 30, 60, 240] as const;

/** A size as the user's language writes it: 512 kB, 1.4 MB. */
function formatSize(bytes: number, language: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : [bytes / 1_000, "kilobyte"];
  return new Intl.NumberFormat(language, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 }).format(value);
}

/** The full sync's bar, while "Sync everything" or the background sync runs. */
type Running = { done: number; total: number; part: SyncPart };

function useFullSyncProgress(): Running | null {
  const client = useQueryClient();
  const [progress, setProgress] = useState<Running | null>(null);
  useEffect(() => {
    const progressing = events.onFullSyncProgress(({ done, total, part }) => setProgress(part === null ? null : { done, total, part }));
    // Every panel's copy is new: each panel reads again, and the card shows the new time.
    const finished = events.onFullSyncFinished(() => void client.invalidateQueries());
    return () => {
      void progressing.then((unlisten) => unlisten());
      void finished.then((unlisten) => unlisten());
    };
  }, [client]);
  return progress;
}

/**
 * Settings → Offline copy: every panel works offline from the copy the background sync
 * keeps; here its size, when it was last refreshed, how often, and clearing it.
 */
export function OfflineCard() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const status = useQuery({ queryKey: OFFLINE, queryFn: ipc.offlineStatus });
  const progress = useFullSyncProgress();
  const settle = (next: OfflineStatus) => client.setQueryData(OFFLINE, next);
  const syncAll = useMutation({
    mutationFn: ipc.syncEverything,
    onSuccess: (report) => {
      notify(report.not_synced.length === 0 ? t("offlineCopy.synced") : t("offlineCopy.syncedPartly", { count: report.not_synced.length }));
      void client.invalidateQueries();
    },
  });
  const cadence = useMutation({ mutationFn: ipc.setSyncCadence, onSuccess: settle });
  const clear = useMutation({
    mutationFn: ipc.clearCache,
    onSuccess: (next) => {
      settle(next);
      notify(t("offlineCopy.cleared"));
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== OFFLINE[0] });
    },
  });
  const data = status.data;
  return (
    <section className="card" aria-labelledby="offline-title">
      <h2 className="card__title" id="offline-title">
        {t("offlineCopy.title")}
      </h2>
      <p className="muted">{t("offlineCopy.help")}</p>
      <FormError error={status.error} fields={[]} />
      {data && (
        <>
          <dl className="offline-facts">
            <dt>{t("offlineCopy.size")}</dt>
            <dd>{formatSize(data.cache_bytes, i18n.language)}</dd>
            <dt>{t("offlineCopy.lastFullSync")}</dt>
            <dd>{data.last_full_sync ? <UserTime iso={data.last_full_sync} /> : t("offlineCopy.never")}</dd>
          </dl>
          {data.paused && <p className="muted">{t(`offlineCopy.paused.${data.paused}`)}</p>}
          <Field label={t("offlineCopy.cadence")}>
            <Select value={String(data.cadence_minutes)} onChange={(_, choice) => cadence.mutate(Number(choice.value))}>
              {CADENCES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {t("offlineCopy.every", { count: minutes })}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {progress && (
        <div className="offline-progress" role="status">
          <span>{t("offlineCopy.progress", { part: t(`offlineCopy.part.${progress.part}`), done: progress.done, total: progress.total })}</span>
          <ProgressBar max={progress.total} value={progress.done} aria-label={t("offlineCopy.progressLabel")} />
        </div>
      )}
      <div className="offline-actions">
        <Button variant="primary" busy={syncAll.isPending} disabled={progress !== null} onClick={() => syncAll.mutate()}>
          {t("offlineCopy.syncEverything")}
        </Button>
        <ConfirmButton title={t("offlineCopy.clearTitle")} question={t("offlineCopy.clearQuestion")} busy={clear.isPending} onConfirm={() => clear.mutate()}>
          {t("offlineCopy.clear")}
        </ConfirmButton>
      </div>
      <FormError error={syncAll.error ?? cadence.error ?? clear.error} fields={[]} />
    </section>
  );
}
