import { ProgressBar } from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditSyncProgress } from "../bindings";
import { events } from "../ipc";
import { formatCount } from "../shared/number";

/**
 * The audit log's sync, from "Sync now" or the background: a bar while pages are still to
 * come (a one-page sync never shows it), and every audit view reads the cache again after.
 */
export function SyncProgress() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [progress, setProgress] = useState<AuditSyncProgress | null>(null);
  useEffect(() => {
    const subscription = events.onAuditSyncProgress((next) => {
      if (next.done) {
        setProgress(null);
        void client.invalidateQueries({ queryKey: ["audit"] });
      } else {
        setProgress(next);
      }
    });
    return () => void subscription.then((unlisten) => unlisten());
  }, [client]);
  if (!progress || (progress.synced >= progress.total && progress.waiting_secs === null)) return null;
  const number = (value: number) => formatCount(value, i18n.language);
  return (
    <div className="sync-progress" role="status">
      <div className="sync-progress__line">
        <span>
          {progress.waiting_secs !== null
            ? t("shell.auditSync.syncWaiting", { seconds: Math.ceil(progress.waiting_secs) })
            : t("shell.auditSync.syncing", {
                synced: number(progress.synced),
                total: number(progress.total),
                rate: number(progress.events_per_sec),
              })}
          {progress.seconds_left !== null && progress.waiting_secs === null && ` · ${t("shell.auditSync.timeLeft", { seconds: Math.ceil(progress.seconds_left) })}`}
        </span>
        <ProgressBar
          className="sync-progress__bar"
          max={Math.max(progress.total, 1)}
          value={progress.synced}
          aria-label={t("shell.auditSync.syncProgress")}
        />
      </div>
    </div>
  );
}
