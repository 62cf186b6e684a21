import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { StartupNotice } from "../bindings";
import { ipc } from "../ipc";

export const STARTUP_NOTICES = ["startup-notices"] as const;

/** What the console worked around to start (no keyring…): one banner above every screen. */
export function StartupNotices() {
  const notices = useQuery({ queryKey: STARTUP_NOTICES, queryFn: ipc.startupNotices });
  if (!notices.data?.length) return null;
  return (
    <div className="startup-notices">
      {notices.data.map((notice) => (
        <Notice key={notice.kind} notice={notice} />
      ))}
    </div>
  );
}

function Notice({ notice }: { notice: StartupNotice }) {
  const { t } = useTranslation();
  switch (notice.kind) {
    case "no_keyring":
      return (
        <div role="status" className="startup-notice">
          <p>{t("startup.noKeyring")}</p>
          <p className="muted">{t("startup.noKeyringReason", { reason: notice.reason })}</p>
        </div>
      );
  }
}
