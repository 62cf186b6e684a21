// Generated from the Rust types by ts-rs: do not edit by hand.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console bindings

export type Role = "service_operator" | "account_manager" | "channel_manager" | "channel_editor" | "viewer";
export type Scope = { "level": "platform" } | { "level": "account", id: number, } | { "level": "channel", id: number, };
export type RoleAssignment = { id: number, role: Role, scope: Scope, };
export type UserStatus = "active" | "blocked";
export type User = { id: number, username: string, display_name: string, email: string | null, phone: string | null, account_id: number | null, status: UserStatus, locked_until: string | null, };
export type Account = { id: number, name: string, };
export type Profile = { id: string, name: string, url: string, username: string, demo: boolean, };
export type SessionView = { profile: Profile, user: User, account: Account | null, assignments: Array<RoleAssignment>, idle_expires_at: string, 
/**
 * Where the service runs (4S-HOST).
 */
region: string, };
export type Connection = { "state": "online", since: string, } | { "state": "offline", since: string, };
export type ConsoleState = { profile: Profile | null, session: SessionView | null, connection: Connection, };
export type Violation = { clause: string, message: string, };
export type MaintenanceStatus = "scheduled" | "in_progress" | "completed" | "cancelled";
export type MaintenanceWindow = { id: number, title: string, description: string, 
/**
 * What users will notice, e.g. "sign-in unavailable".
 */
impact: string, affected_components: Array<string>, starts_at: string, ends_at: string, status: MaintenanceStatus, 
/**
 * When it went up on the sign-in page; the notice clauses count from here.
 */
announced_at: string | null, 
/**
 * False when the window reaches into business hours (4S-MAINT-WINDOW).
 */
routine: boolean, };
export type NewMaintenanceWindow = { title: string, description: string, impact: string, affected_components: Array<string>, starts_at: string, ends_at: string, recurrence?: string, };
export type MaintenanceWindowPatch = { title?: string, description?: string, impact?: string, affected_components?: Array<string>, starts_at?: string, ends_at?: string, };
export type AnnouncementKind = "maintenance" | "larger_change";
export type Announcement = { kind: AnnouncementKind, title: string, message: string, 
/**
 * The window's start, or when the change ships.
 */
at: string, ends_at: string | null, };
export type MonthBudget = { year: number, month: number, used_minutes: number, cap_minutes: number, };
export type MaintenanceOverview = { windows: Array<MaintenanceWindow>, this_month: MonthBudget, next_month: MonthBudget, 
/**
 * The next window not yet started, for the countdown.
 */
next_window: MaintenanceWindow | null, 
/**
 * True when the service could not be reached and this is the cached copy.
 */
from_cache: boolean, fetched_at: string, };
export type MaintenanceDraft = { 
/**
 * The window being edited; none for a new one.
 */
id: number | null, starts_at: string, ends_at: string, recurrence?: string, };
export type MaintenanceCheck = { 
/**
 * Entirely outside business hours (4S-MAINT-WINDOW).
 */
routine: boolean, 
/**
 * How many windows the draft makes (more than one for a series).
 */
occurrences: number, violations: Array<Violation>, };
export type ConnectRequest = { url: string, username: string, password: string, };
export type ChangePasswordRequest = { current_password: string, new_password: string, };
export type SessionEndReason = "idle" | "signed_out" | "expired" | "blocked";
export type Channel = { id: number, account_id: number, name: string, };
export type UserSummary = { user: User, 
/**
 * The user's assignments the caller may see (UQ-SCOPE).
 */
assignments: Array<RoleAssignment>, };
export type BlockReceipt = { user: User, sessions_ended: number, at: string, };
export type UsersView = { page: UserPage, as_of: string | null, };
export type UserPage = { users: Array<UserSummary>, next_after: number | null, };
export type GrantRequest = { user_id: number, role: Role, scope: Scope, };
export type RevocationReceipt = { assignment: RoleAssignment, user_id: number, live_sessions: number, at: string, };
export type SecuritySettings = { min_password_length: number, lockout_minutes: number, require_two_factor: boolean, third_party_only: boolean, social_sign_in: boolean, };
export type Grant = { role: Role, scope: Scope, };
export type Access = { accounts: Array<number>, channels: Array<number>, 
/**
 * Roles and scopes this holder may grant and revoke.
 */
may_delegate: Array<Grant>, sees_all_users: boolean, };
export type AccountNode = { account: Account, channels: Array<Channel>, };
export type RolesOverview = { tree: Array<AccountNode>, 
/**
 * Every role and scope the signed-in manager may grant and revoke.
 */
delegable: Array<Grant>, 
/**
 * Accounts whose security settings the manager may change.
 */
administers: Array<number>, 
/**
 * Service Operators block and unblock users (UQ-BLOCK).
 */
may_block: boolean, 
/**
 * Set when the service cannot be reached: this is the offline copy, read-only.
 */
as_of: string | null, };
export type UserFilter = { q: string | null, role: Role | null, locked: boolean | null, blocked: boolean | null, after: number | null, };
export type AccessChange = { "kind": "grant", role: Role, scope: Scope, } | { "kind": "revoke", assignment_id: number, };
export type AccessPreview = { before: Access, after: Access, };
export type SessionEnded = { reason: SessionEndReason, };
export type CommandError = { "kind": "invalid_input", message: string, field: string | null, } | { "kind": "unauthorized", message: string, } | { "kind": "locked", message: string, locked_until: string, } | { "kind": "forbidden", message: string, } | { "kind": "offline", message: string, } | { "kind": "insecure_url", message: string, } | { "kind": "keyring", message: string, } | { "kind": "not_found", message: string, } | { "kind": "conflict", message: string, } | { "kind": "internal", message: string, } | { "kind": "update_failed", message: string, stage: UpdateStage, } | { "kind": "busy", message: string, activities: Array<Activity>, } | { "kind": "policy_violation", message: string, violations: Array<Violation>, };
export type MonitorKind = "http" | "push";
export type Monitor = { id: number, name: string, kind: MonitorKind, target: string | null, interval_s: number, paused: boolean, 
/**
 * The service's own health monitor, created by the service itself.
 */
builtin: boolean, };
export type SlaMonth = { 
/**
 * `YYYY-MM`, in the business calendar's time zone.
 */
month: string, time_zone: string, business_s: number, maintenance_s: number, up_s: number, down_s: number, unmonitored_s: number, 
/**
 * Null when no business second was monitored.
 */
uptime_ratio: number | null, allowed_downtime_s: number, compliant: boolean | null, target_ratio: number, };
export type DayState = "up" | "degraded" | "down" | "no_data" | "maintenance";
export type DayBar = { 
/**
 * The local date in the business calendar's time zone.
 */
date: string, state: DayState, up_s: number, down_s: number, avg_latency_ms: number | null, };
export type IncidentView = { started_at: string, 
/**
 * Null while still down.
 */
ended_at: string | null, duration_s: number | null, 
/**
 * Business seconds from start to fix (4S-CRITICAL-FIX).
 */
time_to_fix_business_s: number | null, fixed_same_business_day: boolean | null, note: string | null, };
export type LatencyPoint = { at: string, avg_ms: number, max_ms: number, };
export type UptimeView = { monitors: Array<Monitor>, monitor_id: number, 
/**
 * Newest first: this month, then the eleven before it.
 */
history: Array<SlaMonth>, daily: Array<DayBar>, incidents: Array<IncidentView>, 
/**
 * Where the service runs (4S-HOST).
 */
region: string, as_of: string, 
/**
 * True when this is the cached copy because the service cannot be reached.
 */
offline: boolean, };
export type FeatureKey = "compact_tables" | "maintenance_banner";
export type Feature = { key: FeatureKey, title: string, description: string, enabled: boolean, 
/**
 * When the user last switched it; none while it has its default.
 */
changed_at: string | null, };
export type Features = { items: Array<Feature>, };
export type FeatureChange = { key: FeatureKey, enabled: boolean, };
export type ChangeNotices = { 
/**
 * Larger changes shipping within 7 days: the shell's banner.
 */
soon: Array<Announcement>, 
/**
 * Every announced larger change not yet shipped, soonest first: Settings.
 */
upcoming: Array<Announcement>, };
export type Activity = "sync" | "export" | "dialog";
export type UpdateStage = "check" | "download" | "signature" | "install";
export type UpdateChannel = "stable" | "beta";
export type Deferral = { version: string, until: string, };
export type DeferFor = "day" | "week";
export type UpdateSettings = { current_version: string, channel: UpdateChannel, automatic: boolean, 
/**
 * The policy file's path when an administrator manages updates on this computer.
 */
managed_by: string | null, last_check: string | null, 
/**
 * When the next automatic check runs; none while automatic checks are off.
 */
next_check: string | null, deferred: Deferral | null, 
/**
 * A newer version found by the last check and not yet installed or put off.
 */
available: UpdateInfo | null, };
export type UpdateSettingsChange = { channel: UpdateChannel, automatic: boolean, };
export type UpdateInfo = { version: string, current_version: string, 
/**
 * The release notes from the feed.
 */
notes: string, published_at: string | null, };
export type UpdateProgress = { downloaded: number, total: number | null, };
