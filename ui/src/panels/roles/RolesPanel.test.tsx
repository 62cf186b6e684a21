import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { UserSummary } from "../../bindings";
import { kept, rolesOverview, SYNCED_NOW } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";

async function openRoles(options: Parameters<typeof renderSignedIn>[0] = {}) {
  const rendered = await renderSignedIn(options);
  // The console opens on the Overview (issue 19).
  await rendered.user.click(screen.getByRole("link", { name: "Roles" }));
  await screen.findByRole("navigation", { name: "Accounts and channels" });
  return rendered;
}

async function openUser(user: ReturnType<typeof import("@testing-library/user-event").default.setup>, name: string) {
  await user.click(await screen.findByRole("button", { name }));
  return screen.findByRole("complementary", { name: `User ${name}` });
}

/** Aino as the fake service first answers her, with `user` fields replaced. */
function aino(user: Partial<UserSummary["user"]>): UserSummary {
  return {
    user: {
      id: 8,
      username: "aino.virtanen@example.com",
      display_name: "Aino Virtanen",
      email: null,
      phone: null,
      account_id: 3,
      status: "active",
      locked_until: "2999-01-01T10:00:00Z",
      ...user,
    },
    assignments: [{ id: 2, role: "viewer", scope: { level: "channel", id: 31 } }],
    two_factor_enrolled: true,
    may_act: true,
  };
}

describe("roles panel", () => {
  it("shows the account and channel tree and the users with their status", async () => {
    await openRoles();
    const tree = screen.getByRole("navigation", { name: "Accounts and channels" });
    expect(within(tree).getByText("Web shop")).toBeInTheDocument();
    expect(within(tree).getByText("Mobile app")).toBeInTheDocument();
    await screen.findByRole("button", { name: "Eino Korhonen" });
    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(4);
    expect(within(rows[2] as HTMLElement).getByText("Locked")).toBeInTheDocument();
    expect(within(rows[3] as HTMLElement).getByText("Blocked")).toBeInTheDocument();
  });

  it("searches and filters through the service", async () => {
    const { user, backend } = await openRoles();
    await screen.findByRole("button", { name: "Eino Korhonen" });
    await user.type(screen.getByLabelText("Search users"), "virt");
    await expect.poll(() => screen.getAllByRole("row")).toHaveLength(2);
    await user.clear(screen.getByLabelText("Search users"));
    await user.selectOptions(screen.getByLabelText("Role"), "channel_editor");
    await user.click(screen.getByLabelText("Blocked only"));
    const last = backend.callsOf("roles_list_users").at(-1)?.args;
    expect(last).toEqual({
      filter: { q: null, role: "channel_editor", locked: null, blocked: true, account_id: null, channel_id: null, after: null },
    });
    expect(await screen.findByRole("button", { name: "Eino Korhonen" })).toBeInTheDocument();
  });

  it("offers only what the manager may delegate, previews, and grants", async () => {
    const { user, backend } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Grant a role" }));
    const dialog = within(drawer).getByRole("dialog", { name: "Grant a role" });
    const options = within(dialog).getAllByRole("option").map((o) => o.textContent);
    // The delegable list from Rust, minus what the user already holds; no Service Operator.
    expect(options).toContain("Channel Manager · Northwind Media / Web shop");
    expect(options).not.toContain("Viewer · Northwind Media / Web shop");
    expect(options.some((o) => o?.startsWith("Service Operator"))).toBe(false);
    expect(within(dialog).getByRole("button", { name: "Confirm grant" })).toBeDisabled();
    await user.selectOptions(within(dialog).getByLabelText("Role and scope"), "Channel Manager · Northwind Media / Web shop");
    const preview = await within(dialog).findByLabelText("Access preview");
    expect(preview).toHaveTextContent("Now: sees 1 channels, may delegate 0 roles");
    expect(preview).toHaveTextContent("After the change: sees 1 channels, may delegate 3 roles");
    await user.click(within(dialog).getByRole("button", { name: "Confirm grant" }));
    expect(backend.callsOf("roles_grant")[0]?.args).toEqual({
      request: { user_id: 8, role: "channel_manager", scope: { level: "channel", id: 31 } },
    });
    expect(await within(drawer).findByText(/Channel Manager · Northwind Media \/ Web shop/)).toBeInTheDocument();
  });

  it("shows a refusal from the service in the dialog", async () => {
    const { user } = await openRoles({
      commands: {
        roles_grant: () => {
          throw { kind: "forbidden", message: "the scope is outside the scopes of your roles" };
        },
      },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Grant a role" }));
    const dialog = within(drawer).getByRole("dialog");
    await user.selectOptions(within(dialog).getByLabelText("Role and scope"), "Viewer · Northwind Media / Mobile app");
    await user.click(within(dialog).getByRole("button", { name: "Confirm grant" }));
    expect(await within(dialog).findByText("the scope is outside the scopes of your roles")).toBeInTheDocument();
  });

  it("revokes after a preview and shows the revocation receipt", async () => {
    const { user } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Revoke" }));
    const dialog = within(drawer).getByRole("dialog", { name: "Revoke a role" });
    expect(await within(dialog).findByLabelText("Access preview")).toHaveTextContent(
      "After the change: sees 0 channels",
    );
    await user.click(within(dialog).getByRole("button", { name: "Confirm revoke" }));
    const receipt = await within(drawer).findByRole("status");
    expect(receipt).toHaveTextContent("Viewer · Northwind Media / Web shop was revoked at");
    expect(receipt).toHaveTextContent("2 live sessions lost the role.");
  });

  it("shows a locked user's time left and unlocks them", async () => {
    const inTenMinutes = new Date(Date.now() + 10 * 60_000 - 1_000).toISOString();
    let locked = true;
    const { user, backend } = await openRoles({
      commands: {
        roles_user_detail: () => kept(aino({ locked_until: locked ? inTenMinutes : null }), SYNCED_NOW),
        roles_unlock_user: () => {
          locked = false;
          return aino({}).user;
        },
      },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).getByText(/^Locked, opens in 10 minutes \(/)).toBeInTheDocument();
    await user.click(within(drawer).getByRole("button", { name: "Unlock" }));
    expect(backend.callsOf("roles_unlock_user")[0]?.args).toEqual({ userId: 8 });
    await expect.poll(() => within(drawer).queryByText(/^Locked, opens/)).toBeNull();
  });

  it("clicking an account or channel in the tree filters the users to it, until cleared (UQ-SCOPE)", async () => {
    const { user, backend } = await openRoles();
    await screen.findByRole("button", { name: "Eino Korhonen" });
    const tree = screen.getByRole("navigation", { name: "Accounts and channels" });
    await user.click(within(tree).getByRole("button", { name: "Mobile app" }));
    expect(within(tree).getByRole("button", { name: "Mobile app" })).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByText("Showing users with a role in Northwind Media / Mobile app.")).toBeInTheDocument();
    await expect.poll(() => screen.getAllByRole("row")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Eino Korhonen" })).toBeInTheDocument();
    expect(backend.callsOf("roles_list_users").at(-1)?.args).toMatchObject({ filter: { account_id: null, channel_id: 32 } });

    await user.click(within(tree).getByRole("button", { name: "Northwind Media" }));
    expect(await screen.findByText("Showing members of Northwind Media.")).toBeInTheDocument();
    expect(backend.callsOf("roles_list_users").at(-1)?.args).toMatchObject({ filter: { account_id: 3, channel_id: null } });
    await expect.poll(() => screen.getAllByRole("row")).toHaveLength(4);

    // The search stays across selections; clearing shows everyone again.
    await user.type(screen.getByLabelText("Search users"), "virt");
    await user.click(screen.getByRole("button", { name: "Show all users" }));
    expect(screen.queryByText(/^Showing /)).toBeNull();
    expect(backend.callsOf("roles_list_users").at(-1)?.args).toMatchObject({
      filter: { q: "virt", account_id: null, channel_id: null },
    });
  });

  it("resets a user's two-factor enrolment after confirmation (4S-SSO)", async () => {
    const { user, backend } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).getByText(/authenticator app set up/)).toBeInTheDocument();
    await user.click(within(drawer).getByRole("button", { name: "Reset two-factor" }));
    let dialog = within(drawer).getByRole("dialog", { name: "Reset two-factor sign-in" });
    expect(dialog).toHaveTextContent("Aino Virtanen's authenticator app stops working at once");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(backend.callsOf("roles_reset_two_factor")).toHaveLength(0);

    await user.click(within(drawer).getByRole("button", { name: "Reset two-factor" }));
    dialog = within(drawer).getByRole("dialog", { name: "Reset two-factor sign-in" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm reset" }));
    expect(backend.callsOf("roles_reset_two_factor")[0]?.args).toEqual({ userId: 8 });
    expect(await within(drawer).findByRole("status")).toHaveTextContent(
      "Two-factor sign-in of Aino Virtanen was reset at",
    );
    expect(await within(drawer).findByText(/no authenticator app set up/)).toBeInTheDocument();
    expect(within(drawer).queryByRole("button", { name: "Reset two-factor" })).toBeNull();
  });

  it("offers no two-factor reset for oneself, and shows the service's refusal", async () => {
    const { user } = await openRoles({
      commands: {
        roles_user_detail: (args) => kept(args.userId === 7 ? aino({ id: 7, display_name: "Maria Manager" }) : aino({}), SYNCED_NOW),
        roles_reset_two_factor: () => {
          throw { kind: "forbidden", message: "only managers of the user's account reset two-factor sign-in" };
        },
      },
    });
    const own = await openUser(user, "Maria Manager");
    expect(within(own).getByText(/authenticator app set up/)).toBeInTheDocument();
    expect(within(own).queryByRole("button", { name: "Reset two-factor" })).toBeNull();
    await user.click(within(own).getByRole("button", { name: "Close" }));
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Reset two-factor" }));
    await user.click(within(drawer).getByRole("button", { name: "Confirm reset" }));
    expect(await within(drawer).findByRole("alert")).toHaveTextContent("only managers of the user's account");
  });

  it("opens the drawer offline from the cache, read-only and labelled as of then", async () => {
    const { user } = await openRoles({
      commands: {
        roles_user_detail: () => kept(aino({}), "2030-01-01T08:00:00Z", true),
      },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).getByText(/^Offline, showing data as of/)).toHaveAttribute("role", "status");
    expect(within(drawer).getByText(/Viewer · Northwind Media \/ Web shop/)).toBeInTheDocument();
    expect(within(drawer).getByText(/^Locked, opens in [\d,]+ days/)).toBeInTheDocument();
    for (const name of ["Grant a role", "Revoke", "Unlock", "Reset two-factor"]) {
      expect(within(drawer).queryByRole("button", { name })).toBeNull();
    }
  });

  it("edits the account's security settings; social sign-in starts off", async () => {
    const { user, backend } = await openRoles();
    await user.click(screen.getByRole("button", { name: "Security settings" }));
    const form = await screen.findByRole("form", { name: "Security settings" });
    expect(within(form).getByLabelText("Allow social sign-in")).not.toBeChecked();
    const min = within(form).getByLabelText("Minimum password length");
    await user.clear(min);
    await user.type(min, "5");
    expect(min).toHaveAccessibleDescription("The minimum cannot be below 6 characters.");
    await user.click(within(form).getByRole("button", { name: "Save settings" }));
    expect(backend.callsOf("roles_save_security_settings")).toHaveLength(0);
    await user.clear(min);
    await user.type(min, "10");
    await user.click(within(form).getByLabelText("Require two-factor sign-in (authenticator app)"));
    await user.click(within(form).getByRole("button", { name: "Save settings" }));
    expect(await within(form).findByRole("status")).toHaveTextContent("Security settings saved.");
    expect(backend.callsOf("roles_save_security_settings")[0]?.args).toEqual({
      accountId: 3,
      settings: {
        min_password_length: 10,
        lockout_minutes: 15,
        require_two_factor: true,
        third_party_only: false,
        social_sign_in: false,
      },
    });
  });

  it("offers no unlock, two-factor reset or block on a user the service says the manager may not act on (UQ-DELEGATE-CHANNEL)", async () => {
    const { user } = await openRoles({
      commands: {
        roles_overview: () => kept({ ...rolesOverview, may_block: true }, SYNCED_NOW),
        roles_user_detail: () => kept({ ...aino({}), may_act: false }, SYNCED_NOW),
      },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    // Seen, with her state, but nothing to do to her: the other tests offer all three when she may be acted on.
    expect(within(drawer).getByText(/^Locked, opens/)).toBeInTheDocument();
    for (const name of ["Unlock", "Reset two-factor", "Block"]) {
      expect(within(drawer).queryByRole("button", { name })).toBeNull();
    }
  });

  it("shows no lock or two-factor state of a user the manager may not act on, and says why (UQ-DELEGATE-CHANNEL)", async () => {
    const { user } = await openRoles({
      commands: {
        roles_user_detail: () =>
          kept({ ...aino({ locked_until: null }), two_factor_enrolled: null, may_act: false }, SYNCED_NOW),
      },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).getByText(/shown only to managers who may act on this user/)).toBeInTheDocument();
    expect(within(drawer).queryByText(/^Two-factor sign-in/)).toBeNull();
    expect(within(drawer).queryByText(/^Locked, opens/)).toBeNull();
  });

  it("offers no Block to a manager", async () => {
    const { user } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).queryByRole("button", { name: "Block" })).toBeNull();
  });

  it("lets a Service Operator block, with the receipt of the sessions that ended", async () => {
    const { user, backend } = await openRoles({
      commands: { roles_overview: () => kept({ ...rolesOverview, may_block: true }, SYNCED_NOW) },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Block" }));
    expect(backend.callsOf("roles_block_user")[0]?.args).toEqual({ userId: 8 });
    expect(await within(drawer).findByRole("status")).toHaveTextContent("3 live sessions ended.");
    expect(await within(drawer).findByRole("button", { name: "Unblock" })).toBeInTheDocument();
  });

  it("offline, shows the cached copy read-only, as of the last sync", async () => {
    const { user } = await openRoles({
      commands: { roles_overview: () => kept(rolesOverview, "2030-01-01T08:00:00Z", true) },
    });
    expect(screen.getByText(/^Offline, showing data as of/)).toHaveAttribute("role", "status");
    expect(screen.queryByRole("button", { name: "Security settings" })).toBeNull();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).queryByRole("button", { name: "Grant a role" })).toBeNull();
    expect(within(drawer).queryByRole("button", { name: "Revoke" })).toBeNull();
    expect(within(drawer).queryByRole("button", { name: "Unlock" })).toBeNull();
  });

  it("Esc closes the user's drawer", async () => {
    const { user } = await openRoles();
    await openUser(user, "Aino Virtanen");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("complementary", { name: "User Aino Virtanen" })).not.toBeInTheDocument();
  });
});
