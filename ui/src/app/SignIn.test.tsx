import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Profile } from "../bindings";
import { demoProfile } from "../testing/fakeBackend";
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
    expect(backend.callsOf("sign_in").map((call) => call.args)).toEqual([
      { password: "wrong" },
      { password: "demo-password" },
    ]);
  });

  it("opens the server address in the system browser, not in the app", async () => {
    const { user, backend } = renderApp({ state: { profile: serverProfile } });
    await user.click(await screen.findByRole("link", { name: "https://admin.acme.example" }));
    expect(backend.callsOf("open_external").map((call) => call.args)).toEqual([{ url: "https://admin.acme.example" }]);
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
    expect(backend.callsOf("leave_workspace")).toHaveLength(1);
  });
});
