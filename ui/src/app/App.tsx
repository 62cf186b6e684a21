import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SessionEndReason } from "../bindings";
import { Button } from "../shared/Button";
import { useDescribeError } from "../shared/errors";
import { DrawnProbe } from "./firstPanel";
import { useBackendEvents, useConsoleState } from "./session";
import { Shell } from "./Shell";
import { SignIn } from "./SignIn";
import { StartupNotices } from "./StartupNotices";
import { Welcome } from "./Welcome";

export function App({ client }: { client: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <StartupNotices />
      <Screens />
    </QueryClientProvider>
  );
}

function Screens() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const state = useConsoleState();
  const [endReason, setEndReason] = useState<SessionEndReason | null>(null);
  useBackendEvents(setEndReason);

  if (state.isPending) {
    return (
      <p className="splash" role="status">
        {t("app.loading")}
      </p>
    );
  }
  if (state.isError) {
    return (
      <div className="splash" role="alert">
        <p>{t("app.startFailed")}</p>
        <p className="muted">{describe(state.error)}</p>
        <Button variant="secondary" onClick={() => void state.refetch()}>
          {t("app.retry")}
        </Button>
      </div>
    );
  }
  const { profile, session, connection } = state.data;
  if (session) return <Shell session={session} connection={connection} onSignedOut={() => setEndReason("signed_out")} />;
  // Signed out, the first screen is the sign-in or welcome screen: drawn is drawn.
  if (profile) {
    return (
      <>
        <SignIn profile={profile} endReason={endReason} />
        <DrawnProbe panel="sign-in" />
      </>
    );
  }
  return (
    <>
      <Welcome />
      <DrawnProbe panel="welcome" />
    </>
  );
}
