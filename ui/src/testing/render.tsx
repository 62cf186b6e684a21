import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App, preloadSignedOut } from "../app/App";
import { preloadPanels } from "../app/panels";
import { createQueryClient } from "../app/queryClient";
import { ThemeRoot } from "../shared/theme";
import { demoProfile, installFakeBackend, sessionFor, type FakeBackendOptions } from "./fakeBackend";

// Panels and the signed-out screens load lazily in the app. Tests switch screens and read
// them at once, so every one is imported here, when the test file loads, as it was before
// they were lazy: the import (ECharts, FullCalendar) takes seconds on a loaded machine and
// is no test's own time.
await Promise.all([preloadPanels(), preloadSignedOut()]);

export function renderApp(options: FakeBackendOptions = {}) {
  const backend = installFakeBackend(options);
  const user = userEvent.setup();
  render(
    <ThemeRoot>
      <App client={createQueryClient()} />
    </ThemeRoot>,
  );
  return { backend, user };
}

/** Renders the app already signed in to the demo workspace. */
export async function renderSignedIn(options: FakeBackendOptions = {}) {
  const rendered = renderApp({
    ...options,
    state: { profile: demoProfile, session: sessionFor(demoProfile), ...options.state },
  });
  await screen.findByRole("navigation");
  return rendered;
}
