import { MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Connection, SessionView } from "../bindings";
import { events, ipc } from "../ipc";
import { MaintenanceBanner } from "../panels/maintenance/MaintenanceBanner";
import { Button } from "../shared/Button";
import { ChangeNoticeBanner } from "../panels/settings/ChangeNotices";
import { UPDATE_OFFER, useFeature, useUpdateOffer } from "../panels/settings/queries";
import { DrawnProbe } from "./firstPanel";
import { Header } from "./Header";
import { NavigationContext } from "./navigation";
import { PANEL_IDS, PANELS, type PanelId } from "./panels";
import { Sidebar } from "./Sidebar";
import { SyncProgress } from "./SyncProgress";
import { useActivityReporter } from "./useActivityReporter";
import { useShortcuts } from "./useShortcuts";

type ShellProps = {
  session: SessionView;
  connection: Connection;
  onSignedOut: () => void;
  /** The console started on a kept session: the last panel comes back with the window. */
  restoreLastPanel?: boolean;
};

function isPanelId(panel: string | null | undefined): panel is PanelId {
  return PANEL_IDS.includes(panel as PanelId);
}

/**
 * The open panel. After a sign-in it is the Overview; when the console starts on a kept
 * session the panel open at the last close comes back (kept in the console's settings).
 * Every change the user makes is remembered.
 */
function usePanel(restoreLastPanel: boolean): [PanelId, (panel: PanelId) => void] {
  const [panel, setPanel] = useState<PanelId>("overview");
  const chosen = useRef(false);
  const select = useCallback((next: PanelId) => {
    chosen.current = true;
    setPanel(next);
    ipc.rememberPanel(next).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!restoreLastPanel) {
      ipc.rememberPanel("overview").catch(() => undefined);
      return;
    }
    ipc
      .desktopSettings()
      .then(({ last_panel }) => {
        if (!chosen.current && isPanelId(last_panel)) setPanel(last_panel);
      })
      .catch(() => undefined);
  }, [restoreLastPanel]);
  useEffect(() => {
    const unlisten = events.onOpenPanel((next) => {
      if (isPanelId(next)) select(next);
    });
    return () => void unlisten.then((stop) => stop());
  }, [select]);
  return [panel, select];
}

export function Shell({ session, connection, onSignedOut, restoreLastPanel = false }: ShellProps) {
  const { t } = useTranslation();
  const [panel, setPanel] = usePanel(restoreLastPanel);
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
            <MessageBar intent="warning" layout="multiline" role="note" aria-labelledby={undefined} className="shell__banner">
              <MessageBarBody>{t("shell.demoNotice")}</MessageBarBody>
            </MessageBar>
          )}
          {offer && panel !== "settings" && (
            <MessageBar intent="info" layout="multiline" role="note" aria-labelledby={undefined} className="shell__banner">
              <MessageBarBody>
                {offer.auto_install?.kind === "installed"
                  ? t("shell.update.autoInstalled", { version: offer.version })
                  : t("shell.update.banner", { version: offer.version })}
              </MessageBarBody>
              <MessageBarActions>
                <Button variant="secondary" onClick={() => setPanel("settings")}>
                  {t("shell.update.bannerOpen")}
                </Button>
              </MessageBarActions>
            </MessageBar>
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
