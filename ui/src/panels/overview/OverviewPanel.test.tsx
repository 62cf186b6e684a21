import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { OverviewView } from "../../bindings";
import { kept, type FakeBackendOptions } from "../../testing/fakeBackend";
import { overviewView, timeline } from "../../testing/fakeOverview";
import { filterTimeline, TIMELINE_KINDS } from "./Timeline";
import { renderSignedIn } from "../../testing/render";

// jsdom draws no charts and lays nothing out: the panels opened from here get a stand-in
// chart, and the timeline's scroller a height so its rows are virtualized.
vi.mock("../../shared/EChart", () => ({
  EChart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(480);
});

async function openOverview(commands: FakeBackendOptions["commands"] = {}) {
  const rendered = await renderSignedIn({ commands });
  await screen.findByRole("heading", { level: 1, name: "Overview" });
  return rendered;
}

const card = (name: string) => screen.getByRole("region", { name });

describe("Overview", () => {
  it("is the first panel after sign-in and fills every card from the console", async () => {
    await openOverview();
    expect(screen.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await screen.findByRole("region", { name: "Uptime this month" });
    // 4S-SLA: the proven ratio and the status against the target.
    const uptime = card("Uptime this month");
    expect(within(uptime).getByText("On track")).toBeInTheDocument();
    expect(within(uptime).getByText(/target 99\.8/)).toBeInTheDocument();
    expect(within(uptime).getByText(/without data, not counted as up/)).toBeInTheDocument();
    expect(uptime).toHaveAttribute("data-tone", "good");
    // UQ-BACKUP-DAILY: the age of the last good backup, and the last drill.
    const backups = card("Last good backup");
    expect(within(backups).getByText("5 h 0 min ago")).toBeInTheDocument();
    expect(within(backups).getByText(/Last drill: Failed/)).toBeInTheDocument();
    expect(backups).toHaveAttribute("data-tone", "warn");
    // 4S-MAINT-CAP: when, how long, and the cap used this month and next.
    const maintenance = card("Next maintenance");
    expect(within(maintenance).getByText("Database upgrade")).toBeInTheDocument();
    expect(within(maintenance).getByText(/2 h 0 min/)).toBeInTheDocument();
    expect(within(maintenance).getByText("Cap used: 2 h this month, 7.5 h next, of 8 h each")).toBeInTheDocument();
    expect(within(card("Unread notifications")).getByText("2")).toBeInTheDocument();
    const alerts = card("Open alerts");
    expect(within(alerts).getByText(/Drill failed/)).toBeInTheDocument();
    expect(alerts).toHaveAttribute("data-tone", "bad");
    expect(within(card("Access changes")).getByText("5")).toBeInTheDocument();
    expect(within(card("Access changes")).getByText(/3 granted, 1 revoked, 1 lockouts/)).toBeInTheDocument();
  });

  it("says why a card is empty: roles, no monitor, not synced yet, and no data is not uptime", async () => {
    const view = overviewView();
    const bare: OverviewView = {
      ...view,
      service: {
        ...view.service,
        uptime: { ...view.service.uptime!, month: { ...view.service.uptime!.month, uptime_ratio: null, status: "unverified" } },
        backups: null,
        maintenance: null,
        missing: [
          { card: "backups", why: { reason: "not_permitted" } },
          { card: "maintenance", why: { reason: "failed", message: "500 internal" } },
          { card: "notifications", why: { reason: "not_synced" } },
          { card: "access", why: { reason: "not_synced" } },
        ],
      },
      unread: null,
      access: null,
    };
    await openOverview({ overview_view: () => kept(bare, new Date().toISOString()) });
    await screen.findByRole("region", { name: "Uptime this month" });
    expect(within(card("Uptime this month")).getByText("No data yet")).toBeInTheDocument();
    expect(within(card("Uptime this month")).queryByText(/^\d+[.,]\d{2}\u00a0%$/)).not.toBeInTheDocument();
    expect(within(card("Last good backup")).getByText("Your roles do not show this.")).toBeInTheDocument();
    expect(within(card("Next maintenance")).getByText("The service could not give this: 500 internal")).toBeInTheDocument();
    expect(within(card("Unread notifications")).getByText(/Not synced yet/)).toBeInTheDocument();
    expect(within(card("Access changes")).getByText(/Not synced yet/)).toBeInTheDocument();
  });

  it("warns past 26 hours without a good backup", async () => {
    const view = overviewView();
    const stale = { ...view, service: { ...view.service, backups: { ...view.service.backups!, last_good_at: new Date(Date.now() - 27 * 3_600_000).toISOString() } } };
    await openOverview({ overview_view: () => kept(stale, new Date().toISOString()) });
    const backups = await screen.findByRole("region", { name: "Last good backup" });
    expect(backups).toHaveAttribute("data-tone", "bad");
    expect(within(backups).getByText("Older than 26 h")).toBeInTheDocument();
  });

  it("offline shows the kept copy with the shared note", async () => {
    await openOverview({ overview_view: () => kept(overviewView(), "2026-03-01T08:00:00Z", true) });
    expect(await screen.findByText(/Offline, showing data as of/)).toBeInTheDocument();
    expect(card("Uptime this month")).toBeInTheDocument();
  });

  it("a card opens its panel", async () => {
    const { user } = await openOverview();
    await user.click(await screen.findByRole("link", { name: "Last good backup" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Backups" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Backups" })).toHaveAttribute("aria-current", "page");
  });
});

describe("Timeline", () => {
  it("lists events newest first, virtualized, and filters by kind, range and text", async () => {
    const { user } = await openOverview();
    const list = await screen.findByRole("list", { name: "Timeline" });
    // 305 events in the last year, 90 days by default; only a window of rows is drawn.
    expect(screen.getByText("91 events")).toBeInTheDocument();
    const rows = within(list).getAllByRole("listitem");
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveTextContent("Maintenance ended: Routine patching");
    expect(within(list).getByText(/Fixed in 1 h 30 min of business hours/)).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Time range"), "365");
    expect(screen.getByText("305 events")).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: /Access changes/ }));
    expect(screen.getByText("5 events")).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox", { name: "Search the timeline" }), "weekly");
    expect(screen.getByText("1 event")).toBeInTheDocument();
    await user.click(within(list).getByRole("button", { name: "Update installed: Weekly update" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
  });

  it("counts the same whether the list is drawn in the fixture's millisecond or a second later", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    const events = timeline(now).events;
    const all = new Set(TIMELINE_KINDS);
    expect(filterTimeline(events, all, 90, "", now)).toHaveLength(91);
    expect(filterTimeline(events, all, 90, "", now + 1_000)).toHaveLength(91);
  });

  it("a row opens its item's panel", async () => {
    const { user } = await openOverview();
    const list = await screen.findByRole("list", { name: "Timeline" });
    await user.click(within(list).getByRole("button", { name: "Restore drill failed" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Backups" })).toBeInTheDocument();
  });
});
