import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StartupNotice } from "../bindings";
import { Button } from "../shared/Button";
import { ipc } from "../ipc";

export const STARTUP_NOTICES = ["startup-notices"] as const;

/** What the console worked around to start (no keyring, a damaged or newer cache): one banner above every screen. */
export function StartupNotices() {
  const notices = useQuery({ queryKey: STARTUP_NOTICES, queryFn: ipc.startupNotices });
  const [dismissed, setDismissed] = useState<string[]>([]);
  const shown = (notices.data ?? []).filter((notice) => !dismissed.includes(notice.kind));
  if (!shown.length) return null;
  return (
    <div className="startup-notices">
      {shown.map((notice) => (
        <Notice key={notice.kind} notice={notice} onDismiss={() => setDismissed((d) => [...d, notice.kind])} />
      ))}
    </div>
  );
}

function Notice({ notice, onDismiss }: { notice: StartupNotice; onDismiss: () => void }) {
  const { t } = useTranslation();
  switch (notice.kind) {
    case "no_keyring":
      return (
        <div role="status" className="startup-notice">
          <p>{t("startup.noKeyring")}</p>
          <p className="muted">{t("startup.noKeyringReason", { reason: notice.reason })}</p>
        </div>
      );
    case "cache_reset":
      // Said once: the next start finds a sound cache; dismissed, it is gone for this run too.
      return (
        <div role="status" className="startup-notice">
          <p>{t("startup.cacheReset", { movedTo: notice.moved_to })}</p>
          {notice.salvaged_unsent > 0 && <p>{t("startup.cacheResetSalvaged", { count: notice.salvaged_unsent })}</p>}
          <p className="muted">{notice.reason}</p>
          <Button variant="secondary" onClick={onDismiss}>
            {t("startup.dismiss")}
          </Button>
        </div>
      );
    case "log_disk_full":
      return (
        <div role="alert" className="startup-notice">
          <p>{t("startup.logDiskFull")}</p>
          <p className="muted">{notice.message}</p>
        </div>
      );
    case "newer_cache":
      return (
        <div role="alert" className="startup-notice">
          <p>{t("startup.newerCache", { path: notice.path, found: notice.found, known: notice.known })}</p>
        </div>
      );
  }
}
