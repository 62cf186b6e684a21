import { emit } from "@tauri-apps/api/event";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditQuery } from "../../bindings";
import { auditEvent } from "../../testing/fakeAudit";
import { renderSignedIn } from "../../testing/render";

const VIEWPORT = 600;

beforeEach(() => {
  // jsdom lays nothing out: give the scrolling table a height so rows are virtualized.
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(VIEWPORT);
});

async function openAuditLog(options: Parameters<typeof renderSignedIn>[0] = {}) {
  const rendered = await renderSignedIn(options);
  await rendered.user.click(screen.getByRole("link", { name: "Audit log" }));
  await screen.findByRole("table", { name: "Audit events" });
  return rendered;
}

const pageQueries = (backend: Awaited<ReturnType<typeof openAuditLog>>["backend"]) =>
  backend.callsOf("audit_page").map((call) => call.args.query as AuditQuery);

function scrollTo(top: number) {
  const scroller = screen.getByTestId("audit-scroll");
  scroller.scrollTop = top;
  fireEvent.scroll(scroller);
}

describe("audit log panel", () => {
  it("scrolls a million cached events window by window, newest first", async () => {
    const { backend } = await openAuditLog({ audit: { cached: 1_000_000 } });
    expect(await screen.findByText("1,000,000 matching events")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Open event 1000000" })).toBeInTheDocument();
    // Only what is on screen (and a little around it) is in the document.
    expect(screen.getAllByRole("row").length).toBeLessThan(60);
    expect(pageQueries(backend)).toEqual([expect.objectContaining({ descending: true, after: null, offset: 0, limit: 100 })]);

    // A jump halfway down asks for that window by position...
    await act(async () => scrollTo(500_000 * 30));
    expect(await screen.findByRole("button", { name: "Open event 500000" })).toBeInTheDocument();
    expect(pageQueries(backend)).toContainEqual(expect.objectContaining({ after: null, offset: 500_000 }));
    // ...and scrolling on from there continues by keyset after the last row it has.
    await act(async () => scrollTo(500_090 * 30));
    expect(await screen.findByRole("button", { name: "Open event 499900" })).toBeInTheDocument();
    expect(pageQueries(backend)).toContainEqual(expect.objectContaining({ after: 499_901, offset: 0 }));
    expect(pageQueries(backend).every((q) => q.limit === 100)).toBe(true);
  });

  it("shows grey rows while the first window loads", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { user } = await renderSignedIn({
      commands: {
        audit_page: async () => {
          await gate;
          return Array.from({ length: 100 }, (_, i) => auditEvent(1000 - i));
        },
      },
    });
    await user.click(screen.getByRole("link", { name: "Audit log" }));
    await screen.findByRole("table", { name: "Audit events" });
    expect(screen.getByRole("progressbar", { name: "Loading audit events" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Open event/ })).toBeNull();
    await act(async () => release());
    expect(await screen.findByRole("button", { name: "Open event 1000" })).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: "Loading audit events" })).toBeNull();
  });

  it("combines full-text search with filters, in the cache", async () => {
    const { user, backend } = await openAuditLog();
    await user.type(screen.getByLabelText("Search"), "sessions");
    await user.selectOptions(screen.getByLabelText("Outcome"), "refused");
    await expect
      .poll(() => backend.callsOf("audit_count").at(-1)?.args.query)
      .toMatchObject({ text: "sessions", outcome: "refused", actor: null });
    // Every 28th event of the fake is a refused sign-in: 35 of 1,000.
    expect(await screen.findByText("35 matching events")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Audit events" });
    const cells = await within(table).findAllByText("POST /api/v1/sessions");
    expect(cells.length).toBeGreaterThan(5);
    expect(within(table).queryByText("Allowed")).toBeNull();

    await user.type(screen.getByLabelText("Actor"), "+358401234567");
    expect(await screen.findByText("0 matching events")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Audit events" })).toBeNull();
    expect(screen.getByText("No events match the filter")).toBeInTheDocument();

    // Clearing empties every filter input and shows the whole cache again.
    await user.click(screen.getByRole("button", { name: "Clear filter" }));
    expect(await screen.findByText("1,000 matching events")).toBeInTheDocument();
    expect(screen.getByLabelText("Search")).toHaveValue("");
    expect(screen.getByLabelText("Actor")).toHaveValue("");
    expect(screen.getByLabelText("Outcome")).toHaveValue("");
  });

  it("with nothing cached, says to sync", async () => {
    const { user } = await renderSignedIn({ audit: { cached: 0 } });
    await user.click(screen.getByRole("link", { name: "Audit log" }));
    expect(await screen.findByText("The audit log cache is empty")).toBeInTheDocument();
    expect(screen.getByText(/Press Sync now to copy the service's audit log/)).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Audit events" })).toBeNull();
  });

  it("Ctrl+F focuses the search field", async () => {
    const { user } = await openAuditLog();
    await user.keyboard("{Control>}f{/Control}");
    expect(screen.getByLabelText("Search")).toHaveFocus();
  });

  it("sorts oldest first from the time column", async () => {
    const { user, backend } = await openAuditLog();
    await screen.findByRole("button", { name: "Open event 1000" });
    expect(screen.getByRole("columnheader", { name: /Time/ })).toHaveAttribute("aria-sort", "descending");
    await user.click(screen.getByRole("button", { name: /Time/ }));
    expect(await screen.findByRole("button", { name: "Open event 1" })).toBeInTheDocument();
    expect(pageQueries(backend).at(-1)).toMatchObject({ descending: false, offset: 0 });
    expect(screen.getByRole("columnheader", { name: /Time/ })).toHaveAttribute("aria-sort", "ascending");
  });

  it("opens an event with all its fields and its chain status", async () => {
    const { user } = await openAuditLog({ audit: { brokenSeq: 994 } });
    await user.click(await screen.findByRole("button", { name: "Open event 999" }));
    const drawer = await screen.findByRole("dialog", { name: "Event 999" });
    expect(await within(drawer).findByText("Fits its hash chain")).toBeInTheDocument();
    expect(within(drawer).getByText("PATCH /api/v1/users/{id}")).toBeInTheDocument();
    expect(within(drawer).getByText("/api/v1/users/49")).toBeInTheDocument();
    expect(within(drawer).getByText("Done to").nextElementSibling).toHaveTextContent("user49@example.com");
    expect(within(drawer).getByText("3e7".padStart(64, "0"))).toBeInTheDocument();
    expect(within(drawer).getByText("The sync found the first break of this log at event 994.")).toBeInTheDocument();

    // Found whether or not exposed: jsdom fires no focusout, so the library's modal layer may
    // mark the open drawer aria-hidden for a moment while its content changes (in Chromium it
    // stays exposed; the browser layer's axe run checks that).
    await user.click(within(drawer).getByRole("button", { name: "Close", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    await user.click(screen.getByRole("button", { name: "Open event 994" }));
    const broken = await screen.findByRole("dialog", { name: "Event 994", hidden: true });
    expect(await within(broken).findByText("Its hash does not match its content: the event was changed")).toBeInTheDocument();
  });

  it("closes the event drawer with Esc and gives focus back to the event that opened it", async () => {
    const { user } = await openAuditLog();
    const opener = await screen.findByRole("button", { name: "Open event 998" });
    await user.click(opener);
    const drawer = await screen.findByRole("dialog", { name: "Event 998" });
    await within(drawer).findByText("Fits its hash chain");
    expect(drawer).toHaveAttribute("aria-modal", "true");
    expect(drawer).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Event 998" })).toBeNull());
    await expect.poll(() => document.activeElement).toBe(opener);
  });

  it("names the first bad event of a chain break found while syncing, and verifies on request", async () => {
    const { user } = await openAuditLog({ audit: { brokenSeq: 321 } });
    expect(await screen.findByText(/hash chain is broken at event 321: Its hash does not match/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Verify integrity" }));
    expect(await screen.findByText(/The chain is broken at event 321 \(.*\); 321 events checked/)).toBeInTheDocument();
  });

  it("says the chain is intact after verifying a good cache", async () => {
    const { user } = await openAuditLog();
    await user.click(screen.getByRole("button", { name: "Verify integrity" }));
    expect(await screen.findByText("Verified 1,000 events: the chain is intact.")).toBeInTheDocument();
  });

  it("syncs now and then shows just what the sync brought", async () => {
    const { user, backend } = await openAuditLog({ audit: { incoming: 12_000 } });
    await user.click(screen.getByRole("button", { name: "Sync now" }));
    expect(await screen.findByText("13,000 events in the cache, synced Nov 23, 2026, 9:00 AM (Helsinki Nov 23, 2026, 11:00 AM).")).toBeInTheDocument();
    expect(await screen.findByText("Audit log synced: 12,000 new events.")).toBeInTheDocument();
    await user.click(screen.getByLabelText("New since last sync (12,000)"));
    expect(await screen.findByText("12,000 matching events")).toBeInTheDocument();
    expect(backend.callsOf("audit_count").at(-1)?.args.query).toMatchObject({ new_since_last_sync: true });
  });

  it("shows a progress bar in the shell while a long sync runs", async () => {
    await openAuditLog();
    await act(() =>
      emit("audit-sync-progress", { synced: 250_000, total: 1_000_000, events_per_sec: 25_000, seconds_left: 30, waiting_secs: null, done: false }),
    );
    const bar = await screen.findByRole("progressbar", { name: "Audit log sync" });
    expect(bar).toHaveAttribute("aria-valuenow", "250000");
    expect(bar).toHaveAttribute("aria-valuemax", "1000000");
    expect(screen.getByText(/250,000 of at most 1,000,000 events, 25,000 events\/s · about 30 s left/)).toBeInTheDocument();
    await act(() =>
      emit("audit-sync-progress", { synced: 1_000_000, total: 1_000_000, events_per_sec: 25_000, seconds_left: null, waiting_secs: null, done: true }),
    );
    expect(screen.queryByRole("progressbar", { name: "Audit log sync" })).toBeNull();
  });

  it("exports the current filter through the save dialog with progress", async () => {
    let finish: (path: string) => void = () => undefined;
    const { user, backend } = await openAuditLog({
      commands: {
        audit_export: async () => {
          await emit("audit-export-progress", { written: 5_000, total: 20_000 });
          return new Promise<string>((resolve) => (finish = resolve));
        },
      },
    });
    await user.selectOptions(screen.getByLabelText("Outcome"), "failed");
    await user.click(screen.getByRole("button", { name: "Export JSON" }));
    const bar = await screen.findByRole("progressbar", { name: "Exporting 5,000 of 20,000 events" });
    expect(bar).toHaveAttribute("aria-valuenow", "5000");
    expect(bar).toHaveAttribute("aria-valuemax", "20000");
    expect(backend.callsOf("audit_export")[0]?.args).toEqual({
      format: "json",
      query: expect.objectContaining({ outcome: "failed", text: null, descending: true, after: null, offset: 0 }),
    });
    await act(async () => finish("/home/maria/audit.json"));
    // The finished export is announced in a toast.
    expect(await screen.findByText("Saved to /home/maria/audit.json")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: /Exporting/ })).toBeNull();
  });

  it("says nothing was exported when the save dialog was cancelled", async () => {
    const { user, backend } = await openAuditLog({ audit: { exportPath: null } });
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(backend.callsOf("audit_export")).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole("button", { name: "Export CSV" })).toBeEnabled());
    expect(screen.queryByText(/^Saved to/)).toBeNull();
  });

  it("offline, reads the cache and says as of when", async () => {
    const { user } = await openAuditLog({ audit: { offline: true } });
    expect(await screen.findByText("Offline, showing data as of Nov 23, 2026, 8:00 AM (Helsinki Nov 23, 2026, 10:00 AM).")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Open event 1000" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sync now" }));
    expect(await screen.findByText("The server cannot be reached. Check the address and your network connection.")).toBeInTheDocument();
  });
});
