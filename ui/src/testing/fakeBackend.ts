// A stand-in for the Rust side, shared by the component tests and the browser tests, that
// behaves like the real commands closely enough to drive the UI through its screens.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AccessChange,
  Grant,
  GrantRequest,
  RoleAssignment,
  RolesOverview,
  SecuritySettings,
  UserFilter,
  UserSummary,
  ChangePasswordRequest,
  CommandError,
  ConnectRequest,
  Connection,
  ConsoleState,
  DayBar,
  IncidentView,
  LatencyPoint,
  Monitor,
  Profile,
  SessionEnded,
  SessionView,
  SlaMonth,
  UptimeView,
  ChangeNotices,
  DeferFor,
  FeatureChange,
  Features,
  UpdateInfo,
  UpdateSettings,
  UpdateSettingsChange,
} from "../bindings";

export const DEMO_PASSWORD = "demo-password";
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
  as_of: null,
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
  });
  return [
    person(7, "Maria Manager", [{ id: 1, role: "account_manager", scope: { level: "account", id: ACCOUNT } }]),
    person(8, "Aino Virtanen", [{ id: 2, role: "viewer", scope: { level: "channel", id: 31 } }], {
      locked_until: "2999-01-01T10:00:00Z",
    }),
    person(9, "Eino Korhonen", [{ id: 3, role: "channel_editor", scope: { level: "channel", id: 32 } }], {
      status: "blocked",
    }),
  ];
}

export const online: Connection = { state: "online", since: "2030-01-01T00:00:00Z" };

export const UPTIME_AS_OF = "2026-11-23T13:25:00Z";
export const BREACHED_MONTH = "2026-06";

export const monitors: Monitor[] = [
  { id: 1, name: "Service health", kind: "http", target: "http://127.0.0.1:48080/health", interval_s: 60, paused: false, builtin: true },
  { id: 2, name: "Status page (push)", kind: "push", target: null, interval_s: 60, paused: false, builtin: false },
];

const HOUR = 3_600;
const TARGET = 0.998;

function slaMonth(month: string, business_s: number, maintenance_s: number, unmonitored_s: number, down_s: number): SlaMonth {
  const monitored = business_s - maintenance_s - unmonitored_s;
  const up_s = monitored - down_s;
  const uptime_ratio = monitored > 0 ? up_s / monitored : null;
  return {
    month,
    time_zone: "Europe/Helsinki",
    business_s,
    maintenance_s,
    up_s,
    down_s,
    unmonitored_s,
    uptime_ratio,
    allowed_downtime_s: 0.002 * monitored,
    compliant: uptime_ratio === null ? null : uptime_ratio >= TARGET,
    target_ratio: TARGET,
  };
}

// Newest first, as the service sends it; this month so far is 16 business days.
function slaHistory(monitorId: number): SlaMonth[] {
  const breach = monitorId === 1 ? 3_000 : 600;
  return [
    slaMonth("2026-11", 16 * 13 * HOUR, 2 * HOUR, 1_800, 480),
    slaMonth("2026-10", 22 * 13 * HOUR, 3 * HOUR, 0, 1_260),
    slaMonth("2026-09", 22 * 13 * HOUR, 0, 600, 300),
    slaMonth("2026-08", 21 * 13 * HOUR, 4 * HOUR, 0, 0),
    slaMonth("2026-07", 23 * 13 * HOUR, 0, 0, 720),
    slaMonth(BREACHED_MONTH, 22 * 13 * HOUR, 0, 0, breach),
    slaMonth("2026-05", 21 * 13 * HOUR, 2 * HOUR, 0, 900),
    slaMonth("2026-04", 22 * 13 * HOUR, 0, 3_600, 240),
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
    const monitored = day.state === "no_data" ? 0 : daysAgo === 0 ? 13 * HOUR + 1_500 : 86_400;
    return { date, up_s: monitored - day.down_s, ...day };
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

export function uptimeView(monitorId: number | null): UptimeView {
  const id = monitorId ?? 1;
  return {
    monitors,
    monitor_id: id,
    history: slaHistory(id),
    daily: dailyBars(),
    incidents: id === 1 ? incidents : [],
    region: "eu-north",
    as_of: UPTIME_AS_OF,
    offline: false,
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

type Args = Record<string, unknown>;
type Handler = (args: Args) => unknown;

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
  commands?: Record<string, Handler>;
  /** Delays every answer, as the real service does, so busy states show. */
  latencyMs?: number;
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
  let nextAssignment = 100;
  let security: SecuritySettings = {
    min_password_length: 6,
    lockout_minutes: 15,
    require_two_factor: false,
    third_party_only: false,
    social_sign_in: false,
  };
  const findUser = (id: unknown) =>
    users.find((u) => u.user.id === id) ?? reject({ kind: "not_found", message: `no user ${String(id)}` });

  const startSession = (profile: Profile): SessionView => {
    const session = sessionFor(profile);
    state = { ...state, profile, session };
    return session;
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

  const builtIn: Record<string, Handler> = {
    get_update_settings: () => ({ ...updates, available: pendingUpdate }),
    save_update_settings: (args) => {
      const change = args.change as UpdateSettingsChange;
      updates = { ...updates, ...change, next_check: change.automatic ? "2026-11-27T09:00:00Z" : null };
      return null;
    },
    check_for_updates: () => {
      pendingUpdate = NEWER;
      updates = { ...updates, last_check: "2026-11-23T12:00:00Z" };
      return NEWER;
    },
    install_update: async () => {
      if (!pendingUpdate) return reject({ kind: "not_found", message: "no update is waiting" });
      await emit("update-progress", { downloaded: 512, total: 1024 });
      await emit("update-progress", { downloaded: 1024, total: 1024 });
      return null;
    },
    defer_update: (args) => {
      const until = (args.deferFor as DeferFor) === "day" ? "2026-11-24T12:00:00Z" : "2026-11-30T12:00:00Z";
      const deferred = { version: pendingUpdate?.version ?? "", until };
      updates = { ...updates, deferred };
      pendingUpdate = null;
      return deferred;
    },
    restart_app: () => null,
    change_notices: () => comingChanges,
    get_features: () => features,
    set_feature: (args) => {
      const change = args.change as FeatureChange;
      features = {
        items: features.items.map((f) =>
          f.key === change.key ? { ...f, enabled: change.enabled, changed_at: "2026-11-23T12:00:00Z" } : f,
        ),
      };
      return features;
    },
    get_state: () => state,
    open_demo: () => startSession(demoProfile),
    connect_server: (args) => {
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
    sign_in: (args) => {
      if (!state.profile) return reject({ kind: "not_found", message: "No workspace is selected." });
      if (args.password !== DEMO_PASSWORD) return reject({ kind: "unauthorized", message: "Wrong password." });
      return startSession(state.profile);
    },
    sign_out: () => {
      state = { ...state, session: null };
      return null;
    },
    leave_workspace: () => {
      state = { ...state, profile: null, session: null };
      return null;
    },
    change_password: (args) => {
      const request = args.request as ChangePasswordRequest;
      if (request.current_password !== DEMO_PASSWORD) {
        return reject({ kind: "invalid_input", message: "The current password is wrong.", field: "current_password" });
      }
      return null;
    },
    report_activity: () => null,
    check_connection: () => state.connection,
    open_external: () => null,
    get_announcements: () => [],
    uptime: (args) => uptimeView(args.monitorId as number | null),
    uptime_latency: (args) => latencyPoints(args.from as string, args.to as string),
    roles_overview: () => rolesOverview,
    list_users: (args) => {
      const filter = args.filter as UserFilter;
      const q = filter.q?.toLowerCase();
      const page = {
        users: users.filter(
          (u) =>
            (!q || u.user.display_name.toLowerCase().includes(q)) &&
            (!filter.role || u.assignments.some((a) => a.role === filter.role)) &&
            (filter.blocked === null || (u.user.status === "blocked") === filter.blocked) &&
            (filter.locked === null || (u.user.locked_until !== null) === filter.locked),
        ),
        next_after: null,
      };
      return { page, as_of: null };
    },
    user_detail: (args) => findUser(args.userId),
    preview_access: (args) => {
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
    grant_role: (args) => {
      const request = args.request as GrantRequest;
      const target = findUser(request.user_id);
      const assignment: RoleAssignment = { id: nextAssignment++, role: request.role, scope: request.scope };
      users = users.map((u) => (u === target ? { ...u, assignments: [...u.assignments, assignment] } : u));
      return assignment;
    },
    revoke_role: (args) => {
      const owner = users.find((u) => u.assignments.some((a) => a.id === args.assignmentId));
      const assignment = owner?.assignments.find((a) => a.id === args.assignmentId);
      if (!owner || !assignment) return reject({ kind: "not_found", message: "no such assignment" });
      users = users.map((u) =>
        u === owner ? { ...u, assignments: u.assignments.filter((a) => a !== assignment) } : u,
      );
      return { assignment, user_id: owner.user.id, live_sessions: 2, at: "2030-01-01T09:00:00Z" };
    },
    unlock_user: (args) => {
      const target = findUser(args.userId);
      const user = { ...target.user, locked_until: null };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return user;
    },
    block_user: (args) => {
      const target = findUser(args.userId);
      const user = { ...target.user, status: "blocked" as const };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return { user, sessions_ended: 3, at: "2030-01-01T09:30:00Z" };
    },
    unblock_user: (args) => {
      const target = findUser(args.userId);
      const user = { ...target.user, status: "active" as const };
      users = users.map((u) => (u === target ? { ...u, user } : u));
      return user;
    },
    security_settings: () => security,
    save_security_settings: (args) => {
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
      const handler = options.commands?.[command] ?? builtIn[command];
      if (!handler) return reject({ kind: "internal", message: `unknown command ${command}` });
      return handler(payload);
    },
    { shouldMockEvents: true },
  );

  return {
    calls,
    callsOf: (command: string) => calls.filter((call) => call.command === command),
    /** Emits what Rust emits when a session ends on its own. */
    endSession: (payload: SessionEnded) => {
      state = { ...state, session: null };
      return emit("session-ended", payload);
    },
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
