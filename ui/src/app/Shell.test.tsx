import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { demoProfile, sessionFor } from "../testing/fakeBackend";
import { renderSignedIn } from "../testing/render";
import { formatDateTime } from "../shared/time";

const NAV = ["Overview", "Roles", "Activity", "Audit log", "Backups", "Maintenance", "Uptime", "Settings"];

describe("app shell", () => {
  it("shows the navigation, account, user and connection state", async () => {
    await renderSignedIn();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(NAV);
    // The Overview is the first panel after sign-in (issue 19).
    expect(within(nav).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    expect(await screen.findByRole("heading", { level: 1, name: "Overview" })).toBeInTheDocument();
    expect(within(screen.getByRole("banner")).getByText("Northwind Media")).toBeInTheDocument();
    expect(screen.getByText("Maria Manager")).toBeInTheDocument();
    expect(screen.getByText("Online")).toBeInTheDocument();
  });

  it("names the platform when the user belongs to no account", async () => {
    const session = { ...sessionFor(demoProfile), account: null };
    await renderSignedIn({ state: { session } });
    expect(within(screen.getByRole("banner")).getByText("Platform")).toBeInTheDocument();
  });

  it("switches panels from the sidebar", async () => {
    const { user } = await renderSignedIn();
    await user.click(screen.getByRole("link", { name: "Maintenance" }));
    // The panel and FullCalendar load on first use; a loaded machine takes its time.
    expect(await screen.findByRole("heading", { level: 1, name: "Maintenance" }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Maintenance" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current");
  });

  it("shows since when the service is offline, as Rust reports it", async () => {
    const { backend } = await renderSignedIn();
    const since = "2030-01-01T08:15:00Z";
    await act(() => backend.changeConnection({ state: "offline", since }));
    expect(await screen.findByText(`Offline since ${formatDateTime(since, "en")}`)).toBeInTheDocument();
    expect(screen.queryByText("Online")).not.toBeInTheDocument();
  });

  it("signs out to the sign-in screen of the profile", async () => {
    const { user, backend } = await renderSignedIn();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByText("You signed out.")).toBeInTheDocument();
    expect(screen.getByText("Demo workspace")).toBeInTheDocument();
    expect(backend.callsOf("session_sign_out")).toHaveLength(1);
  });

  it("FZ-IDLE-30: shows why the session ended when Rust ends it for inactivity", async () => {
    const { backend } = await renderSignedIn();
    await act(() => backend.endSession({ reason: "idle" }));
    expect(await screen.findByText("You were signed out after 30 minutes without activity.")).toBeInTheDocument();
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });

  it("FZ-IDLE-30: reports user activity to Rust at most once per 20 seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const { backend } = await renderSignedIn();
    const reports = () => backend.callsOf("session_report_activity").length;

    fireEvent.mouseMove(window);
    fireEvent.keyDown(window, { key: "a" });
    expect(reports()).toBe(1);

    vi.setSystemTime(new Date("2030-01-01T00:00:19Z"));
    fireEvent.wheel(window);
    fireEvent.mouseDown(window);
    expect(reports()).toBe(1);

    vi.setSystemTime(new Date("2030-01-01T00:00:20Z"));
    fireEvent.touchStart(window);
    expect(reports()).toBe(2);
  });
});

describe("keyboard", () => {
  it("Ctrl+1…8 switch panels and Ctrl+F focuses the panel's search", async () => {
    const { user } = await renderSignedIn();
    await screen.findByRole("heading", { level: 1, name: "Overview" });
    await user.keyboard("{Control>}3{/Control}");
    await waitFor(() => expect(screen.getByRole("link", { name: "Activity" })).toHaveAttribute("aria-current", "page"));
    await user.keyboard("{Control>}2{/Control}");
    await screen.findByRole("navigation", { name: "Accounts and channels" });
    await user.keyboard("{Control>}f{/Control}");
    expect(screen.getByRole("searchbox")).toHaveFocus();
    await user.keyboard("{Control>}1{/Control}");
    await screen.findByRole("heading", { level: 1, name: "Overview" });
    await user.keyboard("{Control>}f{/Control}");
    expect(screen.getByRole("searchbox", { name: "Search the timeline" })).toHaveFocus();
  });
});
