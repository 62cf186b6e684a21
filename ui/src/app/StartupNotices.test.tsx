import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { StartupNotice } from "../bindings";
import { renderApp } from "../testing/render";

const noKeyring: StartupNotice = {
  kind: "no_keyring",
  reason: "the system keyring refused: Platform secure storage failure: dbus-launch terminated abnormally",
};

describe("start-up notices", () => {
  it("says the computer has no keyring, so the user signs in again next time, and the demo still opens", async () => {
    const { user } = renderApp({ commands: { startup_notices: () => [noKeyring] } });
    const banner = await screen.findByText(/no usable keyring/);
    expect(banner).toHaveTextContent("you will sign in again next time");
    expect(screen.getByText(/dbus-launch terminated abnormally/)).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(screen.getByText(/no usable keyring/)).toBeInTheDocument();
  });

  it("shows the banner once a keyring refuses the sign-in's token", async () => {
    let asked = 0;
    const { user } = renderApp({ commands: { startup_notices: () => (asked++ === 0 ? [] : [noKeyring]) } });
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByText(/no usable keyring/)).toBeInTheDocument();
  });

  it("shows nothing when the keyring works", async () => {
    renderApp();
    expect(await screen.findByRole("button", { name: "Open demo workspace" })).toBeInTheDocument();
    expect(screen.queryByText(/no usable keyring/)).not.toBeInTheDocument();
  });
});
