import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CommandError } from "../bindings";
import { renderSignedIn } from "../testing/render";

const offline = (): never => {
  throw { kind: "offline", message: "The server cannot be reached." } satisfies CommandError;
};

// Issue 25: offline with no copy kept, a panel says it has not been synced for offline use,
// never a bare "cannot be reached".
describe("a panel offline with no copy", () => {
  it.each([
    ["Overview", "overview_view"],
    ["Roles", "roles_overview"],
    ["Backups", "backups_overview"],
    ["Maintenance", "maintenance_overview"],
    ["Uptime", "uptime_view"],
  ])("%s says it has not been synced for offline use yet", async (panel, command) => {
    const { user } = await renderSignedIn({ commands: { [command]: offline } });
    await user.click(screen.getByRole("link", { name: panel }));
    expect(await screen.findByText("Offline, and this panel has not been synced for offline use yet.")).toBeInTheDocument();
    expect(screen.queryByText(/cannot be reached/)).not.toBeInTheDocument();
  });
});

// Read online, the panel's data says nothing; when the service goes away the panel reads
// again and shows the kept copy with its time, instead of the old answer as if fresh.
describe("a panel when the connection drops", () => {
  it("reads again and says it shows the kept copy", async () => {
    const { user, backend } = await renderSignedIn();
    await user.click(screen.getByRole("link", { name: "Activity" }));
    await screen.findByRole("heading", { name: "Activity and notifications" });
    expect(screen.queryByText(/Offline, showing data as of/)).not.toBeInTheDocument();
    const before = backend.callsOf("activity_view").length;
    await act(() => backend.changeConnection({ state: "offline", since: "2026-11-23T12:30:00Z" }));
    expect(await screen.findByText(/Offline, showing data as of/)).toBeInTheDocument();
    expect(backend.callsOf("activity_view").length).toBeGreaterThan(before);
  });
});
