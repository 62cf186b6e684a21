import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { UserSummary } from "../../bindings";
import { kept, rolesOverview, SYNCED_NOW } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";
import { layOutForFocus } from "./focusLayout.testing";

layOutForFocus();

async function openRoles(options: Parameters<typeof renderSignedIn>[0] = {}) {
  const rendered = await renderSignedIn(options);
  // The console opens on the Overview (issue 19).
  await rendered.user.click(screen.getByRole("link", { name: "Roles" }));
  await screen.findByRole("navigation", { name: "Accounts and channels" });
  return rendered;
}

async function openUser(user: ReturnType<typeof import("@testing-library/user-event").default.setup>, name: string) {
  await user.click(await screen.findByRole("button", { name }));
  return screen.findByRole("dialog", { name });
}

/** The row of the drawer's assignments table that holds this role in this scope. */
function assignment(drawer: HTMLElement, role: string, scope: string): HTMLElement | undefined {
  const table = within(drawer).getByRole("table", { name: "Assignments" });
  return within(table)
    .getAllByRole("row")
    .find((row) => {
      const cells = within(row).queryAllByRole("cell").map((cell) => cell.textContent);
      return cells[0] === role && cells[1] === scope;
    });
}

/**
 * A finished action's toast, as the toaster lists it. While a drawer is open the library's
 * modal hides the toaster from the accessibility tree, hence `hidden`.
 */
function toast(text: string) {
  return screen.findByRole("listitem", { name: text, hidden: true });
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
    // Held roles are a table, role and scope in their own columns.
    expect(assignment(drawer, "Viewer", "Northwind Media / Web shop")).toBeDefined();
    expect(assignment(drawer, "Channel Manager", "Northwind Media / Web shop")).toBeUndefined();
    await user.click(within(drawer).getByRole("button", { name: "Grant a role" }));
    const dialog = screen.getByRole("dialog", { name: "Grant a role" });
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
    expect(await toast("Channel Manager · Northwind Media / Web shop granted to Aino Virtanen.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Grant a role" })).toBeNull();
    await expect.poll(() => assignment(drawer, "Channel Manager", "Northwind Media / Web shop")).toBeDefined();
  });

  it("cancelling the grant dialog grants nothing; Esc closes it and gives focus back to its button", async () => {
    const { user, backend } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    const grant = within(drawer).getByRole("button", { name: "Grant a role" });
    await user.click(grant);
    const dialog = screen.getByRole("dialog", { name: "Grant a role" });
    await user.selectOptions(within(dialog).getByLabelText("Role and scope"), "Channel Manager · Northwind Media / Web shop");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog", { name: "Grant a role" })).toBeNull();
    expect(backend.callsOf("roles_grant")).toHaveLength(0);
    // Esc closes the dialog only: the drawer stays open, and the keyboard is back where it was.
    await user.click(grant);
    await screen.findByRole("dialog", { name: "Grant a role" });
    await user.keyboard("{Escape}");
    await expect.poll(() => screen.queryByRole("dialog", { name: "Grant a role" })).toBeNull();
    expect(screen.getByRole("dialog", { name: "Aino Virtanen" })).toBeInTheDocument();
    await expect.poll(() => document.activeElement).toBe(grant);
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
    const dialog = screen.getByRole("dialog", { name: "Grant a role" });
    await user.selectOptions(within(dialog).getByLabelText("Role and scope"), "Viewer · Northwind Media / Mobile app");
    await user.click(within(dialog).getByRole("button", { name: "Confirm grant" }));
    expect(await within(dialog).findByText("the scope is outside the scopes of your roles")).toBeInTheDocument();
  });

  it("revokes after a preview and shows the revocation receipt", async () => {
    const { user, backend } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    const row = assignment(drawer, "Viewer", "Northwind Media / Web shop") as HTMLElement;
    await user.click(within(row).getByRole("button", { name: "Revoke" }));
    // Revoking asks first, in an alert dialog: cancelling revokes nothing.
    let dialog = screen.getByRole("alertdialog", { name: "Revoke a role" });
    expect(dialog).toHaveTextContent("Aino Virtanen loses Viewer · Northwind Media / Web shop at once");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(backend.callsOf("roles_revoke")).toHaveLength(0);

    // The drawer is the modal again once the dialog has gone (the library unhides it a moment later).
    await user.click(await within(row).findByRole("button", { name: "Revoke" }));
    dialog = screen.getByRole("alertdialog", { name: "Revoke a role" });
    expect(await within(dialog).findByLabelText("Access preview")).toHaveTextContent(
      "After the change: sees 0 channels",
    );
    await user.click(within(dialog).getByRole("button", { name: "Confirm revoke" }));
    expect(backend.callsOf("roles_revoke")[0]?.args).toEqual({ assignmentId: 2 });
    const receipt = await within(drawer).findByText(/was revoked at/);
    expect(receipt).toHaveAttribute("role", "status");
    expect(receipt).toHaveTextContent("Viewer · Northwind Media / Web shop was revoked at");
    expect(receipt).toHaveTextContent("2 live sessions lost the role.");
    expect(await toast("Viewer · Northwind Media / Web shop revoked from Aino Virtanen.")).toBeInTheDocument();
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
    expect(await toast("Aino Virtanen unlocked.")).toBeInTheDocument();
  });

  it("draws the accounts and channels as a tree: expand, collapse, selection and keys", async () => {
    const { user, backend } = await openRoles();
    const tree = screen.getByRole("tree", { name: "Accounts and channels" });
    const account = within(tree).getByRole("treeitem", { name: "Northwind Media" });
    expect(account).toHaveAttribute("aria-level", "1");
    expect(account).toHaveAttribute("aria-expanded", "true");
    expect(account).toHaveAttribute("tabindex", "0");
    const web = within(tree).getByRole("treeitem", { name: "Web shop" });
    expect(web).toHaveAttribute("aria-level", "2");
    expect(web).toHaveAttribute("tabindex", "-1");

    // Keys: down moves into the channels, Enter selects, Left goes back up and collapses.
    account.focus();
    await user.keyboard("{ArrowDown}");
    expect(web).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(web).toHaveAttribute("aria-selected", "true");
    expect(web).toHaveAttribute("tabindex", "0");
    expect(await screen.findByText("Showing users with a role in Northwind Media / Web shop.")).toBeInTheDocument();
    expect(backend.callsOf("roles_list_users").at(-1)?.args).toMatchObject({ filter: { channel_id: 31 } });
    await user.keyboard("{ArrowLeft}");
    expect(account).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(account).toHaveAttribute("aria-expanded", "false");
    expect(within(tree).queryByRole("treeitem", { name: "Web shop" })).toBeNull();
    await user.keyboard("{ArrowRight}");
    expect(account).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{End}");
    expect(within(tree).getByRole("treeitem", { name: "Mobile app" })).toHaveFocus();

    // The chevron collapses with the mouse, without selecting the account.
    await user.click(account.querySelector(".fui-TreeItemLayout__expandIcon") as HTMLElement);
    expect(account).toHaveAttribute("aria-expanded", "false");
    expect(account).toHaveAttribute("aria-selected", "false");
  });

  it("clicking an account or channel in the tree filters the users to it, until cleared (UQ-SCOPE)", async () => {
    const { user, backend } = await openRoles();
    await screen.findByRole("button", { name: "Eino Korhonen" });
    const tree = screen.getByRole("navigation", { name: "Accounts and channels" });
    await user.click(within(tree).getByRole("treeitem", { name: "Mobile app" }));
    expect(within(tree).getByRole("treeitem", { name: "Mobile app" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByText("Showing users with a role in Northwind Media / Mobile app.")).toBeInTheDocument();
    await expect.poll(() => screen.getAllByRole("row")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Eino Korhonen" })).toBeInTheDocument();
    expect(backend.callsOf("roles_list_users").at(-1)?.args).toMatchObject({ filter: { account_id: null, channel_id: 32 } });

    await user.click(within(tree).getByRole("treeitem", { name: "Northwind Media" }));
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
    let dialog = screen.getByRole("alertdialog", { name: "Reset two-factor sign-in" });
    expect(dialog).toHaveTextContent("Aino Virtanen's authenticator app stops working at once");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(backend.callsOf("roles_reset_two_factor")).toHaveLength(0);

    await user.click(await within(drawer).findByRole("button", { name: "Reset two-factor" }));
    dialog = screen.getByRole("alertdialog", { name: "Reset two-factor sign-in" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm reset" }));
    expect(backend.callsOf("roles_reset_two_factor")[0]?.args).toEqual({ userId: 8 });
    expect(await within(drawer).findByRole("status")).toHaveTextContent(
      "Two-factor sign-in of Aino Virtanen was reset at",
    );
    expect(await within(drawer).findByText(/no authenticator app set up/)).toBeInTheDocument();
    expect(within(drawer).queryByRole("button", { name: "Reset two-factor" })).toBeNull();
    expect(await toast("Two-factor sign-in of Aino Virtanen reset.")).toBeInTheDocument();
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
    const dialog = screen.getByRole("alertdialog", { name: "Reset two-factor sign-in" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm reset" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("only managers of the user's account");
  });

  it("opens the drawer offline from the cache, read-only and labelled as of then", async () => {
    const { user } = await openRoles({
      commands: {
        roles_user_detail: () => kept(aino({}), "2030-01-01T08:00:00Z", true),
      },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    // The note is a status message: read out when it appears, not taking focus.
    expect(within(drawer).getByText(/^Offline, showing data as of/).closest("[role='status']")).not.toBeNull();
    expect(assignment(drawer, "Viewer", "Northwind Media / Web shop")).toBeDefined();
    expect(within(drawer).getByText(/^Locked, opens in [\d,]+ days/)).toBeInTheDocument();
    for (const name of ["Grant a role", "Revoke", "Unlock", "Reset two-factor"]) {
      expect(within(drawer).queryByRole("button", { name })).toBeNull();
    }
  });

  it("edits the account's security settings; social sign-in starts off", async () => {
    const { user, backend } = await openRoles();
    await user.click(screen.getByRole("button", { name: "Security settings" }));
    const drawer = await screen.findByRole("dialog", { name: "Security settings" });
    const form = await within(drawer).findByRole("form", { name: "Security settings" });
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
    expect(await toast("Security settings saved.")).toBeInTheDocument();
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
    const dialog = screen.getByRole("alertdialog", { name: "Block the user" });
    await user.click(within(dialog).getByRole("button", { name: "Block" }));
    expect(backend.callsOf("roles_block_user")[0]?.args).toEqual({ userId: 8 });
    expect(await within(drawer).findByRole("status")).toHaveTextContent("3 live sessions ended.");
    expect(await toast("Aino Virtanen blocked.")).toBeInTheDocument();
    await user.click(await within(drawer).findByRole("button", { name: "Unblock" }));
    expect(backend.callsOf("roles_unblock_user")[0]?.args).toEqual({ userId: 8 });
    expect(await toast("Aino Virtanen unblocked.")).toBeInTheDocument();
  });

  it("asks before blocking: cancelling blocks nothing", async () => {
    const { user, backend } = await openRoles({
      commands: { roles_overview: () => kept({ ...rolesOverview, may_block: true }, SYNCED_NOW) },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Block" }));
    const dialog = screen.getByRole("alertdialog", { name: "Block the user" });
    expect(dialog).toHaveTextContent("Block Aino Virtanen? Their live sessions end at once");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(backend.callsOf("roles_block_user")).toHaveLength(0);
    expect(await within(drawer).findByRole("button", { name: "Block" })).toBeInTheDocument();
  });

  it("offline, shows the cached copy read-only, as of the last sync", async () => {
    const { user } = await openRoles({
      commands: { roles_overview: () => kept(rolesOverview, "2030-01-01T08:00:00Z", true) },
    });
    // The note is a status message: read out when it appears, not taking focus.
    expect(screen.getByText(/^Offline, showing data as of/).closest("[role='status']")).not.toBeNull();
    expect(screen.queryByRole("button", { name: "Security settings" })).toBeNull();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).queryByRole("button", { name: "Grant a role" })).toBeNull();
    expect(within(drawer).queryByRole("button", { name: "Revoke" })).toBeNull();
    expect(within(drawer).queryByRole("button", { name: "Unlock" })).toBeNull();
  });

  it("Esc closes the user's drawer and gives focus back to the user's name", async () => {
    const { user } = await openRoles();
    const opener = await screen.findByRole("button", { name: "Aino Virtanen" });
    const drawer = await openUser(user, "Aino Virtanen");
    expect(drawer).toHaveAttribute("aria-modal", "true");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog", { name: "Aino Virtanen" })).not.toBeInTheDocument();
    await expect.poll(() => document.activeElement).toBe(opener);
  });

  it("the header's close button closes the drawer", async () => {
    const { user } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog", { name: "Aino Virtanen" })).not.toBeInTheDocument();
  });

  it("says what to do when no user matches", async () => {
    const { user } = await openRoles();
    await screen.findByRole("button", { name: "Eino Korhonen" });
    await user.type(screen.getByLabelText("Search users"), "nobody-by-this-name");
    const empty = await screen.findByText("No users match");
    expect(empty.closest("[role='status']")).toHaveTextContent("Clear the search and filters");
    expect(screen.queryByRole("table", { name: "Users" })).toBeNull();
  });
});
