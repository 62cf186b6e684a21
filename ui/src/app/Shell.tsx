import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Connection, SessionView } from "../bindings";
import { events } from "../ipc";
import { MaintenanceBanner } from "../panels/maintenance/MaintenanceBanner";
import { ChangeNoticeBanner } from "../panels/settings/ChangeNotices";
import { useFeature } from "../panels/settings/queries";
import { UPDATE_OFFER, useUpdateOffer } from "../panels/settings/UpdatesCard";
import { DrawnProbe } from "./firstPanel";
import { Header } from "./Header";
import { NavigationContext } from "./navigation";
import { PANELS, type PanelId } from "./panels";
import { Sidebar } from "./Sidebar";
import { SyncProgress } from "./SyncProgress";
import { useActivityReporter } from "./useActivityReporter";
import { useShortcuts } from "./useShortcuts";

type ShellProps = { session: SessionView; connection: Connection; onSignedOut: () => void };

export function Shell({ session, connection, onSignedOut }: ShellProps) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<PanelId>("overview");
  useActivityReporter();
  useShortcuts(setPanel);
  const client = useQueryClient();
  // Feature toggles apply as soon as Settings saves them (4S-FEATURE-TOGGLES).
  const compact = useFeature("compact_tables", false);
  const maintenanceBanner = useFeature("maintenance_banner", true);
  const offer = useUpdateOffer().data;
  useEffect(() => {
    const unlisten = events.onUpdateAvailable((info) => client.setQueryData(UPDATE_OFFER, info));
    return () => void unlisten.then((stop) => stop());
  }, [client]);
  const Panel = PANELS[panel];
  return (
    <NavigationContext.Provider value={setPanel}>
      <div className={compact ? "shell shell--compact" : "shell"} data-compact={compact || undefined}>
        <Sidebar current={panel} onSelect={setPanel} />
        <div className="shell__main">
          <Header session={session} connection={connection} onSignedOut={onSignedOut} />
          {session.profile.demo && (
            <p className="demo-notice" role="note">
              {t("shell.demoNotice")}
            </p>
          )}
          {offer && panel !== "settings" && (
            <p className="demo-notice update-banner" role="note">
              {offer.auto_install?.kind === "installed"
                ? t("updates.autoInstalled", { version: offer.version })
                : t("updates.banner", { version: offer.version })}{" "}
              <button type="button" className="link-button" onClick={() => setPanel("settings")}>
                {t("updates.bannerOpen")}
              </button>
            </p>
          )}
          <ChangeNoticeBanner />
          {maintenanceBanner && <MaintenanceBanner />}
          <SyncProgress />
          <main className="content">
            <Suspense
              fallback={
                <p className="muted" role="status">
                  {t("app.loading")}
                </p>
              }
            >
              <Panel session={session} />
              <DrawnProbe key={panel} panel={panel} />
            </Suspense>
          </main>
        </div>
      </div>
    </NavigationContext.Provider>
  );
}
