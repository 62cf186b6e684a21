import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SessionEndReason } from "../bindings";
import { withStrings } from "../i18n";
import { Button } from "../shared/Button";
import { useDescribeError } from "../shared/errors";
import { DrawnProbe } from "./firstPanel";
import { useBackendEvents, useConsoleState } from "./session";
import { Shell } from "./Shell";
import { StartupNotices } from "./StartupNotices";
import "./shell.css";

// A kept session starts straight in the shell, so the screens before a session (and their
// strings) load only when one is shown (issue 18).
const loadSignIn = withStrings(["signedOut"], () => import("./SignIn").then((module) => ({ default: module.SignIn })));
const loadWelcome = withStrings(["signedOut"], () => import("./Welcome").then((module) => ({ default: module.Welcome })));
const SignIn = lazy(loadSignIn);
const Welcome = lazy(loadWelcome);

/** Loads the signed-out screens ahead of their first use (component tests, which read them at once). */
export function preloadSignedOut(): Promise<unknown> {
  return Promise.all([loadSignIn(), loadWelcome()]);
}

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
  // Whether the console started on a kept session (the last panel comes back) rather than
  // at a sign-in (the Overview comes first).
  const startedSignedIn = useRef<boolean | undefined>(undefined);
  if (state.data) {
    startedSignedIn.current ??= state.data.session !== null;
    if (!state.data.session) startedSignedIn.current = false;
  }

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
  if (session) {
    return (
      <Shell
        session={session}
        connection={connection}
        onSignedOut={() => setEndReason("signed_out")}
        restoreLastPanel={startedSignedIn.current === true}
      />
    );
  }
  // Signed out, the first screen is the sign-in or welcome screen: drawn is drawn.
  if (profile) {
    return (
      <SignedOut>
        <SignIn profile={profile} endReason={endReason} />
        <DrawnProbe panel="sign-in" />
      </SignedOut>
    );
  }
  return (
    <SignedOut>
      <Welcome />
      <DrawnProbe panel="welcome" />
    </SignedOut>
  );
}

/** The probe beside the screen waits inside the same boundary, for the screen's code. */
function SignedOut({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="splash" role="status">
          {t("app.loading")}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
