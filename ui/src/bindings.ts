// Generated from the Rust types by ts-rs: do not edit by hand.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console commands

export type Access = { accounts: Array<number>, channels: Array<number>, 
/**
 * Roles and scopes this holder may grant and revoke.
 */
may_delegate: Array<Grant>, sees_all_users: boolean, };
export type AccessCard = { since: string | null, grants: number, revocations: number, lockouts: number, two_factor_resets: number, blocks: number, };
export type AccessChange = { "kind": "grant", role: Role, scope: Scope, } | { "kind": "revoke", assignment_id: number, };
export type AccessPreview = { before: Access, after: Access, };
export type Account = { id: number, name: string, };
export type AccountNode = { account: Account, channels: Array<Channel>, };
export type Activity = "sync" | "export" | "dialog";
export type ActivityFilter = { 
/**
 * One user's timeline, or everyone's the manager may see.
 */
user_id: number | null, 
/**
 * e.g. `password_changed`, `role_granted`.
 */
activity_kind: string | null, 
/**
 * e.g. `email_changed`.
 */
notification_kind: string | null, unread_only: boolean, };
export type ActivityUser = { id: number, username: string, };
export type ActivityView = { 
/**
 * Newest first.
 */
activities: Array<UserActivity>, 
/**
 * The signed-in manager's own, newest first.
 */
notifications: Array<UserNotification>, 
/**
 * Unread notifications in all, whatever the filter.
 */
unread: number, 
/**
 * Everyone the cached timeline mentions, for the user picker.
 */
users: Array<ActivityUser>, };
export type AlertKind = "missed_backup" | "failed_backup" | "failed_drill" | "sla_at_risk" | "sla_breached" | "maintenance_in_progress";
export type Announcement = { kind: AnnouncementKind, title: string, message: string, 
/**
 * The window's start, or when the change ships.
 */
at: string, ends_at: string | null, };
export type AnnouncementKind = "maintenance" | "larger_change";
export type AuditEvent = { seq: number, at: string, 
/**
 * The signed-in user, or the username a sign-in was attempted with.
 */
actor: string | null, 
/**
 * Method and route template, e.g. `POST /api/v1/sessions`.
 */
action: string, 
/**
 * The path actually requested.
 */
target: string, 
/**
 * The user the action was done to, by username, when the action names one: a role
 * granted or revoked, a user unlocked, blocked, unblocked or their two-factor reset,
 * and a refused sign-in (or password change) that locked its user (UQ-LOCKOUT-3).
 * The path alone holds an assignment or user id, and an id outlives no deletion.
 */
subject: string | null, outcome: AuditOutcome, status: number, client_addr: string | null, 
/**
 * The actor's account, which decides who may read the event.
 */
account_id: number | null, prev_hash: string, hash: string, };
export type AuditEventDetail = { event: AuditEvent, 
/**
 * The stored hash is the hash of the event's content.
 */
hash_valid: boolean, 
/**
 * It links to the previous cached event of its partition (or, the first, to the start).
 */
linked: boolean, 
/**
 * The first event of this cache that broke its chain when it was synced, if any.
 */
broken_seq: number | null, };
export type AuditExportProgress = { written: number, total: number, };
export type AuditOutcome = "allowed" | "refused" | "failed";
export type AuditQuery = { 
/**
 * Full-text search over actor, action, target and client address (FTS5 syntax words).
 */
text: string | null, actor: string | null, action: string | null, outcome: AuditOutcome | null, from: string | null, to: string | null, 
/**
 * Only what the latest sync brought.
 */
new_since_last_sync: boolean, 
/**
 * Newest first.
 */
descending: boolean, 
/**
 * Keyset: events after (or, descending, before) this sequence number.
 */
after: number | null, 
/**
 * Rows to pass over first: for a jump to a position whose neighbours are not loaded
 * (a dragged scrollbar). Scrolling pages by `after` instead, which stays fast.
 */
offset: number, limit: number, };
export type AuditStatus = { cached: number, 
/**
 * Events the latest sync brought.
 */
new_in_last_sync: number, 
/**
 * The first event that broke its chain while syncing, and why.
 */
broken_seq: number | null, broken_reason: ChainBreak | null, syncing: boolean, };
export type AuditSyncProgress = { synced: number, 
/**
 * At most this many in all: the service's high water mark counts every partition's
 * events, a manager syncs only their account's.
 */
total: number, events_per_sec: number, seconds_left: number | null, 
/**
 * Set while waiting out a 429 or backing off after an error.
 */
waiting_secs: number | null, 
/**
 * The sync ended (done or failed): the panel reloads.
 */
done: boolean, };
export type AutoInstall = { "kind": "when_idle", after: string, } | { "kind": "needs_password" } | { "kind": "installed" };
export type Backup = { id: number, started_at: string, 
/**
 * The night it belongs to, in the schedule's time zone.
 */
local_date: string, status: BackupStatus, size_bytes: number | null, sha256: string | null, 
/**
 * Rows per table at the time of the snapshot.
 */
row_counts: Record<string, number> | null, duration_ms: number | null, error: string | null, retention: RetentionClass, };
export type BackupAlert = { id: number, at: string, kind: BackupAlertKind, message: string, };
export type BackupAlertKind = "missed_backup" | "failed_backup" | "failed_drill";
export type BackupDay = { date: string, state: BackupDayState, 
/**
 * Why a failed night failed: the backup's error or the drill's reason.
 */
reason: string | null, };
export type BackupDayState = "verified" | "backed_up" | "failed" | "missed" | "pending" | "no_record";
export type BackupDrill = { id: number, backup_id: number, started_at: string, passed: boolean, reason: string | null, duration_ms: number, };
export type BackupStatus = "ok" | "failed";
export type BackupsCard = { last_good_at: string | null, 
/**
 * Older than this, the last good backup is a warning (UQ-BACKUP-DAILY).
 */
stale_after_hours: number, last_drill: BackupDrill | null, };
export type BackupsView = { 
/**
 * Oldest first, ending today (Helsinki).
 */
days: Array<BackupDay>, last_good_at: string | null, 
/**
 * Older than this, the last good backup is a warning (UQ-BACKUP-DAILY).
 */
stale_after_hours: number, last_drill: BackupDrill | null, 
/**
 * Alerts nothing has cleared since: a good backup after a missed or failed night, a
 * passed drill after a failed one.
 */
open_alerts: Array<BackupAlert>, 
/**
 * Kept snapshots, daily and weekly, newest first: what a restore can go back to.
 */
snapshots: Array<Backup>, requests: Array<RestoreRequestView>, 
/**
 * The channels a partial restore may name: those of the signed-in user's account.
 */
channels: Array<Channel>, 
/**
 * Account Managers of an account ask for restores (4S-RESTORE-REQUEST).
 */
may_request: boolean, time_zone: string, };
export type BlockReceipt = { user: User, sessions_ended: number, at: string, };
export type BusinessCalendarHistory = { 
/**
 * The calendar of the month in progress.
 */
in_force: BusinessCalendarSettings, 
/**
 * `YYYY-MM`: the month in progress.
 */
month: string, 
/**
 * `YYYY-MM`: the first month a change made now would govern.
 */
next_change_from: string, 
/**
 * Newest first; empty while the account has only ever had the clause's calendar.
 */
versions: Array<BusinessCalendarVersion>, };
export type BusinessCalendarSettings = { 
/**
 * An IANA time zone, e.g. `Europe/Helsinki`.
 */
time_zone: string, 
/**
 * ISO weekday numbers, 1 = Monday.
 */
days: Array<number>, 
/**
 * `HH:MM` local time; `opens` comes before `closes`.
 */
opens: string, closes: string, };
export type BusinessCalendarVersion = { 
/**
 * `YYYY-MM`; `0001-01` for a calendar set before versions were kept.
 */
effective_from: string, calendar: BusinessCalendarSettings, 
/**
 * Who set it; null for the ones set before this was recorded.
 */
changed_by: string | null, changed_at: string | null, };
export type CardId = "uptime" | "backups" | "maintenance" | "notifications" | "alerts" | "access";
export type ChainBreak = "hash_mismatch" | "link_broken" | "out_of_order";
export type ChainCheck = { checked: number, broken_seq: number | null, broken_reason: ChainBreak | null, };
export type ChangeNotices = { 
/**
 * Larger changes shipping within 7 days: the shell's banner.
 */
soon: Array<Announcement>, 
/**
 * Every announced larger change not yet shipped, soonest first: Settings.
 */
upcoming: Array<Announcement>, };
export type ChangePasswordRequest = { current_password: string, new_password: string, };
export type Channel = { id: number, account_id: number, name: string, };
export type CommandError = { "kind": "invalid_input", message: string, field: string | null, } | { "kind": "unauthorized", message: string, } | { "kind": "locked", message: string, locked_until: string, } | { "kind": "forbidden", message: string, } | { "kind": "two_factor_required", message: string, } | { "kind": "two_factor_enrolment_required", message: string, } | { "kind": "offline", message: string, } | { "kind": "insecure_url", message: string, } | { "kind": "keyring", message: string, } | { "kind": "not_found", message: string, } | { "kind": "conflict", message: string, } | { "kind": "internal", message: string, } | { "kind": "update_failed", message: string, stage: UpdateStage, } | { "kind": "busy", message: string, activities: Array<Activity>, } | { "kind": "policy_violation", message: string, violations: Array<Violation>, };
export type ConnectRequest = { url: string, username: string, password: string, };
export type Connection = { "state": "online", since: string, } | { "state": "offline", since: string, };
export type ConsoleState = { profile: Profile | null, session: SessionView | null, connection: Connection, };
export type ContactChange = { email?: string, phone?: string, };
export type ContactChangeReceipt = { user: User, messages: Array<OutboxMessage>, };
export type DataRegion = "eea" | "outside";
export type DataResidencyView = { register: SubprocessorRegister, 
/**
 * The signed-in user's account, whose setting follows when they may read it.
 */
account_id: number | null, residency: Residency | null, };
export type DayBar = { 
/**
 * The local date in the business calendar's time zone.
 */
date: string, state: DayState, up_s: number, down_s: number, 
/**
 * Business time that day (to now) outside announced maintenance that no evidence
 * covers: no data. A day with any is never shown as up.
 */
unmonitored_s: number, 
/**
 * Announced maintenance that day, left out of `up_s` and `down_s` as the SLA leaves it out.
 */
maintenance_s: number, avg_latency_ms: number | null, };
export type DayState = "up" | "degraded" | "down" | "no_data" | "maintenance";
export type DeferFor = "day" | "week";
export type Deferral = { version: string, until: string, };
export type DeliveryStatus = "queued" | "sent" | "retrying" | "failed" | "held";
export type DesktopSettings = { 
/**
 * New critical notifications appear as OS notifications while the window is unfocused.
 */
os_notifications: boolean, 
/**
 * The panel open when the console last closed; it comes back with the window.
 */
last_panel: string | null, };
export type ExportFormat = "csv" | "json";
export type Feature = { key: FeatureKey, title: string, description: string, enabled: boolean, 
/**
 * When the user last switched it; none while it has its default.
 */
changed_at: string | null, };
export type FeatureChange = { key: FeatureKey, enabled: boolean, };
export type FeatureKey = "compact_tables" | "maintenance_banner";
export type Features = { items: Array<Feature>, };
export type FeedSyncReport = { activities: number, notifications: number, unread: number, };
export type FullSyncProgress = { 
/**
 * Parts finished so far, of `total`.
 */
done: number, total: number, 
/**
 * The part now running; `None` once all have run.
 */
part: SyncPart | null, };
export type FullSyncReport = { finished_at: string, not_synced: Array<NotSynced>, };
export type Grant = { role: Role, scope: Scope, };
export type GrantRequest = { user_id: number, role: Role, scope: Scope, };
export type IdentityLink = { provider_id: number, user_id: number, subject: string, linked_at: string, };
export type IdentityLinkList = { items: Array<LinkedIdentity>, };
export type IdentityProvider = { id: number, account_id: number, 
/**
 * Shown on the sign-in screen: "Sign in with <name>".
 */
name: string, 
/**
 * The issuer URL; discovery is `<issuer>/.well-known/openid-configuration`.
 */
issuer: string, 
/**
 * The console's client id at the provider (the ID token's audience).
 */
client_id: string, kind: IdentityProviderKind, 
/**
 * A first sign-in with a verified e-mail address links the user holding it.
 */
link_by_email: boolean, 
/**
 * Users of the account linked to a subject of this provider.
 */
linked_users: number, };
export type IdentityProviderKind = "workforce" | "social";
export type IdentityProviderList = { items: Array<IdentityProvider>, };
export type IdentityProviderSettings = { name: string, issuer: string, client_id: string, kind: IdentityProviderKind, link_by_email: boolean, };
export type IncidentView = { started_at: string, 
/**
 * Null while still down.
 */
ended_at: string | null, duration_s: number | null, 
/**
 * Business seconds from start to fix (4S-CRITICAL-FIX).
 */
time_to_fix_business_s: number | null, fixed_same_business_day: boolean | null, note: string | null, };
export type Kept<T> = { value: T, 
/**
 * When the service gave it; `None` when nothing was ever fetched (an empty cache).
 */
fetched_at: string | null, 
/**
 * True when the service cannot be reached and this is the copy kept in the cache.
 */
from_cache: boolean, };
export type LatencyPoint = { at: string, avg_ms: number, max_ms: number, };
export type LinkedIdentity = { user_id: number, username: string, 
/**
 * The provider's `sub` for this user.
 */
subject: string, linked_at: string, };
export type MaintenanceCard = { next_window: MaintenanceWindow | null, in_progress: MaintenanceWindow | null, 
/**
 * Hours used of the 8 h cap (4S-MAINT-CAP), this month and next.
 */
this_month: MonthBudget, next_month: MonthBudget, };
export type MaintenanceCheck = { 
/**
 * Entirely outside business hours (4S-MAINT-WINDOW).
 */
routine: boolean, 
/**
 * How many windows the draft makes (more than one for a series).
 */
occurrences: number, violations: Array<Violation>, };
export type MaintenanceDraft = { 
/**
 * The window being edited; none for a new one.
 */
id: number | null, starts_at: string, ends_at: string, recurrence?: string, 
/**
 * Editing the occurrence `id` of a series: the occurrences the change reaches move with it.
 */
scope?: SeriesScope, };
export type MaintenanceOverview = { windows: Array<MaintenanceWindow>, this_month: MonthBudget, next_month: MonthBudget, 
/**
 * The next window not yet started, for the countdown.
 */
next_window: MaintenanceWindow | null, };
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
routine: boolean, 
/**
 * Occurrences of one recurring series share the first occurrence's id here.
 */
series_id: number | null, 
/**
 * The RRULE the series was made from.
 */
recurrence: string | null, };
export type MaintenanceWindowPatch = { title?: string, description?: string, impact?: string, affected_components?: Array<string>, starts_at?: string, ends_at?: string, };
export type MarkReadResult = { unread: number, 
/**
 * The service could not be told yet; the next sync tells it.
 */
pending: boolean, };
export type Missing = { card: CardId, why: Unavailable, };
export type Monitor = { id: number, name: string, kind: MonitorKind, target: string | null, interval_s: number, 
/**
 * Push monitors: how long past `interval_s` a heartbeat may be late before the
 * monitor counts as down.
 */
grace_s: number, paused: boolean, 
/**
 * The service's own health monitor, created by the service itself.
 */
builtin: boolean, };
export type MonitorKind = "http" | "push";
export type MonitorPatch = { name?: string, target?: string, interval_s?: number, paused?: boolean, grace_s?: number, };
export type MonthBudget = { year: number, month: number, used_minutes: number, cap_minutes: number, };
export type NewIdentityLink = { user_id: number, 
/**
 * The provider's `sub` for this user.
 */
subject: string, };
export type NewMaintenanceWindow = { title: string, description: string, impact: string, affected_components: Array<string>, starts_at: string, ends_at: string, recurrence?: string, };
export type NewMonitor = { name: string, kind: MonitorKind, target: string | null, interval_s: number | null, 
/**
 * Default 60 s.
 */
grace_s?: number, };
export type NewRestoreRequest = { scope: RestoreScope, channel_id: number | null, backup_id: number, note: string | null, };
export type NotSynced = { part: SyncPart, message: string, };
export type OfflineStatus = { cache_bytes: number, 
/**
 * When "Sync everything" or the background sync last finished for this workspace.
 */
last_full_sync: string | null, cadence_minutes: number, paused: SyncPaused | null, syncing: boolean, };
export type OutboundPath = "mail" | "sms" | "probes" | "offsite_copy";
export type OutboxMessage = { id: number, user_id: number, 
/**
 * `email` or `sms`.
 */
channel: string, address: string, subject: string, status: DeliveryStatus, attempts: number, last_error: string | null, held_reason: string | null, created_at: string, sent_at: string | null, };
export type OverviewAlert = { kind: AlertKind, at: string, message: string, };
export type OverviewView = { service: ServiceCards, 
/**
 * Unread notifications in the cache; null before the feeds' first sync.
 */
unread: number | null, 
/**
 * Null before the feeds' first sync.
 */
access: AccessCard | null, 
/**
 * When the feeds behind `unread` and `access` were last synced.
 */
feeds_synced_at: string | null, };
export type PackFormat = "pdf" | "csv_zip";
export type PackProgress = { step: number, steps: number, done: boolean, };
export type PathOff = { path: OutboundPath, name: string, reason: string, };
export type Profile = { id: string, name: string, url: string, username: string, demo: boolean, };
export type ProviderWorkspace = { url: string | null, username: string | null, };
export type Residency = { keep_data_in_europe: boolean, changed_at: string | null, changed_by: string | null, 
/**
 * Sub-processors outside Europe this account's data does not go to while the
 * setting is on; empty when it is off.
 */
paths_off: Array<PathOff>, };
export type RestoreRequest = { id: number, account_id: number, scope: RestoreScope, channel_id: number | null, backup_id: number, status: RestoreStatus, 
/**
 * Recovery work is billed by the hour.
 */
estimate_hours: number | null, steps: Array<RestoreStep>, };
export type RestoreRequestPatch = { status: RestoreStatus, estimate_hours: number | null, note: string | null, };
export type RestoreRequestView = { request: RestoreRequest, account_name: string, channel_name: string | null, 
/**
 * When the chosen snapshot was taken.
 */
snapshot_taken_at: string | null, 
/**
 * The steps the signed-in user may take next; the service enforces the same rule.
 */
next_steps: Array<RestoreStatus>, };
export type RestoreScope = "full" | "channel";
export type RestoreStatus = "requested" | "estimated" | "approved" | "in_progress" | "done" | "rejected";
export type RestoreStep = { status: RestoreStatus, at: string, by: string, note: string | null, };
export type RetentionClass = "daily" | "weekly" | "expired";
export type RevocationReceipt = { assignment: RoleAssignment, user_id: number, live_sessions: number, at: string, };
export type Role = "service_operator" | "account_manager" | "channel_manager" | "channel_editor" | "viewer";
export type RoleAssignment = { id: number, role: Role, scope: Scope, };
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
may_block: boolean, };
export type Scope = { "level": "platform" } | { "level": "account", id: number, } | { "level": "channel", id: number, };
export type SecuritySettings = { min_password_length: number, lockout_minutes: number, require_two_factor: boolean, third_party_only: boolean, social_sign_in: boolean, };
export type SeriesPatch = { scope: SeriesScope, title?: string, description?: string, impact?: string, affected_components?: Array<string>, starts_at?: string, ends_at?: string, };
export type SeriesScope = "following" | "all";
export type ServiceCards = { uptime: UptimeCard | null, backups: BackupsCard | null, maintenance: MaintenanceCard | null, 
/**
 * Open alerts: backups not yet cleared, the SLA at risk or breached, maintenance under way.
 */
alerts: Array<OverviewAlert>, missing: Array<Missing>, };
export type SessionEndReason = "idle" | "signed_out" | "expired" | "blocked";
export type SessionEnded = { reason: SessionEndReason, };
export type SessionView = { profile: Profile, user: User, account: Account | null, assignments: Array<RoleAssignment>, idle_expires_at: string, 
/**
 * Where the service runs (4S-HOST).
 */
region: string, };
export type SignInOption = { provider_id: number, name: string, kind: IdentityProviderKind, issuer: string, client_id: string, };
export type SlaMonth = { 
/**
 * `YYYY-MM`, in the business calendar's time zone.
 */
month: string, time_zone: string, business_s: number, maintenance_s: number, 
/**
 * Business time less announced maintenance (so far, in the month in progress).
 */
measured_s: number, 
/**
 * Measured time still to come in the month in progress; 0 once the month is closed.
 */
remaining_s: number, up_s: number, down_s: number, 
/**
 * Measured time no prober or heartbeat covered: no data, never counted as up.
 */
unmonitored_s: number, 
/**
 * `up_s / measured_s`: the proven uptime. Null when nothing was measured yet.
 */
uptime_ratio: number | null, 
/**
 * `up_s / (up_s + down_s)`: as if every unmonitored second had been up. Null when
 * nothing was observed.
 */
uptime_ratio_best: number | null, 
/**
 * `(1 - target) x (measured_s + remaining_s)`: the month's downtime allowance.
 */
allowed_downtime_s: number, 
/**
 * Null in a copy cached before the service sent it.
 */
status: SlaStatus | null, 
/**
 * True when `status` is compliant, false when breached, null otherwise; for
 * consoles that predate `status`.
 */
compliant: boolean | null, target_ratio: number, 
/**
 * The account's business days, ISO numbers (1 = Monday); empty in a copy cached before
 * the service sent them.
 */
business_days: Array<number>, 
/**
 * Opening and closing time, `HH:MM` local time in `time_zone`.
 */
business_opens: string, business_closes: string, };
export type SlaStatus = "compliant" | "breached" | "unverified" | "on_track" | "at_risk";
export type StartupNotice = { "kind": "no_keyring", reason: string, } | { "kind": "cache_reset", moved_to: string, reason: string, 
/**
 * Audit-the-auditor records and offline notification reads carried over, to be
 * sent at the next sync.
 */
salvaged_unsent: number, salvaged_profiles: number, } | { "kind": "newer_cache", path: string, found: number, known: number, } | { "kind": "log_disk_full", message: string, };
export type Subprocessor = { path: OutboundPath, name: string, purpose: string, data_categories: Array<string>, region: DataRegion, 
/**
 * Where, in words: "Frankfurt, Germany".
 */
location: string, };
export type SubprocessorRegister = { 
/**
 * Where the service runs (4S-HOST).
 */
service_region: string, items: Array<Subprocessor>, };
export type SyncPart = "overview" | "roles" | "users" | "security_settings" | "activity" | "backups" | "maintenance" | "announcements" | "uptime" | "features" | "residency" | "audit_log";
export type SyncPaused = "offline" | "metered";
export type Timeline = { 
/**
 * Newest first.
 */
events: Array<TimelineEvent>, 
/**
 * Kinds the signed-in user's roles do not show.
 */
not_permitted: Array<TimelineKind>, };
export type TimelineEvent = { 
/**
 * Unique in the list: the kind, the item and what happened to it.
 */
key: string, at: string, kind: TimelineKind, 
/**
 * What happened, e.g. `maintenance_started`, `incident_ended`, `drill_failed`,
 * `role_granted`, `update_installed`.
 */
what: string, title: string, detail: string, 
/**
 * The panel that opens the item (a sidebar id in the UI).
 */
panel: string, 
/**
 * The item in that panel: a window, a backup, a user, a release.
 */
item_id: number | null, 
/**
 * An outage's time to fix in business seconds (4S-CRITICAL-FIX).
 */
time_to_fix_business_s: number | null, };
export type TimelineKind = "maintenance" | "incident" | "backup" | "access" | "change" | "update";
export type TotpEnrolmentView = { secret: string, otpauth_url: string, 
/**
 * An SVG document of the otpauth URI's QR code.
 */
qr_svg: string, };
export type TwoFactorReset = { user: User, at: string, };
export type Unavailable = { "reason": "not_permitted" } | { "reason": "no_monitor" } | { "reason": "not_synced" } | { "reason": "failed", message: string, };
export type UpdateChannel = "stable" | "beta";
export type UpdateInfo = { version: string, current_version: string, 
/**
 * The release notes from the feed.
 */
notes: string, published_at: string | null, 
/**
 * Set when the weekly schedule found it: whether and when it installs by itself.
 */
auto_install?: AutoInstall, };
export type UpdateProgress = { downloaded: number, total: number | null, };
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
export type UpdateStage = "check" | "download" | "signature" | "install";
export type UptimeCard = { monitor_id: number, monitor_name: string, 
/**
 * This month so far, as the service measures it (4S-SLA): the proven ratio is null
 * while nothing was measured; no data is never uptime.
 */
month: SlaMonth, };
export type UptimeView = { monitors: Array<Monitor>, monitor_id: number, 
/**
 * Newest first: this month, then the eleven before it.
 */
history: Array<SlaMonth>, daily: Array<DayBar>, incidents: Array<IncidentView>, 
/**
 * Where the service runs (4S-HOST).
 */
region: string, };
export type User = { id: number, username: string, display_name: string, email: string | null, phone: string | null, account_id: number | null, status: UserStatus, locked_until: string | null, };
export type UserActivity = { id: number, user_id: number, username: string, at: string, 
/**
 * e.g. `sign_in`, `sign_in_failed`, `locked_out`, `password_changed`, `contact_changed`.
 */
kind: string, detail: string, };
export type UserFilter = { q: string | null, role: Role | null, locked: boolean | null, blocked: boolean | null, 
/**
 * The org tree's selection: members of this account.
 */
account_id: number | null, 
/**
 * The org tree's selection: users holding a role in this channel.
 */
channel_id: number | null, after: number | null, };
export type UserNotification = { id: number, user_id: number, at: string, 
/**
 * e.g. `email_changed`, `phone_changed`, `consent_revoked`, `blocked`.
 */
kind: string, message: string, read_at: string | null, };
export type UserPage = { users: Array<UserSummary>, next_after: number | null, };
export type UserStatus = "active" | "blocked";
export type UserSummary = { user: User, 
/**
 * The user's assignments the caller may see (UQ-SCOPE).
 */
assignments: Array<RoleAssignment>, 
/**
 * An authenticator is enrolled (4S-SSO). Security details are shown only to a caller
 * who may act on the user (`may_act`, UQ-DELEGATE-CHANNEL): `None` to anyone else, and
 * the user's `locked_until` is then `None` too.
 */
two_factor_enrolled: boolean | null, 
/**
 * The caller may act on this user: unlock, block, reset two-factor, change contact
 * details (`admin_policy::acting`, UQ-DELEGATE-CHANNEL). The service decides, since
 * only it knows every role the user holds; copies saved before this field read false,
 * so nothing is offered on them.
 */
may_act: boolean, };
export type Violation = { clause: string, message: string, };
