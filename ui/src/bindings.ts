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
export type ConnectRequest = { url: string, username: string, password: string, };
export type ChangePasswordRequest = { current_password: string, new_password: string, };
export type SessionEndReason = "idle" | "signed_out" | "expired" | "blocked";
export type SessionEnded = { reason: SessionEndReason, };
export type CommandError = { "kind": "invalid_input", message: string, field: string | null, } | { "kind": "unauthorized", message: string, } | { "kind": "locked", message: string, locked_until: string, } | { "kind": "forbidden", message: string, } | { "kind": "offline", message: string, } | { "kind": "insecure_url", message: string, } | { "kind": "keyring", message: string, } | { "kind": "not_found", message: string, } | { "kind": "conflict", message: string, } | { "kind": "internal", message: string, } | { "kind": "policy_violation", message: string, violations: Array<Violation>, };
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
