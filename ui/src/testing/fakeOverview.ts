// The Overview's and the timeline's answers as the demo gives them, relative to "now".
import type { OverviewView, Timeline, TimelineEvent } from "../bindings";
import { backupsView, thisMonth } from "./fakeBackend";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const iso = (ms: number) => new Date(ms).toISOString();

export function overviewView(now = Date.now()): OverviewView {
  const backups = backupsView(now);
  const starts = now + 3 * DAY_MS;
  return {
    service: {
      uptime: { monitor_id: 1, monitor_name: "Admin API", month: thisMonth() },
      backups: {
        last_good_at: backups.last_good_at,
        stale_after_hours: 26,
        last_drill: { id: 14, backup_id: 993, started_at: iso(now - 2 * DAY_MS), passed: false, reason: "checksum mismatch", duration_ms: 2_140 },
      },
      maintenance: {
        next_window: {
          id: 41,
          title: "Database upgrade",
          description: "",
          impact: "Read-only for an hour",
          affected_components: ["database"],
          starts_at: iso(starts),
          ends_at: iso(starts + 2 * HOUR_MS),
          status: "scheduled",
          announced_at: iso(now - 10 * DAY_MS),
          routine: true,
          series_id: null,
          recurrence: null,
        },
        in_progress: null,
        this_month: { year: 2026, month: 3, used_minutes: 120, cap_minutes: 480 },
        next_month: { year: 2026, month: 4, used_minutes: 450, cap_minutes: 480 },
      },
      alerts: [{ kind: "failed_drill", at: iso(now - 2 * DAY_MS), message: "The restore drill of backup 993 failed" }],
      missing: [],
    },
    unread: 2,
    access: { since: iso(now - 7 * DAY_MS), grants: 3, revocations: 1, lockouts: 1, two_factor_resets: 0, blocks: 0 },
    feeds_synced_at: iso(now - 5 * 60_000),
  };
}

function event(key: string, at: number, kind: TimelineEvent["kind"], what: string, title: string, panel: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return { key, at: iso(at), kind, what, title, detail: "", panel, item_id: null, time_to_fix_business_s: null, ...extra };
}

/** A year of events, newest first: a few of each kind and many lockouts, so the list must scroll. */
export function timeline(now = Date.now()): Timeline {
  const events: TimelineEvent[] = [
    event("m1", now - 1 * HOUR_MS, "maintenance", "maintenance_ended", "Routine patching", "maintenance"),
    event("i1", now - 2 * DAY_MS, "incident", "incident_ended", "Admin API", "uptime", { time_to_fix_business_s: 5_400, detail: "database failover" }),
    event("b1", now - 3 * DAY_MS, "backup", "drill_failed", "", "backups", { detail: "checksum mismatch" }),
    event("c1", now - 20 * DAY_MS, "change", "change_announced", "New user management view", "settings"),
    event("u1", now - 40 * DAY_MS, "update", "update_installed", "Weekly update", "settings"),
  ];
  // Half a day off the whole days, so no event sits on a range's edge: one exactly 90 days
  // old fell in or out of "last 90 days" with the milliseconds between this and the render.
  for (let i = 0; i < 300; i += 1) {
    events.push(event(`a${i}`, now - 4 * DAY_MS - DAY_MS / 2 - i * DAY_MS, "access", "locked_out", `user${i}@example.com`, "activity"));
  }
  events.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return { events, not_permitted: [] };
}
