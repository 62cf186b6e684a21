import { MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
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

type BarProps = { alert?: boolean; onDismiss?: () => void; children: ReactNode };

/** Something wrong that the console works around is a warning; what it had to leave behind is an error. */
function Bar({ alert = false, onDismiss, children }: BarProps) {
  const { t } = useTranslation();
  return (
    <MessageBar
      layout="multiline"
      intent={alert ? "error" : "warning"}
      role={alert ? "alert" : "status"}
      aria-labelledby={undefined}
      className="startup-notice"
    >
      <MessageBarBody>{children}</MessageBarBody>
      {onDismiss && (
        <MessageBarActions
          containerAction={
            <Button variant="quiet" icon={<Dismiss20Regular />} aria-label={t("startup.dismiss")} onClick={onDismiss} />
          }
        />
      )}
    </MessageBar>
  );
}

function Notice({ notice, onDismiss }: { notice: StartupNotice; onDismiss: () => void }) {
  const { t } = useTranslation();
  switch (notice.kind) {
    case "no_keyring":
      return (
        <Bar>
          <p>{t("startup.noKeyring")}</p>
          <p className="muted">{t("startup.noKeyringReason", { reason: notice.reason })}</p>
        </Bar>
      );
    case "cache_reset":
      // Said once: the next start finds a sound cache; dismissed, it is gone for this run too.
      return (
        <Bar onDismiss={onDismiss}>
          <p>{t("startup.cacheReset", { movedTo: notice.moved_to })}</p>
          {notice.salvaged_unsent > 0 && <p>{t("startup.cacheResetSalvaged", { count: notice.salvaged_unsent })}</p>}
          <p className="muted">{notice.reason}</p>
        </Bar>
      );
    case "log_disk_full":
      return (
        <Bar alert>
          <p>{t("startup.logDiskFull")}</p>
          <p className="muted">{notice.message}</p>
        </Bar>
      );
    case "newer_cache":
      return (
        <Bar alert>
          <p>{t("startup.newerCache", { path: notice.path, found: notice.found, known: notice.known })}</p>
        </Bar>
      );
  }
}
