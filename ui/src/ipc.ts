// The one seam between the UI and the Rust side: every Tauri command and event goes through here,
// so tests mock exactly this boundary and the rest of the UI never sees untyped payloads.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  ActivityFilter,
  ContactChange,
  FeedSyncReport,
  FullSyncProgress,
  FullSyncReport,
  AuditExportProgress,
  AuditQuery,
  AuditSyncProgress,
  ExportFormat,
  AccessChange,
  GrantRequest,
  SecuritySettings,
  UserFilter,
  ChangePasswordRequest,
  CommandError,
  ConnectRequest,
  Connection,
  MaintenanceDraft,
  MaintenanceWindowPatch,
  NewMaintenanceWindow,
  BusinessCalendarSettings,
  MonitorPatch,
  NewMonitor,
  SeriesPatch,
  SeriesScope,
  SessionEnded,
  NewRestoreRequest,
  RestoreRequestPatch,
  DeferFor,
  FeatureChange,
  UpdateInfo,
  UpdateProgress,
  UpdateSettingsChange,
  IdentityProviderSettings,
  NewIdentityLink,
  PackFormat,
  PackProgress,
  ProviderWorkspace,
} from "./bindings";
import type { CommandName, Commands } from "./commands";

const ERROR_KINDS: ReadonlySet<CommandError["kind"]> = new Set([
  "invalid_input",
  "unauthorized",
  "locked",
  "forbidden",
  "two_factor_required",
  "two_factor_enrolment_required",
  "offline",
  "insecure_url",
  "keyring",
  "not_found",
  "conflict",
  "internal",
  "policy_violation",
  "update_failed",
  "busy",
]);

export function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    ERROR_KINDS.has((value as { kind?: unknown }).kind as CommandError["kind"]) &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

// Tauri itself rejects with a bare string (unknown command, bad arguments), which the UI
// must still show as an error rather than crash on.
export function toCommandError(value: unknown): CommandError {
  if (isCommandError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { kind: "internal", message };
}

type ArgsOf<K extends CommandName> = Commands[K]["args"];
type ResultOf<K extends CommandName> = Commands[K]["result"];

// Typed by the generated `Commands`: a command renamed or retyped in Rust fails here.
async function call<K extends CommandName>(
  command: K,
  ...args: ArgsOf<K> extends undefined ? [] : [ArgsOf<K>]
): Promise<ResultOf<K>> {
  try {
    return await invoke<ResultOf<K>>(command, args[0]);
  } catch (error) {
    throw toCommandError(error);
  }
}

export const ipc = {
  getState: () => call("session_state"),
  /** What the console worked around to start: no keyring, a cache set aside. */
  startupNotices: () => call("startup_notices"),
  /** The first screen is drawn with its data: the console starts what waited for it. */
  firstPanelDrawn: (panel: string) => call("startup_first_panel_drawn", { panel }),
  openDemo: () => call("session_open_demo"),
  connectServer: (request: ConnectRequest) => call("session_connect", { request }),
  signIn: (password: string) => call("session_sign_in", { password }),
  /** The providers the sign-in screen offers for the workspace's user (4S-SSO). */
  signInOptions: (workspace: ProviderWorkspace) => call("session_sign_in_options", { workspace }),
  /** Opens the system browser at the provider; resolves once the service signed in. */
  signInWithProvider: ({ workspace, providerId }: { workspace: ProviderWorkspace; providerId: number }) =>
    call("session_sign_in_with_provider", { workspace, providerId }),
  /** The authenticator's code for the sign-in that asked for it (4S-SSO). */
  submitTotp: (code: string) => call("session_submit_totp", { code }),
  /** The seed and its QR code, shown once. */
  startTotpEnrolment: () => call("session_start_totp_enrolment"),
  cancelSignIn: () => call("session_cancel_sign_in"),
  signOut: () => call("session_sign_out"),
  leaveWorkspace: () => call("session_leave_workspace"),
  changePassword: (request: ChangePasswordRequest) => call("session_change_password", { request }),
  reportActivity: () => call("session_report_activity"),
  checkConnection: () => call("session_check_connection"),
  /** `null` asks for the service's own health monitor. */
  uptime: (monitorId: number | null) => call("uptime_view", { monitorId }),
  /** `from` and `to` are RFC 3339 instants. */
  uptimeLatency: (monitorId: number, from: string, to: string) =>
    call("uptime_latency", { monitorId, from, to }),
  overview: () => call("overview_view"),
  timeline: () => call("overview_timeline"),
  backupsOverview: () => call("backups_overview"),
  requestRestore: (request: NewRestoreRequest) => call("backups_request_restore", { request }),
  stepRestoreRequest: (id: number, patch: RestoreRequestPatch) =>
    call("backups_step_restore", { id, patch }),
  createMonitor: (monitor: NewMonitor) => call("uptime_create_monitor", { new: monitor }),
  updateMonitor: (monitorId: number, patch: MonitorPatch) => call("uptime_update_monitor", { monitorId, patch }),
  deleteMonitor: (monitorId: number) => call("uptime_delete_monitor", { monitorId }),
  /** `startedAt` is the incident's start as the service reported it. */
  annotateIncident: (monitorId: number, startedAt: string, note: string) =>
    call("uptime_annotate_incident", { monitorId, startedAt, note }),
  businessCalendar: (accountId: number) => call("uptime_business_calendar", { accountId }),
  saveBusinessCalendar: (accountId: number, calendar: BusinessCalendarSettings) =>
    call("uptime_save_business_calendar", { accountId, calendar }),
  /** Asks where, then writes the month's (`YYYY-MM`) pack; `null` when the dialog was cancelled. */
  saveCompliancePack: (month: string, format: PackFormat) => call("uptime_save_compliance_pack", { month, format }),
  openExternal: (url: string) => call("shell_open_external", { url }),
  maintenanceOverview: () => call("maintenance_overview"),
  checkMaintenance: (draft: MaintenanceDraft) => call("maintenance_check", { draft }),
  createMaintenance: (window: NewMaintenanceWindow) => call("maintenance_create", { window }),
  updateMaintenance: (id: number, patch: MaintenanceWindowPatch) =>
    call("maintenance_update", { id, patch }),
  cancelMaintenance: (id: number) => call("maintenance_cancel", { id }),
  /** Changes the occurrences of `id`'s series that `patch.scope` reaches. */
  updateMaintenanceSeries: (id: number, patch: SeriesPatch) =>
    call("maintenance_update_series", { id, patch }),
  cancelMaintenanceSeries: (id: number, scope: SeriesScope) =>
    call("maintenance_cancel_series", { id, scope }),
  /** Asks where to save; `null` when the manager cancelled the dialog. */
  exportMaintenance: () => call("maintenance_export"),
  announcements: () => call("maintenance_announcements"),
  rolesOverview: () => call("roles_overview"),
  listUsers: (filter: UserFilter) => call("roles_list_users", { filter }),
  userDetail: (userId: number) => call("roles_user_detail", { userId }),
  previewAccess: (userId: number, change: AccessChange) =>
    call("roles_preview_access", { userId, change }),
  grantRole: (request: GrantRequest) => call("roles_grant", { request }),
  revokeRole: (assignmentId: number) => call("roles_revoke", { assignmentId }),
  unlockUser: (userId: number) => call("roles_unlock_user", { userId }),
  resetTwoFactor: (userId: number) => call("roles_reset_two_factor", { userId }),
  identityProviders: (accountId: number) => call("roles_identity_providers", { accountId }),
  addIdentityProvider: (accountId: number, settings: IdentityProviderSettings) =>
    call("roles_add_identity_provider", { accountId, settings }),
  updateIdentityProvider: (providerId: number, settings: IdentityProviderSettings) =>
    call("roles_update_identity_provider", { providerId, settings }),
  deleteIdentityProvider: (providerId: number) => call("roles_delete_identity_provider", { providerId }),
  identityLinks: (providerId: number) => call("roles_identity_links", { providerId }),
  linkIdentity: (providerId: number, link: NewIdentityLink) => call("roles_link_identity", { providerId, link }),
  unlinkIdentity: (providerId: number, userId: number) => call("roles_unlink_identity", { providerId, userId }),
  securitySettings: (accountId: number) => call("roles_security_settings", { accountId }),
  saveSecuritySettings: (accountId: number, settings: SecuritySettings) =>
    call("roles_save_security_settings", { accountId, settings }),
  dataResidency: () => call("residency_view"),
  setKeepDataInEurope: (accountId: number, keep: boolean) =>
    call("residency_set_keep_in_europe", { accountId, keep }),
  blockUser: (userId: number) => call("roles_block_user", { userId }),
  unblockUser: (userId: number) => call("roles_unblock_user", { userId }),
  syncFeeds: () => call("activity_sync"),
  activity: (filter: ActivityFilter) => call("activity_view", { filter }),
  unreadNotifications: () => call("activity_unread_notifications"),
  markNotificationsRead: (ids: number[]) => call("activity_mark_read", { ids }),
  contactMessages: (userId: number) => call("activity_contact_messages", { userId }),
  changeContact: (userId: number, change: ContactChange) =>
    call("activity_change_contact", { userId, change }),
  auditStatus: () => call("audit_status"),
  syncAuditNow: () => call("audit_sync_now"),
  /** How many cached events match; the Rust side records the view or search. */
  auditCount: (query: AuditQuery) => call("audit_count", { query }),
  auditPage: (query: AuditQuery) => call("audit_page", { query }),
  auditEvent: (seq: number) => call("audit_event", { seq }),
  verifyAudit: () => call("audit_verify"),
  /** Asks where to save; `null` when the manager cancelled the dialog. */
  exportAudit: (query: AuditQuery, format: ExportFormat) => call("audit_export", { query, format }),
  updateSettings: () => call("updates_settings"),
  saveUpdateSettings: (change: UpdateSettingsChange) => call("updates_save_settings", { change }),
  /** `null` when the installed version is the newest. */
  checkForUpdates: () => call("updates_check"),
  /** Downloads, verifies and installs the update the last check found; progress comes as events. */
  installUpdate: () => call("updates_install"),
  deferUpdate: (deferFor: DeferFor) => call("updates_defer", { deferFor }),
  restartApp: () => call("updates_restart"),
  changeNotices: () => call("notices_changes"),
  features: () => call("notices_features"),
  setFeature: (change: FeatureChange) => call("notices_set_feature", { change }),
  desktopSettings: () => call("desktop_settings"),
  setOsNotifications: (enabled: boolean) => call("desktop_set_os_notifications", { enabled }),
  /** Kept so the panel comes back with the window at the next start. */
  rememberPanel: (panel: string) => call("desktop_remember_panel", { panel }),
  offlineStatus: () => call("offline_status"),
  /** Every panel's offline copy, now; progress comes as `onFullSyncProgress`. */
  syncEverything: () => call("offline_sync_everything"),
  setSyncCadence: (minutes: number) => call("offline_set_cadence", { minutes }),
  clearCache: () => call("offline_clear_cache"),
};

export const events = {
  onSessionEnded: (handler: (payload: SessionEnded) => void): Promise<UnlistenFn> =>
    listen<SessionEnded>("session-ended", (event) => handler(event.payload)),
  onConnectionChanged: (handler: (payload: Connection) => void): Promise<UnlistenFn> =>
    listen<Connection>("connection-changed", (event) => handler(event.payload)),
  /** The background tick brought the activity and notification feeds up to date. */
  onFeedsSynced: (handler: (payload: FeedSyncReport) => void): Promise<UnlistenFn> =>
    listen<FeedSyncReport>("feeds-synced", (event) => handler(event.payload)),
  onAuditSyncProgress: (handler: (payload: AuditSyncProgress) => void): Promise<UnlistenFn> =>
    listen<AuditSyncProgress>("audit-sync-progress", (event) => handler(event.payload)),
  onAuditExportProgress: (handler: (payload: AuditExportProgress) => void): Promise<UnlistenFn> =>
    listen<AuditExportProgress>("audit-export-progress", (event) => handler(event.payload)),
  onPackProgress: (handler: (payload: PackProgress) => void): Promise<UnlistenFn> =>
    listen<PackProgress>("pack-progress", (event) => handler(event.payload)),
  onUpdateAvailable: (handler: (payload: UpdateInfo) => void): Promise<UnlistenFn> =>
    listen<UpdateInfo>("update-available", (event) => handler(event.payload)),
  /** A click on an OS notification: the panel holding its item. */
  onOpenPanel: (handler: (panel: string) => void): Promise<UnlistenFn> =>
    listen<string>("open-panel", (event) => handler(event.payload)),
  onUpdateProgress: (handler: (payload: UpdateProgress) => void): Promise<UnlistenFn> =>
    listen<UpdateProgress>("update-progress", (event) => handler(event.payload)),
  onFullSyncProgress: (handler: (payload: FullSyncProgress) => void): Promise<UnlistenFn> =>
    listen<FullSyncProgress>("full-sync-progress", (event) => handler(event.payload)),
  /** The background sync refreshed every panel's copy. */
  onFullSyncFinished: (handler: (payload: FullSyncReport) => void): Promise<UnlistenFn> =>
    listen<FullSyncReport>("full-sync-finished", (event) => handler(event.payload)),
};
