// Bundled only for the browser tests (never into dist/): the built app has no Tauri behind it,
// so the tests inject this before the app's own scripts to stand in for the Rust side.
import type { Kept, MaintenanceOverview, MaintenanceWindow } from "../src/bindings";
import { installFakeBackend, kept, type FakeBackend } from "../src/testing/fakeBackend";

declare global {
  interface Window {
    fakeBackend: FakeBackend;
  }
}

// `?twoFactor=code` or `?twoFactor=enrol` opens on an account that requires two-factor sign-in.
const params = new URLSearchParams(location.search);
const twoFactor = params.get("twoFactor");
window.fakeBackend = installFakeBackend({
  latencyMs: 150,
  audit: { cached: 1_000_000 },
  ...(twoFactor === "code" || twoFactor === "enrol" ? { twoFactor } : {}),
  ...(params.get("maintenance") === "scheduled" ? { commands: { maintenance_overview: scheduledMaintenance } } : {}),
});

// `?maintenance=scheduled`: one window two days ahead, so the calendar has something to draw.
function scheduledMaintenance(): Kept<MaintenanceOverview> {
  const starts = new Date(Date.now() + 2 * 86_400_000);
  const window: MaintenanceWindow = {
    id: 4,
    title: "Search index rebuild",
    description: "The index is rebuilt.",
    impact: "Search may be incomplete",
    affected_components: ["search"],
    starts_at: starts.toISOString(),
    ends_at: new Date(starts.getTime() + 2 * 3_600_000).toISOString(),
    status: "scheduled",
    announced_at: new Date(Date.now() - 86_400_000).toISOString(),
    routine: true,
    series_id: null,
    recurrence: null,
  };
  const month = (date: Date) => ({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 });
  const next = new Date(Date.UTC(starts.getUTCFullYear(), starts.getUTCMonth() + 1, 1));
  return kept({
    windows: [window],
    this_month: { ...month(new Date()), used_minutes: 120, cap_minutes: 480 },
    next_month: { ...month(next), used_minutes: 0, cap_minutes: 480 },
    next_window: window,
  }, new Date().toISOString());
}
