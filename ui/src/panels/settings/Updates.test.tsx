import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../../testing/render";

async function openSettings(options: Parameters<typeof renderSignedIn>[0] = {}) {
  const rendered = await renderSignedIn(options);
  await rendered.user.click(screen.getByRole("link", { name: "Settings" }));
  const card = await screen.findByRole("region", { name: "Updates" });
  return { ...rendered, card };
}

describe("settings: updates (4S-UPDATES-WEEKLY)", () => {
  it("shows the schedule, then the version and release notes before installing", async () => {
    const { user, card, backend } = await openSettings();
    expect(within(card).getByText("Installed version").nextElementSibling).toHaveTextContent("0.1.0");
    expect(within(card).getByText("Next automatic check").nextElementSibling).not.toHaveTextContent("off");
    await user.click(within(card).getByRole("button", { name: "Check for updates" }));
    const offer = await within(card).findByRole("region", { name: "Available update" });
    expect(offer).toHaveTextContent("Version 0.2.0 is available (you have 0.1.0)");
    expect(offer).toHaveTextContent("Compact tables and coming-change notices.");
    expect(backend.callsOf("updates_install")).toHaveLength(0);

    await user.click(within(offer).getByRole("button", { name: "Install 0.2.0" }));
    expect(await within(card).findByText(/Version 0.2.0 is installed/)).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Restart now" }));
    expect(backend.callsOf("updates_restart")).toHaveLength(1);
  });

  it("says what failed and offers no restart when the signature is refused", async () => {
    const { user, card } = await openSettings({
      commands: {
        updates_install: () => {
          throw {
            kind: "update_failed",
            stage: "signature",
            message: "the update's signature does not match this console's public key; nothing was installed",
          };
        },
      },
    });
    await user.click(within(card).getByRole("button", { name: "Check for updates" }));
    await user.click(await within(card).findByRole("button", { name: "Install 0.2.0" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("signature does not match");
    expect(within(card).queryByRole("button", { name: "Restart now" })).toBeNull();
  });

  it("Later puts the version off for a week", async () => {
    const { user, card, backend } = await openSettings();
    await user.click(within(card).getByRole("button", { name: "Check for updates" }));
    await user.click(await within(card).findByRole("button", { name: "Later (next week)" }));
    expect(backend.callsOf("updates_defer")[0]?.args).toEqual({ deferFor: "week" });
    expect(await within(card).findByText(/Version 0.2.0 is put off until/)).toBeInTheDocument();
    expect(within(card).queryByRole("region", { name: "Available update" })).toBeNull();
  });

  it("turning automatic checks off saves it and shows that no check is scheduled", async () => {
    const { user, card, backend } = await openSettings();
    await user.click(within(card).getByLabelText("Check for updates automatically every week"));
    expect(backend.callsOf("updates_save_settings")[0]?.args).toEqual({
      change: { channel: "stable", automatic: false },
    });
    expect(await within(card).findByText("Automatic checks are off")).toBeInTheDocument();
    await user.selectOptions(within(card).getByLabelText("Update channel"), "beta");
    expect(backend.callsOf("updates_save_settings")[1]?.args).toEqual({
      change: { channel: "beta", automatic: false },
    });
  });

  it("a managed install says so and locks the choices", async () => {
    const { card } = await openSettings({
      commands: {
        updates_settings: () => ({
          current_version: "0.1.0",
          channel: "stable",
          automatic: false,
          managed_by: "/etc/admin-console/policy.json",
          last_check: null,
          next_check: null,
          deferred: null,
          available: null,
        }),
      },
    });
    expect(within(card).getByRole("note")).toHaveTextContent(
      "Your administrator manages updates on this computer (/etc/admin-console/policy.json).",
    );
    expect(within(card).getByLabelText("Check for updates automatically every week")).toBeDisabled();
    expect(within(card).getByLabelText("Update channel")).toBeDisabled();
  });

  it("an update found before the window was ready is offered when the shell opens", async () => {
    await renderSignedIn({
      commands: {
        updates_settings: () => ({
          current_version: "0.1.0",
          channel: "stable",
          automatic: true,
          managed_by: null,
          last_check: "2026-11-23T08:00:00Z",
          next_check: "2026-11-30T08:00:00Z",
          deferred: null,
          available: { version: "0.3.0", current_version: "0.1.0", notes: "", published_at: null },
        }),
      },
    });
    expect(await screen.findByText(/Version 0.3.0 of the console is available/)).toBeInTheDocument();
  });

  it("an update found by the weekly check shows in the shell's banner", async () => {
    const { backend, user } = await renderSignedIn();
    await act(() => backend.offerUpdate());
    const text = await screen.findByText(/Version 0.2.0 of the console is available/);
    const banner = text.closest<HTMLElement>("[role='note']");
    if (!banner) throw new Error("the update offer is not a note");
    await user.click(within(banner).getByRole("button", { name: "See what's new" }));
    expect(await screen.findByRole("region", { name: "Available update" })).toHaveTextContent("0.2.0");
  });

  it("4S-UPDATES-WEEKLY: a found update says it installs by itself when idle, and Later still stops it", async () => {
    const { backend, user } = await renderSignedIn();
    const after = "2026-11-23T08:30:00Z";
    await act(() =>
      backend.offerUpdate({
        version: "0.2.0",
        current_version: "0.1.0",
        notes: "",
        published_at: null,
        auto_install: { kind: "when_idle", after },
      }),
    );
    await user.click(await screen.findByRole("button", { name: "See what's new" }));
    const offer = await screen.findByRole("region", { name: "Available update" });
    expect(within(offer).getByRole("note")).toHaveTextContent(/installs by itself when the console is idle, from .*Choose Later/);
    await user.click(within(offer).getByRole("button", { name: "Later (tomorrow)" }));
    expect(backend.callsOf("updates_defer")[0]?.args).toEqual({ deferFor: "day" });
  });

  it("4S-UPDATES-WEEKLY: an install needing an administrator password asks instead", async () => {
    const { backend, user } = await renderSignedIn();
    await act(() =>
      backend.offerUpdate({
        version: "0.2.0",
        current_version: "0.1.0",
        notes: "",
        published_at: null,
        auto_install: { kind: "needs_password" },
      }),
    );
    await user.click(await screen.findByRole("button", { name: "See what's new" }));
    const offer = await screen.findByRole("region", { name: "Available update" });
    expect(within(offer).getByRole("note")).toHaveTextContent("needs an administrator password");
    expect(within(offer).getByRole("button", { name: "Install 0.2.0" })).toBeEnabled();
  });

  it("4S-UPDATES-WEEKLY: an update installed by itself says it runs at the next start", async () => {
    const { backend } = await renderSignedIn();
    await act(() =>
      backend.offerUpdate({
        version: "0.2.0",
        current_version: "0.1.0",
        notes: "",
        published_at: null,
        auto_install: { kind: "installed" },
      }),
    );
    expect(
      await screen.findByText(/Version 0.2.0 installed by itself. It runs the next time the console starts./),
    ).toBeInTheDocument();
  });
});

describe("settings: features (4S-FEATURE-TOGGLES)", () => {
  it("lists features with their descriptions and applies a switch at once", async () => {
    const { user, backend } = await openSettings();
    const features = screen.getByRole("region", { name: "Features" });
    const compact = within(features).getByRole("switch", { name: "Compact tables" });
    expect(compact).toHaveAccessibleDescription("Denser rows in lists and tables.");
    expect(document.querySelector(".shell")).not.toHaveClass("shell--compact");
    await user.click(compact);
    expect(backend.callsOf("notices_set_feature")[0]?.args).toEqual({ change: { key: "compact_tables", enabled: true } });
    expect(document.querySelector(".shell")).toHaveClass("shell--compact");
    expect(compact).toBeChecked();
    expect(await screen.findByRole("listitem", { name: "Setting saved." })).toBeInTheDocument();
  });

  it("switching the maintenance banner off hides it", async () => {
    const { user } = await openSettings({
      commands: {
        maintenance_announcements: () => [
          { kind: "maintenance", title: "Database upgrade", message: "", at: "2030-01-02T20:00:00Z", ends_at: "2030-01-02T21:00:00Z" },
        ],
      },
    });
    expect(await screen.findByRole("note", { name: /maintenance/i })).toBeInTheDocument();
    await user.click(screen.getByRole("switch", { name: "Maintenance banner" }));
    await act(async () => {});
    expect(screen.queryByRole("note", { name: /maintenance/i })).toBeNull();
  });
});

describe("coming changes (4S-CHANGE-NOTICE)", () => {
  it("the shell's banner and Settings show announced larger changes", async () => {
    const { user } = await renderSignedIn();
    expect(await screen.findByRole("note", { name: "Coming change" })).toHaveTextContent("New roles screen");
    await user.click(screen.getByRole("link", { name: "Settings" }));
    const card = await screen.findByRole("region", { name: "Coming changes" });
    expect(card).toHaveTextContent("New roles screen");
    expect(card).toHaveTextContent("Audit export v2");
    expect(card).toHaveTextContent("CSV gains columns.");
  });
});

describe("settings: a refused feature switch (4S-FEATURE-TOGGLES)", () => {
  it("is put back and says why", async () => {
    const { user } = await openSettings({
      commands: {
        notices_set_feature: () => {
          throw { kind: "offline", message: "The service cannot be reached." };
        },
      },
    });
    const compact = screen.getByRole("switch", { name: "Compact tables" });
    await user.click(compact);
    expect(await screen.findByText("The server cannot be reached. Check the address and your network connection.")).toBeInTheDocument();
    expect(compact).not.toBeChecked();
    expect(document.querySelector(".shell")).not.toHaveClass("shell--compact");
    expect(screen.queryByRole("listitem", { name: "Setting saved." })).toBeNull();
  });
});
