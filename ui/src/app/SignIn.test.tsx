import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { IdentityProvider, Profile } from "../bindings";
import { demoProfile, TOTP_CODE, TOTP_SECRET } from "../testing/fakeBackend";
import { renderApp } from "../testing/render";

const serverProfile: Profile = {
  id: "acme",
  name: "Acme production",
  url: "https://admin.acme.example",
  username: "anna",
  demo: false,
};

describe("sign-in screen", () => {
  it("shows the workspace and signs in with the password", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile } });
    expect(await screen.findByText("Acme production")).toBeInTheDocument();
    expect(screen.getByText("anna")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong password.");

    await user.clear(screen.getByLabelText("Password"));
    await user.type(screen.getByLabelText("Password"), "demo-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
    expect(backend.callsOf("session_sign_in").map((call) => call.args)).toEqual([
      { password: "wrong" },
      { password: "demo-password" },
    ]);
  });

  it("opens the server address in the system browser, not in the app", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile } });
    await user.click(await screen.findByRole("link", { name: "https://admin.acme.example" }));
    expect(backend.callsOf("shell_open_external").map((call) => call.args)).toEqual([{ url: "https://admin.acme.example" }]);
  });

  it("offers the demo workspace again instead of a password for a demo profile", async () => {
    const { user } = renderApp({ state: { profile: demoProfile } });
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
  });

  it("goes back to the welcome screen with another workspace", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile } });
    await user.click(await screen.findByRole("button", { name: "Use another workspace" }));
    expect(await screen.findByRole("form", { name: "Connect to a server" })).toBeInTheDocument();
    expect(backend.callsOf("session_leave_workspace")).toHaveLength(1);
  });

  it("asks for the authenticator's code when the account requires it (4S-SSO)", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile }, twoFactor: "code" });
    await user.type(await screen.findByLabelText("Password"), "demo-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const code = await screen.findByLabelText("6-digit code");
    expect(screen.queryByLabelText("Password")).not.toBeInTheDocument();
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    await user.type(code, "000000");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByText("that code is not right")).toBeInTheDocument();
    expect(code).toHaveAccessibleDescription("that code is not right");
    await user.clear(code);
    await user.type(code, "123 456");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
    // The password crossed once; the code step sends only the code.
    expect(backend.callsOf("session_sign_in")).toHaveLength(1);
    expect(backend.callsOf("session_submit_totp").map((call) => call.args)).toEqual([{ code: "000000" }, { code: "123 456" }]);
  });

  it("enrols an authenticator from a QR code and the key, then confirms with a code (4S-SSO)", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile }, twoFactor: "enrol" });
    await user.type(await screen.findByLabelText("Password"), "demo-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText(/no authenticator app is set up for you yet/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Set up an authenticator app" }));
    const qr = await screen.findByRole("img", { name: "QR code for your authenticator app" });
    expect(qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml,%3Csvg/);
    expect(screen.getByLabelText("Key for manual entry")).toHaveTextContent(
      TOTP_SECRET.replace(/(.{4})(?=.)/g, "$1 "),
    );
    await user.type(screen.getByLabelText("6-digit code"), TOTP_CODE);
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(await screen.findByRole("navigation")).toBeInTheDocument();
    expect(backend.callsOf("session_start_totp_enrolment")).toHaveLength(1);
  });

  it("goes back from the code step to the password, forgetting the pending sign-in", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile }, twoFactor: "code" });
    await user.type(await screen.findByLabelText("Password"), "demo-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await user.click(await screen.findByRole("button", { name: "Back to password" }));
    expect(await screen.findByLabelText("Password")).toBeInTheDocument();
    expect(backend.callsOf("session_cancel_sign_in")).toHaveLength(1);
  });

  it("asks for the code after connecting to a server and after opening the demo too", async () => {
    const { user } = renderApp({ twoFactor: "code" });
    await user.click(await screen.findByRole("button", { name: "Open demo workspace" }));
    expect(await screen.findByLabelText("6-digit code")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to password" }));
    const form = await screen.findByRole("form", { name: "Connect to a server" });
    await user.clear(within(form).getByLabelText("Server URL"));
    await user.type(within(form).getByLabelText("Server URL"), "https://admin.acme.example");
    await user.type(within(form).getByLabelText("Username"), "anna");
    await user.type(within(form).getByLabelText("Password"), "demo-password");
    await user.click(within(form).getByRole("button", { name: "Connect" }));
    expect(await screen.findByLabelText("6-digit code")).toBeInTheDocument();
  });

  it("lets an unfinished enrolment start over from the code step (4S-SSO)", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile }, twoFactor: "code" });
    await user.type(await screen.findByLabelText("Password"), "demo-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await user.click(await screen.findByRole("button", { name: /Set it up again/ }));
    await user.click(screen.getByRole("button", { name: "Set up an authenticator app" }));
    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toBeInTheDocument();
    expect(backend.callsOf("session_start_totp_enrolment")).toHaveLength(1);
  });

  describe("through the account's providers", () => {
    const provider = (id: number, name: string, kind: IdentityProvider["kind"]): IdentityProvider => ({
      id,
      account_id: 3,
      name,
      issuer: `https://${name.toLowerCase().replace(/ /g, "-")}.example`,
      client_id: "admin-console",
      kind,
      link_by_email: false,
      linked_users: 1,
    });

    it("offers 'Sign in with <provider>' and signs in through the system browser (4S-SSO)", async () => {
      const { user, backend } = renderApp({
        state: { profile: serverProfile },
        identityProviders: [provider(7, "Acme Entra ID", "workforce")],
      });
      await user.click(await screen.findByRole("button", { name: "Sign in with Acme Entra ID" }));
      expect(await screen.findByRole("navigation")).toBeInTheDocument();
      expect(backend.callsOf("session_sign_in_with_provider").map((call) => call.args)).toEqual([
        { workspace: { url: null, username: null }, providerId: 7 },
      ]);
      expect(backend.callsOf("session_sign_in")).toHaveLength(0);
    });

    it("offers no provider for a password-only account", async () => {
      const { backend } = renderApp({ state: { profile: serverProfile } });
      expect(await screen.findByLabelText("Password")).toBeInTheDocument();
      await waitFor(() => expect(backend.callsOf("session_sign_in_options")).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(screen.queryByRole("button", { name: /Sign in with/ })).toBeNull();
    });

    it("asks for the authenticator's code after a provider that asserted one factor (4S-SSO)", async () => {
      const { user, backend } = renderApp({
        state: { profile: serverProfile },
        twoFactor: "code",
        identityProviders: [provider(7, "Acme Entra ID", "workforce")],
      });
      await user.click(await screen.findByRole("button", { name: "Sign in with Acme Entra ID" }));
      await user.type(await screen.findByLabelText("6-digit code"), TOTP_CODE);
      await user.click(screen.getByRole("button", { name: "Confirm" }));
      expect(await screen.findByRole("navigation")).toBeInTheDocument();
      expect(backend.callsOf("session_submit_totp")).toHaveLength(1);
    });

    it("enrols an authenticator after a provider sign-in, with no password, then signs in with its code (4S-SSO)", async () => {
      const { user, backend } = renderApp({
        state: { profile: serverProfile },
        twoFactor: "enrol",
        identityProviders: [provider(7, "Acme Entra ID", "workforce")],
      });
      await user.click(await screen.findByRole("button", { name: "Sign in with Acme Entra ID" }));
      expect(await screen.findByText(/no authenticator app is set up for you yet/)).toBeInTheDocument();
      await user.click(screen.getByRole("button", { name: "Set up an authenticator app" }));
      await screen.findByRole("img", { name: "QR code for your authenticator app" });
      await user.type(screen.getByLabelText("6-digit code"), TOTP_CODE);
      await user.click(screen.getByRole("button", { name: "Confirm" }));
      expect(await screen.findByRole("navigation")).toBeInTheDocument();
      expect(backend.callsOf("session_start_totp_enrolment")).toHaveLength(1);
      expect(backend.callsOf("session_sign_in")).toHaveLength(0);
    });

    it("says why a provider sign-in did not complete (4S-SSO)", async () => {
      const { user } = renderApp({
        state: { profile: serverProfile },
        identityProviders: [provider(7, "Acme Entra ID", "workforce")],
        commands: {
          session_sign_in_with_provider: () => {
            throw {
              kind: "invalid_input",
              field: "provider",
              message: "the provider refused the sign-in: access_denied",
            };
          },
        },
      });
      await user.click(await screen.findByRole("button", { name: "Sign in with Acme Entra ID" }));
      expect(await screen.findByRole("alert")).toHaveTextContent("the provider refused the sign-in: access_denied");
    });
  });
});
