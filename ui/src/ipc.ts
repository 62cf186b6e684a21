// The one seam between the UI and the Rust side: every Tauri command and event goes through here,
// so tests mock exactly this boundary and the rest of the UI never sees untyped payloads.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  ActivityFilter,
  ActivityView,
  ContactChange,
  ContactChangeReceipt,
  FeedSyncReport,
  MarkReadResult,
  OutboxView,
  AuditEvent,
  AuditEventDetail,
  AuditExportProgress,
  AuditQuery,
  AuditStatus,
  AuditSyncProgress,
  ChainCheck,
  ExportFormat,
  BlockReceipt,
  AccessChange,
  AccessPreview,
  GrantRequest,
  RevocationReceipt,
  RoleAssignment,
  RolesOverview,
  SecuritySettings,
  DataResidencyView,
  Residency,
  TotpEnrolmentView,
  TwoFactorReset,
  User,
  UserDetailView,
  UserFilter,
  UsersView,
  Announcement,
  ChangePasswordRequest,
  CommandError,
  ConnectRequest,
  Connection,
  ConsoleState,
  MaintenanceCheck,
  MaintenanceDraft,
  MaintenanceOverview,
  MaintenanceWindow,
  MaintenanceWindowPatch,
  NewMaintenanceWindow,
  BusinessCalendarSettings,
  LatencyPoint,
  Monitor,
  MonitorPatch,
  NewMonitor,
  SeriesPatch,
  SeriesScope,
  SessionEnded,
  SessionView,
  UptimeView,
  BackupsView,
  NewRestoreRequest,
  RestoreRequest,
  RestoreRequestPatch,
  ChangeNotices,
  DeferFor,
  Deferral,
  FeatureChange,
  Features,
  UpdateInfo,
  UpdateProgress,
  UpdateSettings,
  UpdateSettingsChange,
} from "./bindings";

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

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toCommandError(error);
  }
}

export const ipc = {
  getState: () => call<ConsoleState>("get_state"),
  openDemo: () => call<SessionView>("open_demo"),
  connectServer: (request: ConnectRequest) => call<SessionView>("connect_server", { request }),
  signIn: (password: string) => call<SessionView>("sign_in", { password }),
  /** The authenticator's code for the sign-in that asked for it (4S-SSO). */
  submitTotp: (code: string) => call<SessionView>("submit_totp", { code }),
  /** The seed and its QR code, shown once. */
  startTotpEnrolment: () => call<TotpEnrolmentView>("start_totp_enrolment"),
  cancelSignIn: () => call<null>("cancel_sign_in"),
  signOut: () => call<null>("sign_out"),
  leaveWorkspace: () => call<null>("leave_workspace"),
  changePassword: (request: ChangePasswordRequest) => call<null>("change_password", { request }),
  reportActivity: () => call<null>("report_activity"),
  checkConnection: () => call<Connection>("check_connection"),
  /** `null` asks for the service's own health monitor. */
  uptime: (monitorId: number | null) => call<UptimeView>("uptime", { monitorId }),
  /** `from` and `to` are RFC 3339 instants. */
  uptimeLatency: (monitorId: number, from: string, to: string) =>
    call<LatencyPoint[]>("uptime_latency", { monitorId, from, to }),
  backupsOverview: () => call<BackupsView>("backups_overview"),
  requestRestore: (request: NewRestoreRequest) => call<RestoreRequest>("request_restore", { request }),
  stepRestoreRequest: (id: number, patch: RestoreRequestPatch) =>
    call<RestoreRequest>("step_restore_request", { id, patch }),
  createMonitor: (monitor: NewMonitor) => call<Monitor>("create_monitor", { new: monitor }),
  updateMonitor: (monitorId: number, patch: MonitorPatch) => call<Monitor>("update_monitor", { monitorId, patch }),
  deleteMonitor: (monitorId: number) => call<null>("delete_monitor", { monitorId }),
  /** `startedAt` is the incident's start as the service reported it. */
  annotateIncident: (monitorId: number, startedAt: string, note: string) =>
    call<null>("annotate_incident", { monitorId, startedAt, note }),
  saveBusinessCalendar: (accountId: number, calendar: BusinessCalendarSettings) =>
    call<BusinessCalendarSettings>("save_business_calendar", { accountId, calendar }),
  openExternal: (url: string) => call<null>("open_external", { url }),
  maintenanceOverview: () => call<MaintenanceOverview>("maintenance_overview"),
  checkMaintenance: (draft: MaintenanceDraft) => call<MaintenanceCheck>("check_maintenance", { draft }),
  createMaintenance: (window: NewMaintenanceWindow) => call<MaintenanceWindow[]>("create_maintenance", { window }),
  updateMaintenance: (id: number, patch: MaintenanceWindowPatch) =>
    call<MaintenanceWindow>("update_maintenance", { id, patch }),
  cancelMaintenance: (id: number) => call<MaintenanceWindow>("cancel_maintenance", { id }),
  /** Changes the occurrences of `id`'s series that `patch.scope` reaches. */
  updateMaintenanceSeries: (id: number, patch: SeriesPatch) =>
    call<MaintenanceWindow[]>("update_maintenance_series", { id, patch }),
  cancelMaintenanceSeries: (id: number, scope: SeriesScope) =>
    call<MaintenanceWindow[]>("cancel_maintenance_series", { id, scope }),
  /** Asks where to save; `null` when the manager cancelled the dialog. */
  exportMaintenance: () => call<string | null>("export_maintenance"),
  announcements: () => call<Announcement[]>("get_announcements"),
  rolesOverview: () => call<RolesOverview>("roles_overview"),
  listUsers: (filter: UserFilter) => call<UsersView>("list_users", { filter }),
  userDetail: (userId: number) => call<UserDetailView>("user_detail", { userId }),
  previewAccess: (userId: number, change: AccessChange) =>
    call<AccessPreview>("preview_access", { userId, change }),
  grantRole: (request: GrantRequest) => call<RoleAssignment>("grant_role", { request }),
  revokeRole: (assignmentId: number) => call<RevocationReceipt>("revoke_role", { assignmentId }),
  unlockUser: (userId: number) => call<User>("unlock_user", { userId }),
  resetTwoFactor: (userId: number) => call<TwoFactorReset>("reset_two_factor", { userId }),
  securitySettings: (accountId: number) => call<SecuritySettings>("security_settings", { accountId }),
  saveSecuritySettings: (accountId: number, settings: SecuritySettings) =>
    call<SecuritySettings>("save_security_settings", { accountId, settings }),
  dataResidency: () => call<DataResidencyView>("data_residency"),
  setKeepDataInEurope: (accountId: number, keep: boolean) =>
    call<Residency>("set_keep_data_in_europe", { accountId, keep }),
  blockUser: (userId: number) => call<BlockReceipt>("block_user", { userId }),
  unblockUser: (userId: number) => call<User>("unblock_user", { userId }),
  syncFeeds: () => call<FeedSyncReport>("sync_feeds"),
  activity: (filter: ActivityFilter) => call<ActivityView>("activity", { filter }),
  unreadNotifications: () => call<number>("unread_notifications"),
  markNotificationsRead: (ids: number[]) => call<MarkReadResult>("mark_notifications_read", { ids }),
  contactMessages: (userId: number) => call<OutboxView>("contact_messages", { userId }),
  changeContact: (userId: number, change: ContactChange) =>
    call<ContactChangeReceipt>("change_contact", { userId, change }),
  auditStatus: () => call<AuditStatus>("audit_status"),
  syncAuditNow: () => call<AuditStatus>("sync_audit_now"),
  /** How many cached events match; the Rust side records the view or search. */
  auditCount: (query: AuditQuery) => call<number>("audit_count", { query }),
  auditPage: (query: AuditQuery) => call<AuditEvent[]>("audit_page", { query }),
  auditEvent: (seq: number) => call<AuditEventDetail>("audit_event", { seq }),
  verifyAudit: () => call<ChainCheck>("verify_audit"),
  /** Asks where to save; `null` when the manager cancelled the dialog. */
  exportAudit: (query: AuditQuery, format: ExportFormat) => call<string | null>("export_audit", { query, format }),
  updateSettings: () => call<UpdateSettings>("get_update_settings"),
  saveUpdateSettings: (change: UpdateSettingsChange) => call<null>("save_update_settings", { change }),
  /** `null` when the installed version is the newest. */
  checkForUpdates: () => call<UpdateInfo | null>("check_for_updates"),
  /** Downloads, verifies and installs the update the last check found; progress comes as events. */
  installUpdate: () => call<null>("install_update"),
  deferUpdate: (deferFor: DeferFor) => call<Deferral>("defer_update", { deferFor }),
  restartApp: () => call<null>("restart_app"),
  changeNotices: () => call<ChangeNotices>("change_notices"),
  features: () => call<Features>("get_features"),
  setFeature: (change: FeatureChange) => call<Features>("set_feature", { change }),
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
  onUpdateAvailable: (handler: (payload: UpdateInfo) => void): Promise<UnlistenFn> =>
    listen<UpdateInfo>("update-available", (event) => handler(event.payload)),
  onUpdateProgress: (handler: (payload: UpdateProgress) => void): Promise<UnlistenFn> =>
    listen<UpdateProgress>("update-progress", (event) => handler(event.payload)),
};
