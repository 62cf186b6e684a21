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

  it("says once that a damaged cache was set aside, what was kept, and goes away when dismissed", async () => {
    const reset: StartupNotice = {
      kind: "cache_reset",
      moved_to: "/home/ann/.local/share/console/cache.sqlite.corrupt-20261130T231500.000Z",
      reason: "file is not a database",
      salvaged_unsent: 3,
      salvaged_profiles: 1,
    };
    const { user } = renderApp({ commands: { startup_notices: () => [reset] } });
    const banner = await screen.findByText(/offline copy on this computer was damaged/);
    expect(banner).toHaveTextContent("cache.sqlite.corrupt-20261130T231500.000Z");
    expect(screen.getByText("3 records of what you did offline were kept and will be sent at the next sync.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByText(/was damaged/)).not.toBeInTheDocument();
  });

  it("names the newer cache's file and both versions, and the demo still opens", async () => {
    const newer: StartupNotice = { kind: "newer_cache", path: "/data/cache.sqlite", found: 17, known: 5 };
    const { user } = renderApp({ commands: { startup_notices: () => [newer] } });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("/data/cache.sqlite was written by a newer version of the console (version 17; this one knows up to 5)");
    expect(alert).toHaveTextContent("It was left untouched.");
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });

  it("names the full disk under the log folder, and the console keeps working", async () => {
    const full: StartupNotice = {
      kind: "log_disk_full",
      message: "the disk holding the log folder /home/anna/.local/share/logs is full: log lines are not written until space is freed (No space left on device (os error 28))",
    };
    const { user } = renderApp({ commands: { startup_notices: () => [full] } });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The disk holding the console's logs is full.");
    expect(alert).toHaveTextContent("/home/anna/.local/share/logs is full");
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });
});
