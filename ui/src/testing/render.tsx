import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../app/App";
import { preloadPanels } from "../app/panels";
import { createQueryClient } from "../app/queryClient";
import { demoProfile, installFakeBackend, sessionFor, type FakeBackendOptions } from "./fakeBackend";

export function renderApp(options: FakeBackendOptions = {}) {
  const backend = installFakeBackend(options);
  const user = userEvent.setup();
  render(<App client={createQueryClient()} />);
  return { backend, user };
}

/** Renders the app already signed in to the demo workspace. */
export async function renderSignedIn(options: FakeBackendOptions = {}) {
  // Panels load lazily in the app; a test that switches panels should not wait on imports.
  await preloadPanels();
  const rendered = renderApp({
    ...options,
    state: { profile: demoProfile, session: sessionFor(demoProfile), ...options.state },
  });
  await screen.findByRole("navigation");
  return rendered;
}
