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
export type CommandError = { "kind": "invalid_input", message: string, field: string | null, } | { "kind": "unauthorized", message: string, } | { "kind": "locked", message: string, locked_until: string, } | { "kind": "forbidden", message: string, } | { "kind": "offline", message: string, } | { "kind": "insecure_url", message: string, } | { "kind": "keyring", message: string, } | { "kind": "not_found", message: string, } | { "kind": "conflict", message: string, } | { "kind": "internal", message: string, };
export type Channel = { id: number, account_id: number, name: string, };
export type UserSummary = { user: User, 
/**
 * The user's assignments the caller may see (UQ-SCOPE).
 */
assignments: Array<RoleAssignment>, };
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
export type BlockReceipt = { user: User, sessions_ended: number, at: string, };
export type UsersView = { page: UserPage, as_of: string | null, };
