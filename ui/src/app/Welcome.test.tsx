import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LOCKED_UNTIL } from "../testing/fakeBackend";
import { renderApp } from "../testing/render";
import { userTimeText } from "../shared/time";

async function connect(user: ReturnType<typeof renderApp>["user"], url: string, username = "anna", password = "demo-password") {
  const form = await screen.findByRole("form", { name: "Connect to a server" });
  const urlInput = within(form).getByLabelText("Server URL");
  await user.clear(urlInput);
  await user.type(urlInput, url);
  await user.type(within(form).getByLabelText("Username"), username);
  await user.type(within(form).getByLabelText("Password"), password);
  await user.click(within(form).getByRole("button", { name: "Connect" }));
  return form;
}

describe("welcome screen", () => {
  it("shows the product name and both ways in", async () => {
    renderApp();
    expect(await screen.findByRole("heading", { level: 1, name: "Admin Console" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open demo workspace" })).toBeEnabled();
    expect(screen.getByRole("form", { name: "Connect to a server" })).toBeInTheDocument();
  });

  it("opens the demo workspace into the app shell", async () => {
    const { user, backend } = renderApp();
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByRole("navigation", { name: "Main" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(screen.getByText("Demo workspace: every demo user's password is demo-password.")).toBeInTheDocument();
    expect(backend.callsOf("session_open_demo")).toHaveLength(1);
  });

  it("shows the demo service starting while open_demo runs", async () => {
    const { user } = renderApp({ latencyMs: 50 });
    const button = await screen.findByRole("button", { name: "Open demo workspace" });
    await user.click(button);
    expect(button).toBeDisabled();
    expect(screen.getByRole("status")).toHaveTextContent("Starting the demo service…");
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
  });

  it("marks the field named by an invalid_input error", async () => {
    const { user } = renderApp();
    const form = await connect(user, "not a url");
    const url = within(form).getByLabelText("Server URL");
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(url).toHaveAccessibleDescription(expect.stringContaining("Enter the address of the service."));
    expect(within(form).getByLabelText("Username")).not.toHaveAttribute("aria-invalid");
    // The one alert is the field's own: no second, form-level one repeats it.
    expect(within(form).getByRole("alert")).toHaveTextContent("Enter the address of the service.");
  });

  it("explains that only https is allowed for an insecure_url error", async () => {
    const { user, backend } = renderApp();
    const form = await connect(user, "http://admin.example.com");
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "Only https:// addresses are allowed, except to localhost.",
    );
    expect(backend.callsOf("session_connect")[0]?.args).toEqual({
      request: { url: "http://admin.example.com", username: "anna", password: "demo-password" },
    });
  });

  it("shows until when a locked account stays locked", async () => {
    const { user } = renderApp();
    const form = await connect(user, "https://admin.example.com", "locked");
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      `The account is locked until ${userTimeText(LOCKED_UNTIL, "en")}.`,
    );
  });

  it("shows the service's words for a wrong password and connects with the right one", async () => {
    const { user } = renderApp();
    const form = await connect(user, "https://admin.example.com", "anna", "nope");
    expect(await within(form).findByRole("alert")).toHaveTextContent("Wrong username or password.");
    const password = within(form).getByLabelText("Password");
    await user.clear(password);
    await user.type(password, "demo-password");
    await user.click(within(form).getByRole("button", { name: "Connect" }));
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
    expect(screen.queryByText(/Demo workspace:/)).not.toBeInTheDocument();
  });

  it("connects a third-party-only user through their organisation's provider, with no password (4S-SSO)", async () => {
    const { user, backend } = renderApp({
      identityProviders: [
        {
          id: 7,
          account_id: 3,
          name: "Acme Entra ID",
          issuer: "https://login.acme.example",
          client_id: "admin-console",
          kind: "workforce",
          link_by_email: false,
          linked_users: 1,
        },
      ],
    });
    const form = await screen.findByRole("form", { name: "Connect to a server" });
    await user.clear(within(form).getByLabelText("Server URL"));
    await user.type(within(form).getByLabelText("Server URL"), "https://admin.acme.example");
    await user.type(within(form).getByLabelText("Username"), "anna");
    await user.click(within(form).getByRole("button", { name: "Sign in through my organisation" }));
    await user.click(await screen.findByRole("button", { name: "Sign in with Acme Entra ID" }));
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
    const workspace = { url: "https://admin.acme.example", username: "anna" };
    expect(backend.callsOf("session_sign_in_options").map((call) => call.args)).toEqual([{ workspace }]);
    expect(backend.callsOf("session_sign_in_with_provider").map((call) => call.args)).toEqual([
      { workspace, providerId: 7 },
    ]);
  });

  it("says when the typed user's account offers no provider", async () => {
    const { user } = renderApp();
    const form = await screen.findByRole("form", { name: "Connect to a server" });
    await user.type(within(form).getByLabelText("Username"), "anna");
    await user.click(within(form).getByRole("button", { name: "Sign in through my organisation" }));
    expect(await screen.findByRole("status")).toHaveTextContent("No third-party sign-in is offered for this user");
  });
});
