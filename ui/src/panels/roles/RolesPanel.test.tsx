import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { rolesOverview } from "../../testing/fakeBackend";
import { renderSignedIn } from "../../testing/render";

async function openRoles(options: Parameters<typeof renderSignedIn>[0] = {}) {
  const rendered = await renderSignedIn(options);
  await screen.findByRole("navigation", { name: "Accounts and channels" });
  return rendered;
}

async function openUser(user: ReturnType<typeof import("@testing-library/user-event").default.setup>, name: string) {
  await user.click(await screen.findByRole("button", { name }));
  return screen.findByRole("complementary", { name: `User ${name}` });
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
    const last = backend.callsOf("list_users").at(-1)?.args;
    expect(last).toEqual({ filter: { q: null, role: "channel_editor", locked: null, blocked: true, after: null } });
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
    expect(backend.callsOf("grant_role")[0]?.args).toEqual({
      request: { user_id: 8, role: "channel_manager", scope: { level: "channel", id: 31 } },
    });
    expect(await within(drawer).findByText(/Channel Manager · Northwind Media \/ Web shop/)).toBeInTheDocument();
  });

  it("shows a refusal from the service in the dialog", async () => {
    const { user } = await openRoles({
      commands: {
        grant_role: () => {
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

  it("unlocks a locked user", async () => {
    const { user, backend } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).getByText(/Locked until/)).toBeInTheDocument();
    await user.click(within(drawer).getByRole("button", { name: "Unlock" }));
    expect(backend.callsOf("unlock_user")[0]?.args).toEqual({ userId: 8 });
    await expect.poll(() => within(drawer).queryByText(/Locked until/)).toBeNull();
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
    expect(backend.callsOf("save_security_settings")).toHaveLength(0);
    await user.clear(min);
    await user.type(min, "10");
    await user.click(within(form).getByLabelText("Require two-factor sign-in (authenticator app)"));
    await user.click(within(form).getByRole("button", { name: "Save settings" }));
    expect(await within(form).findByRole("status")).toHaveTextContent("Security settings saved.");
    expect(backend.callsOf("save_security_settings")[0]?.args).toEqual({
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

  it("offers no Block to a manager", async () => {
    const { user } = await openRoles();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).queryByRole("button", { name: "Block" })).toBeNull();
  });

  it("lets a Service Operator block, with the receipt of the sessions that ended", async () => {
    const { user, backend } = await openRoles({
      commands: { roles_overview: () => ({ ...rolesOverview, may_block: true }) },
    });
    const drawer = await openUser(user, "Aino Virtanen");
    await user.click(within(drawer).getByRole("button", { name: "Block" }));
    expect(backend.callsOf("block_user")[0]?.args).toEqual({ userId: 8 });
    expect(await within(drawer).findByRole("status")).toHaveTextContent("3 live sessions ended.");
    expect(await within(drawer).findByRole("button", { name: "Unblock" })).toBeInTheDocument();
  });

  it("offline, shows the cached copy read-only, as of the last sync", async () => {
    const { user } = await openRoles({
      commands: { roles_overview: () => ({ ...rolesOverview, as_of: "2030-01-01T08:00:00Z" }) },
    });
    expect(screen.getByText(/^Offline, showing data as of/)).toHaveAttribute("role", "status");
    expect(screen.queryByRole("button", { name: "Security settings" })).toBeNull();
    const drawer = await openUser(user, "Aino Virtanen");
    expect(within(drawer).queryByRole("button", { name: "Grant a role" })).toBeNull();
    expect(within(drawer).queryByRole("button", { name: "Revoke" })).toBeNull();
    expect(within(drawer).queryByRole("button", { name: "Unlock" })).toBeNull();
  });
});
