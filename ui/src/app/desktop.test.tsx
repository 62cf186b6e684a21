import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { demoProfile } from "../testing/fakeBackend";
import { renderApp, renderSignedIn } from "../testing/render";

describe("desktop habits", () => {
  it("brings back the last panel when the console starts on a kept session, and remembers changes", async () => {
    const { user, backend } = await renderSignedIn({ lastPanel: "activity" });
    expect(await screen.findByRole("heading", { level: 1, name: "Activity and notifications" }, { timeout: 15_000 })).toBeInTheDocument();
    expect(backend.callsOf("desktop_remember_panel")).toHaveLength(0);
    await user.click(screen.getByRole("link", { name: "Settings" }));
    await waitFor(() => expect(backend.callsOf("desktop_remember_panel").at(-1)?.args).toEqual({ panel: "settings" }));
  });

  it("opens the Overview after a sign-in, whatever panel was open last", async () => {
    const profile = { ...demoProfile, id: "acme", demo: false };
    const { user, backend } = renderApp({ lastPanel: "activity", state: { profile, session: null } });
    await user.type(await screen.findByLabelText("Password"), "demo-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
    await waitFor(() => expect(backend.callsOf("desktop_remember_panel").at(-1)?.args).toEqual({ panel: "overview" }));
    expect(backend.callsOf("desktop_settings")).toHaveLength(0);
  });

  it("opens the panel of a clicked OS notification", async () => {
    const { backend } = await renderSignedIn();
    await act(() => backend.openPanel("maintenance"));
    expect(await screen.findByRole("heading", { level: 1, name: "Maintenance" }, { timeout: 15_000 })).toBeInTheDocument();
  });

  it("turns OS notifications off in Settings", async () => {
    const { user, backend } = await renderSignedIn();
    await user.click(screen.getByRole("link", { name: "Settings" }));
    const toggle = await screen.findByRole(
      "switch",
      { name: /critical notifications from the system/ },
      { timeout: 15_000 },
    );
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(backend.callsOf("desktop_set_os_notifications")[0]?.args).toEqual({ enabled: false }));
    await waitFor(() => expect(toggle).not.toBeChecked());
  });
});
