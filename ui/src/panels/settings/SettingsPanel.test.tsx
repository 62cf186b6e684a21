import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderSignedIn } from "../../testing/render";

async function openSettings() {
  const rendered = await renderSignedIn();
  await rendered.user.click(screen.getByRole("link", { name: "Settings" }));
  const form = await screen.findByRole("form", { name: "Change password" });
  const fill = async (current: string, next: string, confirm: string) => {
    await rendered.user.type(within(form).getByLabelText("Current password"), current);
    await rendered.user.type(within(form).getByLabelText("New password"), next);
    await rendered.user.type(within(form).getByLabelText("Confirm new password"), confirm);
    await rendered.user.click(within(form).getByRole("button", { name: "Change password" }));
  };
  return { ...rendered, form, fill };
}

describe("settings panel", () => {
  it("shows the service region", async () => {
    await openSettings();
    const term = screen.getByText("Service region");
    expect(term.nextElementSibling).toHaveTextContent("eu-north");
  });

  it("refuses a new password shorter than 6 characters without asking Rust", async () => {
    const { form, fill, backend } = await openSettings();
    await fill("demo-password", "abc", "abc");
    const next = within(form).getByLabelText("New password");
    expect(next).toHaveAttribute("aria-invalid", "true");
    expect(next).toHaveAccessibleDescription("The new password must have at least 6 characters.");
    expect(backend.callsOf("session_change_password")).toHaveLength(0);
  });

  it("refuses a confirmation that does not match", async () => {
    const { form, fill, backend } = await openSettings();
    await fill("demo-password", "abcdef", "abcdeg");
    expect(within(form).getByLabelText("Confirm new password")).toHaveAccessibleDescription(
      "The passwords do not match.",
    );
    expect(backend.callsOf("session_change_password")).toHaveLength(0);
  });

  it("shows the service's error at the current password", async () => {
    const { form, fill } = await openSettings();
    await fill("wrong", "abcdef", "abcdef");
    expect(await within(form).findByText("The current password is wrong.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Current password")).toHaveAttribute("aria-invalid", "true");
  });

  it("changes the password, says so in a toast and clears the form", async () => {
    const { form, fill, backend } = await openSettings();
    await fill("demo-password", "new-secret", "new-secret");
    expect(await screen.findByRole("listitem", { name: "Your password was changed." })).toBeInTheDocument();
    expect(backend.callsOf("session_change_password")[0]?.args).toEqual({
      request: { current_password: "demo-password", new_password: "new-secret" },
    });
    expect(within(form).getByLabelText("New password")).toHaveValue("");
  });

  it("draws the theme chosen here and hands it back to the system on request", async () => {
    // This computer's system asks for more contrast.
    vi.stubGlobal("matchMedia", (media: string) => ({
      media,
      matches: media.includes("prefers-contrast"),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    try {
      const { user } = await openSettings();
      const root = () => document.querySelector(".theme-root");
      const group = screen.getByRole("radiogroup", { name: "Theme" });
      expect(within(group).getByRole("radio", { name: "Follow the system" })).toBeChecked();
      expect(root()).toHaveAttribute("data-theme", "contrast");

      await user.click(within(group).getByRole("radio", { name: "Dark" }));
      expect(root()).toHaveAttribute("data-theme", "dark");
      expect(within(group).getByRole("radio", { name: "Dark" })).toBeChecked();
      expect(localStorage.getItem("admin-console.theme")).toBe("dark");

      await user.click(within(group).getByRole("radio", { name: "Light" }));
      expect(root()).toHaveAttribute("data-theme", "light");

      await user.click(within(group).getByRole("radio", { name: "Follow the system" }));
      expect(root()).toHaveAttribute("data-theme", "contrast");
      expect(localStorage.getItem("admin-console.theme")).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("switches the app to Finnish", async () => {
    const { user } = await openSettings();
    await user.selectOptions(screen.getByLabelText("App language"), "fi");
    const nav = screen.getByRole("navigation");
    expect(await within(nav).findByRole("link", { name: "Roolit" })).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: "Asetukset" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("button", { name: "Kirjaudu ulos" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("fi");
    expect(localStorage.getItem("admin-console.language")).toBe("fi");
  });
});
