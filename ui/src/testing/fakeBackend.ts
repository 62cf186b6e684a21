// A stand-in for the Rust side, shared by the component tests and the browser tests, that
// behaves like the real commands closely enough to drive the UI through its screens.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { installFakeAudit, type FakeAuditOptions } from "./fakeAudit";
import { overviewView, timeline } from "./fakeOverview";
import type {
  ActivityFilter,
  ContactChange,
  FeedSyncReport,
  OutboxMessage,
  UserActivity,
  UserNotification,
  AccessChange,
  Grant,
  GrantRequest,
  RoleAssignment,
  RolesOverview,
  SecuritySettings,
  UserFilter,
  UserSummary,
  BusinessCalendarSettings,
  BusinessCalendarVersion,
  ChangePasswordRequest,
  CommandError,
  ConnectRequest,
  Connection,
  ConsoleState,
  DayBar,
  IncidentView,
  LatencyPoint,
  Monitor,
  MonitorPatch,
  NewMonitor,
  Profile,
  SessionEnded,
  SessionView,
  SlaMonth,
  SlaStatus,
  UptimeView,
  Backup,
  BackupDay,
  BackupsView,
  NewRestoreRequest,
  RestoreRequest,
  RestoreRequestPatch,
  RestoreRequestView,
  RestoreStatus,
  ChangeNotices,
  DeferFor,
  FeatureChange,
  Features,
  UpdateInfo,
  UpdateSettings,
  UpdateSettingsChange,
  DataResidencyView,
  Residency,
  Kept,
  OfflineStatus,
  SyncPart,
  IdentityProvider,
  IdentityProviderSettings,
  LinkedIdentity,
  NewIdentityLink,
  ProviderWorkspace,
} from "../bindings";
import type { CommandName, Commands } from "../commands";

export const DEMO_PASSWORD = "demo-password";
/** The one code the fake authenticator accepts. */
export const TOTP_CODE = "123456";
export const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
export const LOCKED_UNTIL = "2030-01-02T03:04:00Z";

export const demoProfile: Profile = {
  id: "demo",
  name: "Demo workspace",
  url: "http://127.0.0.1:48080",
  username: "maria.manager",
  demo: true,
};

export function sessionFor(profile: Profile): SessionView {
  return {
    profile,
    user: {
      id: 7,
      username: profile.username,
      display_name: "Maria Manager",
      email: "maria@example.com",
      phone: null,
      account_id: 3,
      status: "active",
      locked_until: null,
    },
    account: { id: 3, name: "Northwind Media" },
    assignments: [{ id: 1, role: "account_manager", scope: { level: "account", id: 3 } }],
    idle_expires_at: "2030-01-01T00:30:00Z",
    region: "eu-north",
  };
}

const ACCOUNT = 3;
const CHANNELS = [31, 32];

export const rolesOverview: RolesOverview = {
  tree: [
    {
      account: { id: ACCOUNT, name: "Northwind Media" },
      channels: [
        { id: CHANNELS[0] as number, account_id: ACCOUNT, name: "Web shop" },
        { id: CHANNELS[1] as number, account_id: ACCOUNT, name: "Mobile app" },
      ],
    },
  ],
  // What crates/policy answers for an Account Manager of this tree.
  delegable: [
    { role: "account_manager", scope: { level: "account", id: ACCOUNT } },
    ...CHANNELS.flatMap((id) =>
      (["channel_manager", "channel_editor", "viewer"] as const).map(
        (role): Grant => ({ role, scope: { level: "channel", id } }),
      ),
    ),
  ],
  administers: [ACCOUNT],
  may_block: false,
};

function demoUsers(): UserSummary[] {
  const person = (id: number, name: string, assignments: RoleAssignment[], extra: Partial<UserSummary["user"]> = {}) => ({
    user: {
      id,
      username: `${name.toLowerCase().replace(" ", ".")}@example.com`,
      display_name: name,
      email: null,
      phone: null,
      account_id: ACCOUNT,
      status: "active" as const,
      locked_until: null,
      ...extra,
    },
    assignments,
    two_factor_enrolled: id === 8,
    may_act: true,
  });
  return [
    person(7, "Maria Manager", [{ id: 1, role: "account_manager", scope: { level: "account", id: ACCOUNT } }]),
    person(8, "Aino Virtanen", [{ id: 2, role: "viewer", scope: { level: "channel", id: 31 } }], {
      locked_until: "2999-01-01T10:00:00Z",
      email: "aino@new.example",
    }),
    person(9, "Eino Korhonen", [{ id: 3, role: "channel_editor", scope: { level: "channel", id: 32 } }], {
      status: "blocked",
    }),
  ];
}

export const online: Connection = { state: "online", since: "2030-01-01T00:00:00Z" };

export const UPTIME_AS_OF = "2026-11-23T13:25:00Z";
export const BREACHED_MONTH = "2026-06";
export const UNVERIFIED_MONTH = "2026-04";

export const monitors: Monitor[] = [
  { id: 1, name: "Service health", kind: "http", target: "http://127.0.0.1:48080/health", interval_s: 60, grace_s: 60, paused: false, builtin: true },
  { id: 2, name: "Status page (push)", kind: "push", target: null, interval_s: 60, grace_s: 60, paused: false, builtin: false },
];

const HOUR = 3_600;
const TARGET = 0.998;

/** A month as the service reports it (4S-SLA): no data counts against the proven ratio. */
function slaMonth(
  month: string,
  business_s: number,
  maintenance_s: number,
  unmonitored_s: number,
  down_s: number,
  remaining_s = 0,
): SlaMonth {
  const measured_s = business_s - maintenance_s - remaining_s;
  const up_s = measured_s - unmonitored_s - down_s;
  const uptime_ratio = measured_s > 0 ? up_s / measured_s : null;
  const uptime_ratio_best = up_s + down_s > 0 ? up_s / (up_s + down_s) : null;
  const allowed_downtime_s = (1 - TARGET) * (measured_s + remaining_s);
  const status: SlaStatus =
    remaining_s === 0
      ? (uptime_ratio ?? 0) >= TARGET
        ? "compliant"
        : (uptime_ratio_best ?? 1) < TARGET
          ? "breached"
          : "unverified"
      : down_s > allowed_downtime_s
        ? "breached"
        : down_s + unmonitored_s <= allowed_downtime_s
          ? "on_track"
          : "at_risk";
  return {
    month,
    time_zone: "Europe/Helsinki",
    business_s,
    maintenance_s,
    measured_s,
    remaining_s,
    up_s,
    down_s,
    unmonitored_s,
    uptime_ratio,
    uptime_ratio_best,
    allowed_downtime_s,
    status,
    compliant: status === "compliant" ? true : status === "breached" ? false : null,
    target_ratio: TARGET,
    business_days: [1, 2, 3, 4, 5],
    business_opens: "07:00",
    business_closes: "20:00",
  };
}

// Newest first, as the service sends it; this month so far is 16 of its 21 business days.
// April has an hour without data: not provably compliant, so unverified.
function slaHistory(monitorId: number): SlaMonth[] {
  const breach = monitorId === 1 ? 3_000 : 600;
  return [
    slaMonth("2026-11", 21 * 13 * HOUR, 2 * HOUR, 600, 480, 5 * 13 * HOUR),
    slaMonth("2026-10", 22 * 13 * HOUR, 3 * HOUR, 0, 1_260),
    slaMonth("2026-09", 22 * 13 * HOUR, 0, 600, 300),
    slaMonth("2026-08", 21 * 13 * HOUR, 4 * HOUR, 0, 0),
    slaMonth("2026-07", 23 * 13 * HOUR, 0, 0, 720),
    slaMonth(BREACHED_MONTH, 22 * 13 * HOUR, 0, 0, breach),
    slaMonth("2026-05", 21 * 13 * HOUR, 2 * HOUR, 0, 900),
    slaMonth(UNVERIFIED_MONTH, 22 * 13 * HOUR, 0, 3_600, 240),
    slaMonth("2026-03", 22 * 13 * HOUR, 3 * HOUR, 0, 1_500),
    slaMonth("2026-02", 20 * 13 * HOUR, 0, 0, 60),
    slaMonth("2026-01", 22 * 13 * HOUR, 2 * HOUR, 0, 1_080),
    slaMonth("2025-12", 23 * 13 * HOUR, 0, 0, 420),
  ];
}

// 90 local dates ending today, oldest first; a few outages, one slow day, one day unmonitored.
function dailyBars(): DayBar[] {
  const last = Date.UTC(2026, 10, 23);
  const special: Record<number, Pick<DayBar, "state" | "down_s" | "avg_latency_ms">> = {
    2: { state: "degraded", down_s: 480, avg_latency_ms: 142 },
    19: { state: "degraded", down_s: 1_260, avg_latency_ms: 156 },
    37: { state: "no_data", down_s: 0, avg_latency_ms: null },
    52: { state: "degraded", down_s: 0, avg_latency_ms: 1_340 },
    66: { state: "maintenance", down_s: 0, avg_latency_ms: 131 },
    79: { state: "down", down_s: 2_400, avg_latency_ms: 188 },
  };
  return Array.from({ length: 90 }, (_, i) => {
    const daysAgo = 89 - i;
    const date = new Date(last - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const day = special[daysAgo] ?? { state: "up", down_s: 0, avg_latency_ms: 118 + ((i * 37) % 29) };
    const maintenance_s = day.state === "maintenance" ? 2 * HOUR : 0;
    const monitored = day.state === "no_data" ? 0 : (daysAgo === 0 ? 13 * HOUR + 1_500 : 86_400) - maintenance_s;
    const unmonitored_s = day.state === "no_data" ? 13 * HOUR : 0;
    return { date, up_s: monitored - day.down_s, maintenance_s, unmonitored_s, ...day };
  });
}

const incidents: IncidentView[] = [
  {
    started_at: "2026-11-20T08:05:00Z",
    ended_at: "2026-11-20T08:13:00Z",
    duration_s: 480,
    time_to_fix_business_s: 480,
    fixed_same_business_day: true,
    note: "Database failover after a disk alert.",
  },
  {
    started_at: "2026-10-30T17:40:00Z",
    ended_at: "2026-11-02T05:45:00Z",
    duration_s: 216_300,
    time_to_fix_business_s: 8_100,
    fixed_same_business_day: false,
    note: null,
  },
  {
    started_at: "2026-09-04T09:10:00Z",
    ended_at: "2026-09-04T09:50:00Z",
    duration_s: 2_400,
    time_to_fix_business_s: 2_400,
    fixed_same_business_day: true,
    note: "Expired TLS certificate on the load balancer.",
  },
];

/** This month so far of the built-in monitor, as the Overview's uptime card gets it. */
export function thisMonth(): SlaMonth {
  return slaHistory(1)[0] as SlaMonth;
}

export function uptimeView(monitorId: number | null, list: Monitor[] = monitors): UptimeView {
  const id = monitorId ?? 1;
  return {
    monitors: list,
    monitor_id: id,
    history: slaHistory(id),
    daily: dailyBars(),
    incidents: id === 1 ? incidents : [],
    region: "eu-north",
  };
}

/** Hourly points, with a slow spell every afternoon, as the service buckets them. */
export function latencyPoints(from: string, to: string): LatencyPoint[] {
  const points: LatencyPoint[] = [];
  for (let at = Math.ceil(Date.parse(from) / HOUR / 1000) * HOUR * 1000; at <= Date.parse(to); at += HOUR * 1000) {
    const hour = new Date(at).getUTCHours();
    const avg = 110 + 25 * Math.sin((hour / 24) * 2 * Math.PI) + ((at / 3_600_000) % 7) * 3;
    points.push({ at: new Date(at).toISOString(), avg_ms: Math.round(avg), max_ms: Math.round(avg * 2.4 + (hour === 13 ? 600 : 0)) });
  }
  return points;
}

const DAY_MS = 86_400_000;

/** A SHA-256-shaped hex string, different for each id. */
function fakeSha(id: number): string {
  return Array.from({ length: 64 }, (_, i) => ((id * 7 + i * 13) % 16).toString(16)).join("");
}

/** 7 daily and 4 weekly snapshots before `now`, newest first, as the service keeps them. */
function keptSnapshots(now: number): Backup[] {
  const back = [1, 2, 3, 4, 5, 6, 7, 14, 21, 28, 35];
  return back.map((days, i) => {
    const started = new Date(now - days * DAY_MS);
    return {
      id: 1_000 - days,
      started_at: started.toISOString(),
      local_date: started.toISOString().slice(0, 10),
      status: "ok",
      size_bytes: 8_200_000 - i * 52_000,
      sha256: fakeSha(1_000 - days),
      row_counts: { accounts: 1, users: 60 },
      duration_ms: 420,
      error: null,
      retention: i < 7 ? "daily" : "weekly",
    };
  });
}

export const FAILED_DRILL_REASON = "table audit_events: the manifest has 63350 rows, the restored copy 63311";

/** 90 nights ending today: a missed one 40 nights back, a failed drill 21 back, weekly drills. */
function backupDays(now: number): BackupDay[] {
  return Array.from({ length: 90 }, (_, i) => {
    const back = 89 - i;
    const date = new Date(now - back * DAY_MS).toISOString().slice(0, 10);
    if (back === 0) return { date, state: "pending", reason: null };
    if (back === 40) return { date, state: "missed", reason: null };
    if (back === 21) return { date, state: "failed", reason: FAILED_DRILL_REASON };
    return { date, state: back % 7 === 0 ? "verified" : "backed_up", reason: null };
  });
}

/** The backups panel's view as Rust builds it, for an Account Manager of the demo account. */
export function backupsView(now = Date.now()): BackupsView {
  return {
    days: backupDays(now),
    last_good_at: new Date(now - 5 * 3_600_000).toISOString(),
    stale_after_hours: 26,
    last_drill: {
      id: 13,
      backup_id: 993,
      started_at: new Date(now - 7 * DAY_MS + 1_800_000).toISOString(),
      passed: true,
      reason: null,
      duration_ms: 2_140,
    },
    open_alerts: [],
    snapshots: keptSnapshots(now),
    requests: [],
    channels: [
      { id: CHANNELS[0] as number, account_id: ACCOUNT, name: "Web shop" },
      { id: CHANNELS[1] as number, account_id: ACCOUNT, name: "Mobile app" },
    ],
    may_request: true,
    time_zone: "Europe/Helsinki",
  };
}

// What the service allows an Account Manager: accepting the estimate (4S-RESTORE-REQUEST).
const MANAGER_STEPS: Partial<Record<RestoreStatus, RestoreStatus[]>> = { estimated: ["approved"] };
const NEXT: Record<RestoreStatus, RestoreStatus[]> = {
  requested: ["estimated", "rejected"],
  estimated: ["approved", "rejected"],
  approved: ["in_progress"],
  in_progress: ["done"],
  done: [],
  rejected: [],
};

export const FEEDS_SYNCED_AT = "2026-11-23T12:00:00Z";
/** When the fake service answered a live read. */
export const SYNCED_NOW = "2026-11-23T13:30:00Z";

/** A panel's data as the console answers it: fresh, or (`fromCache`) the copy kept offline. */
export function kept<T>(value: T, fetchedAt: string | null, fromCache = false): Kept<T> {
  return { value, fetched_at: fetchedAt, from_cache: fromCache };
}

// Maria (7) manages Aino (8) and Eino (9); newest last, as the feeds hand them over.
export function demoActivities(): UserActivity[] {
  const row = (id: number, user_id: number, username: string, at: string, kind: string, detail = "") => ({
    id,
    user_id,
    username,
    at,
    kind,
    detail,
  });
  return [
    row(1, 8, "aino.virtanen@example.com", "2026-11-20T07:58:00Z", "sign_in"),
    row(2, 8, "aino.virtanen@example.com", "2026-11-20T08:01:00Z", "password_changed"),
    row(3, 9, "eino.korhonen@example.com", "2026-11-21T09:10:00Z", "sign_in_failed"),
    row(4, 9, "eino.korhonen@example.com", "2026-11-21T09:11:00Z", "locked_out", "5 failed sign-ins in 15 minutes"),
    row(5, 8, "aino.virtanen@example.com", "2026-11-22T10:00:00Z", "role_granted", "Viewer of Web shop, by maria.manager"),
    row(6, 7, "maria.manager", "2026-11-23T08:00:00Z", "sign_in"),
  ];
}

export function demoNotifications(): UserNotification[] {
  return [
    { id: 11, user_id: 7, at: "2026-11-21T12:00:00Z", kind: "maintenance_announced", message: "Maintenance on 1 December, 22:00–23:00.", read_at: "2026-11-21T13:00:00Z" },
    { id: 12, user_id: 7, at: "2026-11-22T10:00:00Z", kind: "role_granted", message: "You were made Viewer of Mobile app.", read_at: null },
    { id: 13, user_id: 7, at: "2026-11-23T07:30:00Z", kind: "email_changed", message: "Your e-mail address was changed from maria@old.example to maria@example.com by maria.manager.", read_at: null },
  ];
}

export function demoOutbox(): OutboxMessage[] {
  const message = (id: number, address: string, status: OutboxMessage["status"], attempts: number, last_error: string | null) => ({
    id,
    user_id: 8,
    channel: "email",
    address,
    subject: "Your e-mail address was changed",
    status,
    attempts,
    last_error,
    held_reason: status === "held" ? "data residency" : null,
    created_at: "2026-11-22T09:00:00Z",
    sent_at: status === "sent" ? "2026-11-22T09:00:05Z" : null,
  });
  return [
    message(22, "aino@new.example", "retrying", 1, "550 no such mailbox"),
    message(21, "aino@old.example", "sent", 1, null),
  ];
}

/** The register as the demo service states it: mail through a relay outside Europe. */
export function demoResidency(): DataResidencyView {
  return {
    register: {
      service_region: "eu-north",
      items: [
        {
          path: "mail",
          name: "Postbird Mail Inc.",
          purpose: "Delivers e-mail notices (contact changes)",
          data_categories: ["e-mail address", "name", "notice text"],
          region: "outside",
          location: "Virginia, United States",
        },
        {
          path: "probes",
          name: "Uptime probes",
          purpose: "Checks that monitored addresses answer",
          data_categories: ["monitored URLs"],
          region: "eea",
          location: "Ireland",
        },
      ],
    },
    account_id: 3,
    residency: { keep_data_in_europe: false, changed_at: null, changed_by: null, paths_off: [] },
  };
}

type Args = Record<string, unknown>;
type Handler<K extends CommandName = CommandName> = (
  args: Args,
) => Commands[K]["result"] | Promise<Commands[K]["result"]>;
/** Stand-ins keyed by the generated command names: a command renamed in Rust fails here. */
export type Handlers = { [K in CommandName]?: Handler<K> };

export const NEWER: UpdateInfo = {
  version: "0.2.0",
  current_version: "0.1.0",
  notes: "Compact tables and coming-change notices.",
  published_at: "2026-11-20T10:00:00Z",
};

export const comingChanges: ChangeNotices = {
  soon: [
    { kind: "larger_change", title: "New roles screen", message: "Roles move to one page.", at: "2026-11-27T08:00:00Z", ends_at: null },
  ],
  upcoming: [
    { kind: "larger_change", title: "New roles screen", message: "Roles move to one page.", at: "2026-11-27T08:00:00Z", ends_at: null },
    { kind: "larger_change", title: "Audit export v2", message: "CSV gains columns.", at: "2026-12-20T08:00:00Z", ends_at: null },
  ],
};

function defaultFeatures(): Features {
  return {
    items: [
      { key: "compact_tables", title: "Compact tables", description: "Denser rows in lists and tables.", enabled: false, changed_at: null },
      { key: "maintenance_banner", title: "Maintenance banner", description: "A banner while maintenance is coming up.", enabled: true, changed_at: null },
    ],
  };
}

export type FakeBackendOptions = {
  state?: Partial<ConsoleState>;
  /** Replaces the built-in behaviour of single commands. */
  commands?: Handlers;
  /** Delays every answer, as the real service does, so busy states show. */
  latencyMs?: number;
  /** The account requires two-factor sign-in: "code" once enrolled, "enrol" before. */
  twoFactor?: "code" | "enrol";
  /** The account's OpenID providers (4S-SSO); none by default. */
  identityProviders?: IdentityProvider[];
  audit?: FakeAuditOptions;
  /** The panel open when the console last closed. */
  lastPanel?: string;
};

function isLocal(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function reject(error: CommandError): never {
  throw error;
}

export function installFakeBackend(options: FakeBackendOptions = {}) {
  let state: ConsoleState = { profile: null, session: null, connection: online, ...options.state };
  const calls: { command: string; args: Args }[] = [];
  let users = demoUsers();
  let monitorList = [...monitors];
  const notes = new Map<string, string>();
  let calendar: BusinessCalendarSettings | null = null;
  // Newest first, as the service lists them; the fake's month in progress is November 2026.
  let calendarVersions: BusinessCalendarVersion[] = [];
  let nextAssignment = 100;
  let security: SecuritySettings = {
    min_password_length: 6,
    lockout_minutes: 15,
    require_two_factor: false,
    third_party_only: false,
    social_sign_in: false,
  };
  let providers: IdentityProvider[] = options.identityProviders ?? [];
  let nextProvider = 100;
  const links = new Map<number, LinkedIdentity[]>();
  const findProvider = (id: unknown) =>
    providers.find((p) => p.id === id) ?? reject({ kind: "not_found", message: `no identity provider ${String(id)}` });
  const checkProvider = (settings: IdentityProviderSettings) => {
    if (!settings.name.trim()) reject({ kind: "invalid_input", message: "the provider needs a name", field: "name" });
    if (!settings.issuer.startsWith("https://")) {
      reject({ kind: "invalid_input", message: "the issuer must be an https URL", field: "issuer" });
    }
  };
  const withLinks = (p: IdentityProvider): IdentityProvider => ({ ...p, linked_users: links.get(p.id)?.length ?? 0 });
  let restoreRequests: RestoreRequest[] = [];
  let nextRequest = 1;
  const requestView = (request: RestoreRequest, view: BackupsView): RestoreRequestView => ({
    request,
    account_name: "Northwind Media",
    channel_name: view.channels.find((c) => c.id === request.channel_id)?.name ?? null,
    snapshot_taken_at: view.snapshots.find((s) => s.id === request.backup_id)?.started_at ?? null,
    next_steps: MANAGER_STEPS[request.status] ?? [],
  });
  const activities = demoActivities();
  let notifications = demoNotifications();
  let outbox = demoOutbox();
  let residency = demoResidency();
  let nextMessage = 100;
  const unreadCount = () => notifications.filter((n) => n.read_at === null).length;
  const isOffline = () => state.connection.state === "offline";
  const findUser = (id: unknown) =>
    users.find((u) => u.user.id === id) ?? reject({ kind: "not_found", message: `no user ${String(id)}` });

  const finishSession = (profile: Profile): SessionView => {
    const session = sessionFor(profile);
    state = { ...state, profile, session };
    return session;
  };
  // Like the console: a right password on a two-factor account waits for the code.
  let twoFactor = options.twoFactor ?? null;
  let pending: Profile | null = null;
  let enrolled = false;
  const startSession = (profile: Profile): SessionView => {
    if (!twoFactor) return finishSession(profile);
    pending = profile;
    return twoFactor === "enrol"
      ? reject({ kind: "two_factor_enrolment_required", message: "Enrol an authenticator first." })
      : reject({ kind: "two_factor_required", message: "Enter the code from your authenticator." });
  };

  let features = defaultFeatures();
  let updates: UpdateSettings = {
    current_version: "0.1.0",
    channel: "stable",
    automatic: true,
    managed_by: null,
    last_check: "2026-11-20T09:00:00Z",
    next_check: "2026-11-27T09:00:00Z",
    deferred: null,
    available: null,
  };
  let pendingUpdate: UpdateInfo | null = null;
  let desktop = { os_notifications: true, last_panel: options.lastPanel ?? null };
  let offline: OfflineStatus = {
    cache_bytes: 1_400_000,
    last_full_sync: "2026-11-23T11:55:00Z",
    cadence_minutes: 5,
    paused: null,
    syncing: false,
  };

  const builtIn: Handlers = {
    ...installFakeAudit(options.audit),
    updates_settings: () => ({ ...updates, available: pendingUpdate }),
    desktop_settings: () => desktop,
    desktop_set_os_notifications: (args) => {
      desktop = { ...desktop, os_notifications: args.enabled as boolean };
      return null;
    },
    offline_status: () => offline,
    offline_sync_everything: async () => {
      const parts: SyncPart[] = ["overview", "roles", "users", "security_settings", "activity", "backups", "maintenance", "announcements", "uptime", "features", "residency", "audit_log"];
      for (const [done, part] of parts.entries()) await emit("full-sync-progress", { done, total: parts.length, part });
      await emit("full-sync-progress", { done: parts.length, total: parts.length, part: null });
      offline = { ...offline, last_full_sync: "2026-11-23T12:00:00Z" };
      return { finished_at: "2026-11-23T12:00:00Z", not_synced: [] };
    },
    offline_set_cadence: (args) => {
      offline = { ...offline, cadence_minutes: args.minutes as number };
      return offline;
    },
    offline_clear_cache: () => {
      offline = { ...offline, cache_bytes: 40_960, last_full_sync: null };
      return offline;
    },
    desktop_remember_panel: (args) => {
      desktop = { ...desktop, last_panel: args.panel as string };
      return null;
    },
    updates_save_settings: (args) => {
      const change = args.change as UpdateSettingsChange;
      updates = { ...updates, ...change, next_check: change.automatic ? "2026-11-27T09:00:00Z" : null };
      return null;
    },
    updates_check: () => {
      pendingUpdate = NEWER;
      updates = { ...updates, last_check: "2026-11-23T12:00:00Z" };
      return NEWER;
    },
    updates_install: async () => {
      if (!pendingUpdate) return reject({ kind: "not_found", message: "no update is waiting" });
      await emit("update-progress", { downloaded: 512, total: 1024 });
      await emit("update-progress", { downloaded: 1024, total: 1024 });
      return null;
    },
    updates_defer: (args) => {
      const until = (args.deferFor as DeferFor) === "day" ? "2026-11-24T12:00:00Z" : "2026-11-30T12:00:00Z";
      const deferred = { version: pendingUpdate?.version ?? "", until };
      updates = { ...updates, deferred };
      pendingUpdate = null;
      return deferred;
    },
    updates_restart: () => null,
    notices_changes: () => comingChanges,
    notices_features: () => features,
    notices_set_feature: (args) => {
      const change = args.change as FeatureChange;
      features = {
        items: features.items.map((f) =>
          f.key === change.key ? { ...f, enabled: change.enabled, changed_at: "2026-11-23T12:00:00Z" } : f,
        ),
      };
      return features;
    },
    session_state: () => state,
    startup_notices: () => [],
    startup_first_panel_drawn: () => null,
    session_open_demo: () => startSession(demoProfile),
    session_connect: (args) => {
      const { url, username, password } = args.request as ConnectRequest;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return reject({ kind: "invalid_input", message: "Enter the address of the service.", field: "url" });
      }
      if (parsed.protocol !== "https:" && !isLocal(parsed)) {
        return reject({ kind: "insecure_url", message: `${url} is not https` });
      }
      if (!username) return reject({ kind: "invalid_input", message: "Enter your username.", field: "username" });
      if (username === "locked") {
        return reject({ kind: "locked", message: "Too many failed sign-ins.", locked_until: LOCKED_UNTIL });
      }
      if (password !== DEMO_PASSWORD) return reject({ kind: "unauthorized", message: "Wrong username or password." });
      return startSession({ id: "server", name: parsed.host, url, username, demo: false });
    },
    session_sign_in: (args) => {
      if (!state.profile) return reject({ kind: "not_found", message: "No workspace is selected." });
      if (args.password !== DEMO_PASSWORD) return reject({ kind: "unauthorized", message: "Wrong password." });
      return startSession(state.profile);
    },
    session_sign_in_options: () =>
      providers
        .filter((p) => p.kind === "workforce" || security.social_sign_in)
        .map((p) => ({ provider_id: p.id, name: p.name, kind: p.kind, issuer: p.issuer, client_id: p.client_id })),
    session_sign_in_with_provider: (args) => {
      const { url, username } = args.workspace as ProviderWorkspace;
      if (url && username) return startSession({ id: "server", name: new URL(url).host, url, username, demo: false });
      if (!state.profile) return reject({ kind: "not_found", message: "No workspace is selected." });
      return startSession(state.profile);
    },
    session_submit_totp: (args) => {
      if (!pending || (twoFactor === "enrol" && !enrolled)) {
        return reject({ kind: "unauthorized", message: "sign in with your password first" });
      }
      const code = String(args.code).replace(/\s/g, "");
      if (!/^\d{6}$/.test(code)) {
        return reject({ kind: "invalid_input", message: "enter the 6-digit code from your authenticator app", field: "totp" });
      }
      if (code !== TOTP_CODE) {
        return reject({ kind: "invalid_input", message: "that code is not right", field: "totp" });
      }
      const profile = pending;
      pending = null;
      twoFactor = "code";
      return finishSession(profile);
    },
    session_start_totp_enrolment: () => {
      if (!pending) return reject({ kind: "unauthorized", message: "sign in with your password first" });
      enrolled = true;
      return {
        secret: TOTP_SECRET,
        otpauth_url: `otpauth://totp/Admin%20Console:maria?secret=${TOTP_SECRET}&issuer=Admin%20Console`,
        qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200"/></svg>',
      };
    },
    session_cancel_sign_in: () => {
      pending = null;
      return null;
    },
    session_sign_out: () => {
      state = { ...state, session: null };
      return null;
    },
    session_leave_workspace: () => {
      state = { ...state, profile: null, session: null };
      return null;
    },
    session_change_password: (args) => {
      const request = args.request as ChangePasswordRequest;
      if (request.current_password !== DEMO_PASSWORD) {
        return reject({ kind: "invalid_input", message: "The current password is wrong.", field: "current_password" });
      }
      return null;
    },
    session_report_activity: () => null,
    session_check_connection: () => state.connection,
    shell_open_external: () => null,
    maintenance_announcements: () => [],
    uptime_view: (args) => {
      // A saved calendar governs next month on (4S-SLA): the months shown keep theirs.
      const view = uptimeView(args.monitorId as number | null, monitorList);
      return kept({ ...view, incidents: view.incidents.map((i) => ({ ...i, note: notes.get(i.started_at) ?? i.note })) }, UPTIME_AS_OF);
    },
    uptime_create_monitor: (args) => {
      const fresh = args.new as NewMonitor;
      if (fresh.grace_s !== undefined && (fresh.grace_s < 0 || fresh.grace_s > 86_400)) {
        return reject({ kind: "invalid_input", message: "grace_s must be between 0 and 86400 seconds", field: "grace_s" });
      }
      if (fresh.interval_s !== null && (fresh.interval_s < 10 || fresh.interval_s > 86_400)) {
        return reject({ kind: "invalid_input", message: "interval_s must be between 10 and 86400 seconds", field: "interval_s" });
      }
      const monitor: Monitor = {
        id: Math.max(...monitorList.map((m) => m.id)) + 1,
        name: fresh.name,
        kind: fresh.kind,
        target: fresh.target,
        interval_s: fresh.interval_s ?? 60,
        grace_s: fresh.grace_s ?? 60,
        paused: false,
        builtin: false,
      };
      monitorList = [...monitorList, monitor];
      return monitor;
    },
    uptime_update_monitor: (args) => {
      const patch = args.patch as MonitorPatch;
      if (patch.grace_s !== undefined && (patch.grace_s < 0 || patch.grace_s > 86_400)) {
        return reject({ kind: "invalid_input", message: "grace_s must be between 0 and 86400 seconds", field: "grace_s" });
      }
      const current = monitorList.find((m) => m.id === args.monitorId) ?? reject({ kind: "not_found", message: "no monitor" });
      const next = { ...current, ...patch };
      monitorList = monitorList.map((m) => (m === current ? next : m));
      return next;
    },
    uptime_delete_monitor: (args) => {
      const current = monitorList.find((m) => m.id === args.monitorId) ?? reject({ kind: "not_found", message: "no monitor" });
      if (current.builtin) {
        return reject({ kind: "conflict", message: "the service's own health monitor cannot be deleted; pause it" });
      }
      monitorList = monitorList.filter((m) => m !== current);
      return null;
    },
    uptime_save_business_calendar: (args) => {
      const wanted = args.calendar as BusinessCalendarSettings;
      if (wanted.opens >= wanted.closes) {
        return reject({ kind: "invalid_input", message: "business hours close after they open", field: "closes" });
      }
      calendar = wanted;
      const version = { effective_from: "2026-12", calendar: wanted, changed_by: state.session?.user.username ?? null, changed_at: UPTIME_AS_OF };
      calendarVersions = [version, ...calendarVersions.filter((v) => v.effective_from < version.effective_from)];
      return calendar;
    },
    uptime_business_calendar: () => ({
      in_force: { time_zone: "Europe/Helsinki", days: [1, 2, 3, 4, 5], opens: "07:00", closes: "20:00" },
      month: "2026-11",
      next_change_from: "2026-12",
      versions: calendarVersions,
    }),
    uptime_annotate_incident: (args) => {
      notes.set(args.startedAt as string, args.note as string);
      return null;
    },
    uptime_latency: (args) => latencyPoints(args.from as string, args.to as string),
    roles_overview: () => kept(rolesOverview, SYNCED_NOW),
    roles_list_users: (args) => {
      const filter = args.filter as UserFilter;
      const q = filter.q?.toLowerCase();
      const page = {
        users: users.filter(
          (u) =>
            (!q || u.user.display_name.toLowerCase().includes(q)) &&
            (!filter.role || u.assignments.some((a) => a.role === filter.role)) &&
            (filter.blocked === null || (u.user.status === "blocked") === filter.blocked) &&
            (filter.locked === null || (u.user.locked_until !== null) === filter.locked) &&
            (filter.account_id === null || u.user.account_id === filter.account_id) &&
            (filter.channel_id === null ||
              u.assignments.some((a) => a.scope.level === "channel" && a.scope.id === filter.channel_id)),
        ),
        next_after: null,
      };
      return kept(page, SYNCED_NOW);
    },
    roles_user_detail: (args) => kept(findUser(args.userId), SYNCED_NOW),
    roles_preview_access: (args) => {
      const target = findUser(args.userId);
      const change = args.change as AccessChange;
      const channels = (list: RoleAssignment[] | Grant[]) =>
        list.flatMap((a) => (a.scope.level === "channel" ? [a.scope.id] : a.scope.level === "account" ? CHANNELS : []));
      const delegates = (list: Grant[]) => (list.some((a) => a.role === "channel_manager") ? 3 : 0);
      const after: Grant[] =
        change.kind === "grant"
          ? [...target.assignments, { role: change.role, scope: change.scope }]
          : target.assignments.filter((a) => a.id !== change.assignment_id);
      const access = (list: Grant[]) => ({
        accounts: [ACCOUNT],
        channels: [...new Set(channels(list))],
        may_delegate: rolesOverview.delegable.slice(0, delegates(list)),
        sees_all_users: false,
      });
      return { before: access(target.assignments), after: access(after) };
    },
    roles_grant: (args) => {
      const request = args.request as GrantRequest;
      const target = findUser(request.user_id);
      const assignment: RoleAssignment = { id: nextAssignment++, role: request.role, scope: request.scope };
      users = users.map((u) => (u === target ? { ...u, assignments: [...u.assignments, assignment] } : u));
      return assignment;
    },
    roles_revoke: (args) => {
      const owner = users.find((u) => u.assignments.some((a) => a.id === args.assignmentId));
      const assignment = owner?.assignments.find((a) => a.id === args.assignmentId);
      if (!owner || !assignment) return reject({ kind: "not_found", message: "no such assignment" });
      users = users.map((u) =>
        u === owner ? { ...u, assignments: u.assignments.filter((a) => a !== assignment) } : u,
      );
      return { assignment, user_id: owner.user.id, live_sessions: 2, at: "2030-01-01T09:00:00Z" };
    },
    roles_unlock_user: (args) => {
      const target = findUser(args.userId);
      const user = { ...target.user, locked_until: null };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return user;
    },
    roles_reset_two_factor: (args) => {
      const target = findUser(args.userId);
      if (!target.two_factor_enrolled) return reject({ kind: "conflict", message: "the user has no authenticator to reset" });
      users = users.map((u) => (u === target ? { ...u, two_factor_enrolled: false } : u));
      return { user: target.user, at: "2030-01-01T09:45:00Z" };
    },
    roles_block_user: (args) => {
      const target = findUser(args.userId);
      const user = { ...target.user, status: "blocked" as const };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return { user, sessions_ended: 3, at: "2030-01-01T09:30:00Z" };
    },
    roles_unblock_user: (args) => {
      const target = findUser(args.userId);
      const user = { ...target.user, status: "active" as const };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return user;
    },
    overview_view: () => kept(overviewView(), new Date().toISOString()),
    overview_timeline: () => kept(timeline(), new Date().toISOString()),
    backups_overview: () => {
      const view = backupsView();
      return kept({ ...view, requests: restoreRequests.map((r) => requestView(r, view)) }, new Date().toISOString());
    },
    backups_request_restore: (args) => {
      const request = args.request as NewRestoreRequest;
      const view = backupsView();
      if (!view.snapshots.some((s) => s.id === request.backup_id)) {
        return reject({ kind: "invalid_input", message: "pick a kept daily or weekly snapshot", field: "backup_id" });
      }
      if (request.scope === "channel" && !view.channels.some((c) => c.id === request.channel_id)) {
        return reject({ kind: "invalid_input", message: "name the channel to restore", field: "channel_id" });
      }
      const created: RestoreRequest = {
        id: nextRequest++,
        account_id: ACCOUNT,
        scope: request.scope,
        channel_id: request.channel_id,
        backup_id: request.backup_id,
        status: "requested",
        estimate_hours: null,
        steps: [{ status: "requested", at: new Date().toISOString(), by: demoProfile.username, note: request.note }],
      };
      restoreRequests = [created, ...restoreRequests];
      return created;
    },
    backups_step_restore: (args) => {
      const patch = args.patch as RestoreRequestPatch;
      const current = restoreRequests.find((r) => r.id === args.id) ?? reject({ kind: "not_found", message: `no restore request ${String(args.id)}` });
      if (!NEXT[current.status].includes(patch.status)) {
        return reject({ kind: "conflict", message: `a restore request cannot go from ${current.status} to ${patch.status}` });
      }
      if (!(MANAGER_STEPS[current.status] ?? []).includes(patch.status)) {
        return reject({ kind: "forbidden", message: "this step needs the service_operator role" });
      }
      const stepped: RestoreRequest = {
        ...current,
        status: patch.status,
        steps: [...current.steps, { status: patch.status, at: new Date().toISOString(), by: demoProfile.username, note: patch.note }],
      };
      restoreRequests = restoreRequests.map((r) => (r === current ? stepped : r));
      return stepped;
    },

    activity_sync: (): FeedSyncReport => {
      if (isOffline()) return reject({ kind: "offline", message: "The service cannot be reached." });
      return { activities: 0, notifications: 0, unread: unreadCount() };
    },
    activity_view: (args) => {
      const filter = args.filter as ActivityFilter;
      const users = new Map(activities.map((a) => [a.user_id, a.username]));
      const view = {
        activities: activities
          .filter((a) => (filter.user_id === null || a.user_id === filter.user_id) && (!filter.activity_kind || a.kind === filter.activity_kind))
          .reverse(),
        notifications: notifications
          .filter((n) => (!filter.unread_only || n.read_at === null) && (!filter.notification_kind || n.kind === filter.notification_kind))
          .reverse(),
        unread: unreadCount(),
        users: [...users].map(([id, username]) => ({ id, username })).sort((a, b) => a.username.localeCompare(b.username)),
      };
      return kept(view, FEEDS_SYNCED_AT, isOffline());
    },
    activity_unread_notifications: () => unreadCount(),
    activity_mark_read: (args) => {
      const ids = args.ids as number[];
      notifications = notifications.map((n) => (ids.includes(n.id) && n.read_at === null ? { ...n, read_at: "2026-11-23T13:00:00Z" } : n));
      return { unread: unreadCount(), pending: isOffline() };
    },
    activity_contact_messages: (args) =>
      kept(
        outbox.filter((m) => m.user_id === args.userId),
        isOffline() ? FEEDS_SYNCED_AT : "2026-11-23T13:30:00Z",
        isOffline(),
      ),
    activity_change_contact: (args) => {
      const target = findUser(args.userId);
      const change = args.change as ContactChange;
      if (change.email !== undefined && !change.email.includes("@")) {
        return reject({ kind: "invalid_input", message: "not an e-mail address", field: "email" });
      }
      const sent = [target.user.email, change.email].flatMap((address) =>
        address
          ? [
              {
                id: nextMessage++,
                user_id: target.user.id,
                channel: "email",
                address,
                subject: "Your e-mail address was changed",
                status: "queued" as const,
                attempts: 0,
                last_error: null,
                held_reason: null,
                created_at: "2026-11-23T13:40:00Z",
                sent_at: null,
              },
            ]
          : [],
      );
      // Newest first, as the console sorts them.
      outbox = [...[...sent].reverse(), ...outbox];
      const user = { ...target.user, email: change.email ?? target.user.email };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return { user, messages: sent };
    },
    residency_view: () => kept(residency, "2026-11-23T13:30:00Z", isOffline()),
    residency_set_keep_in_europe: (args) => {
      const keep = args.keep as boolean;
      const mail = residency.register.items.find((p) => p.path === "mail" && p.region === "outside");
      const setting: Residency = {
        keep_data_in_europe: keep,
        changed_at: "2026-11-23T13:45:00Z",
        changed_by: state.session?.user.username ?? null,
        paths_off:
          keep && mail
            ? [{ path: "mail", name: mail.name, reason: `E-mail notices are held, not sent: ${mail.name} is outside Europe and this account keeps its data in Europe.` }]
            : [],
      };
      residency = { ...residency, residency: setting };
      // Mail not yet sent for the account is held from now on, as the service's outbox does.
      if (keep && mail) {
        outbox = outbox.map((m) =>
          m.status === "queued" || m.status === "retrying" ? { ...m, status: "held" as const, held_reason: "data residency" } : m,
        );
      }
      return setting;
    },
    roles_identity_providers: () => ({ items: providers.map(withLinks) }),
    roles_add_identity_provider: (args) => {
      const settings = args.settings as IdentityProviderSettings;
      checkProvider(settings);
      const added = { ...settings, id: nextProvider++, account_id: args.accountId as number, linked_users: 0 };
      providers = [...providers, added];
      return added;
    },
    roles_update_identity_provider: (args) => {
      const settings = args.settings as IdentityProviderSettings;
      checkProvider(settings);
      const updated = { ...findProvider(args.providerId), ...settings };
      providers = providers.map((p) => (p.id === updated.id ? updated : p));
      return withLinks(updated);
    },
    roles_delete_identity_provider: (args) => {
      findProvider(args.providerId);
      providers = providers.filter((p) => p.id !== args.providerId);
      return null;
    },
    roles_identity_links: (args) => ({ items: links.get(args.providerId as number) ?? [] }),
    roles_link_identity: (args) => {
      const provider = findProvider(args.providerId);
      const link = args.link as NewIdentityLink;
      if (!link.subject.trim()) return reject({ kind: "invalid_input", message: "enter the provider's subject", field: "subject" });
      const user = findUser(link.user_id).user;
      const linked_at = "2026-11-23T12:00:00Z";
      links.set(provider.id, [...(links.get(provider.id) ?? []), { user_id: user.id, username: user.username, subject: link.subject, linked_at }]);
      return { provider_id: provider.id, user_id: user.id, subject: link.subject, linked_at };
    },
    roles_unlink_identity: (args) => {
      const id = findProvider(args.providerId).id;
      links.set(id, (links.get(id) ?? []).filter((l) => l.user_id !== args.userId));
      return null;
    },
    roles_security_settings: () => security,
    roles_save_security_settings: (args) => {
      const settings = args.settings as SecuritySettings;
      if (settings.lockout_minutes < 1) {
        return reject({ kind: "invalid_input", message: "the lockout period is 1 to 1440 minutes", field: "lockout_minutes" });
      }
      security = settings;
      return security;
    },
  };

  mockIPC(
    async (command, args) => {
      const payload = (args ?? {}) as Args;
      calls.push({ command, args: payload });
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const name = command as CommandName;
      const handler: Handler | undefined = options.commands?.[name] ?? builtIn[name];
      if (!handler) return reject({ kind: "internal", message: `unknown command ${command}` });
      return handler(payload);
    },
    { shouldMockEvents: true },
  );

  return {
    calls,
    callsOf: (command: CommandName) => calls.filter((call) => call.command === command),
    /** Emits what Rust emits when a session ends on its own. */
    endSession: (payload: SessionEnded) => {
      state = { ...state, session: null };
      return emit("session-ended", payload);
    },
    /** Puts a restore request on record, as if made earlier. */
    addRestoreRequest: (request: Omit<RestoreRequest, "id">) => {
      const added = { ...request, id: nextRequest++ };
      restoreRequests = [added, ...restoreRequests];
      return added;
    },

    /** What the background feed sync does: new notifications arrive and Rust says so. */
    feedsSynced: (arrived: UserNotification[] = []) => {
      notifications = [...notifications, ...arrived];
      return emit("feeds-synced", { activities: 0, notifications: arrived.length, unread: unreadCount() });
    },

    /** What Rust emits when the window gains focus right after an OS notification was shown. */
    openPanel: (panel: string) => emit("open-panel", panel),

    /** What the weekly schedule emits when it finds a newer version. */
    offerUpdate: (info: UpdateInfo = NEWER) => {
      pendingUpdate = info;
      return emit("update-available", info);
    },
    changeConnection: (connection: Connection) => {
      state = { ...state, connection };
      return emit("connection-changed", connection);
    },
  };
}

export type FakeBackend = ReturnType<typeof installFakeBackend>;
