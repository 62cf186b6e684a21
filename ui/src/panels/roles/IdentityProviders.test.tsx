import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { IdentityProvider } from "../../bindings";
import { renderSignedIn } from "../../testing/render";
import { layOutForFocus } from "./focusLayout.testing";

layOutForFocus();

/** A finished action's toast; the open drawer's modal hides the toaster from the accessibility tree. */
function toast(text: string) {
  return screen.findByRole("listitem", { name: text, hidden: true });
}

const ACME: IdentityProvider = {
  id: 1,
  account_id: 3,
  name: "Acme Entra ID",
  issuer: "https://login.acme.example",
  client_id: "admin-console",
  kind: "workforce",
  link_by_email: false,
  linked_users: 0,
};

async function openProviders(identityProviders: IdentityProvider[] = []) {
  const rendered = await renderSignedIn({ identityProviders });
  await rendered.user.click(screen.getByRole("link", { name: "Roles" }));
  await screen.findByRole("navigation", { name: "Accounts and channels" });
  await rendered.user.click(screen.getByRole("button", { name: "Security settings" }));
  const drawer = await screen.findByRole("dialog", { name: "Security settings" });
  const section = await within(drawer).findByRole("region", { name: "Third-party sign-in providers" });
  return { ...rendered, section };
}

describe("identity providers in the security settings", () => {
  it("adds a provider, refuses a plain-http issuer by field, edits and deletes it (4S-SSO)", async () => {
    const { user, backend, section } = await openProviders();
    expect(within(section).getByText("No providers yet: everyone signs in with a password.")).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Add a provider" }));
    const form = within(section).getByRole("form", { name: "Add a provider" });
    await user.type(within(form).getByLabelText("Name shown on the sign-in screen"), "Acme Entra ID");
    await user.type(within(form).getByLabelText("Issuer URL"), "http://login.acme.example");
    await user.type(within(form).getByLabelText("Client id of the console"), "admin-console");
    await user.click(within(form).getByRole("button", { name: "Save provider" }));
    expect(await within(form).findByLabelText("Issuer URL")).toHaveAccessibleDescription("the issuer must be an https URL");
    await user.clear(within(form).getByLabelText("Issuer URL"));
    await user.type(within(form).getByLabelText("Issuer URL"), "https://login.acme.example");
    await user.selectOptions(within(form).getByLabelText("Kind"), "social");
    await user.click(within(form).getByRole("button", { name: "Save provider" }));
    const item = await within(section).findByRole("listitem", { name: "Acme Entra ID" });
    expect(item).toHaveTextContent("Social (consumer accounts)");
    expect(await toast("Acme Entra ID saved.")).toBeInTheDocument();
    expect(backend.callsOf("roles_add_identity_provider").at(-1)?.args).toEqual({
      accountId: 3,
      settings: {
        name: "Acme Entra ID",
        issuer: "https://login.acme.example",
        client_id: "admin-console",
        kind: "social",
        link_by_email: false,
      },
    });

    await user.click(within(item).getByRole("button", { name: "Edit" }));
    const edit = within(section).getByRole("form", { name: "Edit the provider" });
    await user.selectOptions(within(edit).getByLabelText("Kind"), "workforce");
    await user.click(within(edit).getByRole("button", { name: "Save provider" }));
    expect(await within(item).findByText("Workforce (organisation directory)")).toBeInTheDocument();
    expect(backend.callsOf("roles_update_identity_provider")).toHaveLength(1);

    await user.click(within(item).getByRole("button", { name: "Delete" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete the provider" });
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    expect(await within(section).findByText("No providers yet: everyone signs in with a password.")).toBeInTheDocument();
    expect(backend.callsOf("roles_delete_identity_provider")).toHaveLength(1);
    expect(await toast("Acme Entra ID deleted.")).toBeInTheDocument();
  });

  it("asks before deleting a provider: cancelling keeps it", async () => {
    const { user, backend, section } = await openProviders([ACME]);
    const item = await within(section).findByRole("listitem", { name: "Acme Entra ID" });
    await user.click(within(item).getByRole("button", { name: "Delete" }));
    const confirm = screen.getByRole("alertdialog", { name: "Delete the provider" });
    expect(confirm).toHaveTextContent("Delete Acme Entra ID? The 0 users linked to it can no longer sign in through it.");
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(backend.callsOf("roles_delete_identity_provider")).toHaveLength(0);
    expect(await within(section).findByRole("listitem", { name: "Acme Entra ID" })).toBeInTheDocument();
  });

  it("links a user to a subject at the provider and unlinks them (4S-SSO)", async () => {
    const { user, backend, section } = await openProviders([ACME]);
    const item = await within(section).findByRole("listitem", { name: "Acme Entra ID" });
    const link = within(item).getByRole("form", { name: "Link a user" });
    const who = within(link).getByLabelText("User") as HTMLSelectElement;
    await within(link).findAllByRole("option");
    const username = who.selectedOptions[0]?.textContent ?? "";
    await user.click(within(link).getByRole("button", { name: "Link user" }));
    expect(await within(link).findByLabelText("Subject at the provider")).toHaveAccessibleDescription(
      /enter the provider's subject/,
    );
    await user.type(within(link).getByLabelText("Subject at the provider"), "00u1abcd");
    await user.click(within(link).getByRole("button", { name: "Link user" }));
    expect(await within(item).findByText(`${username} signs in as 00u1abcd`)).toBeInTheDocument();
    expect(within(item).getByText("1 user linked")).toBeInTheDocument();
    expect(await toast(`${username} linked.`)).toBeInTheDocument();

    // Unlinking asks first.
    await user.click(within(item).getByRole("button", { name: `Unlink ${username}` }));
    const confirm = screen.getByRole("alertdialog", { name: "Unlink the user" });
    expect(confirm).toHaveTextContent(`${username} can no longer sign in through this provider.`);
    expect(backend.callsOf("roles_unlink_identity")).toHaveLength(0);
    await user.click(within(confirm).getByRole("button", { name: "Unlink" }));
    expect(await within(item).findByText("0 users linked")).toBeInTheDocument();
    expect(backend.callsOf("roles_unlink_identity")).toHaveLength(1);
    expect(await toast(`${username} unlinked.`)).toBeInTheDocument();
  });
});
