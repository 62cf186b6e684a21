import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Connection, SessionView } from "../bindings";
import { MaintenanceBanner } from "../panels/maintenance/MaintenanceBanner";
import { Header } from "./Header";
import { PANELS, type PanelId } from "./panels";
import { Sidebar } from "./Sidebar";
import { SyncProgress } from "./SyncProgress";
import { useActivityReporter } from "./useActivityReporter";

type ShellProps = { session: SessionView; connection: Connection; onSignedOut: () => void };

export function Shell({ session, connection, onSignedOut }: ShellProps) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<PanelId>("roles");
  useActivityReporter();
  const Panel = PANELS[panel];
  return (
    <div className="shell">
      <Sidebar current={panel} onSelect={setPanel} />
      <div className="shell__main">
        <Header session={session} connection={connection} onSignedOut={onSignedOut} />
        {session.profile.demo && (
          <p className="demo-notice" role="note">
            {t("shell.demoNotice")}
          </p>
        )}
        <MaintenanceBanner />
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
          </Suspense>
        </main>
      </div>
    </div>
  );
}
