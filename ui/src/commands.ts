// Generated from the Rust command declarations: do not edit by hand.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console commands
import type {
  AccessChange,
  AccessPreview,
  ActivityFilter,
  ActivityView,
  Announcement,
  AuditEvent,
  AuditEventDetail,
  AuditQuery,
  AuditStatus,
  BackupsView,
  BlockReceipt,
  BusinessCalendarHistory,
  BusinessCalendarSettings,
  ChainCheck,
  ChangeNotices,
  ChangePasswordRequest,
  ConnectRequest,
  Connection,
  ConsoleState,
  ContactChange,
  ContactChangeReceipt,
  DataResidencyView,
  DeferFor,
  Deferral,
  DesktopSettings,
  ExportFormat,
  FeatureChange,
  Features,
  FeedSyncReport,
  FullSyncReport,
  GrantRequest,
  IdentityLink,
  IdentityLinkList,
  IdentityProvider,
  IdentityProviderList,
  IdentityProviderSettings,
  Kept,
  LatencyPoint,
  MaintenanceCheck,
  MaintenanceDraft,
  MaintenanceOverview,
  MaintenanceWindow,
  MaintenanceWindowPatch,
  MarkReadResult,
  Monitor,
  MonitorPatch,
  NewIdentityLink,
  NewMaintenanceWindow,
  NewMonitor,
  NewRestoreRequest,
  OfflineStatus,
  OutboxMessage,
  OverviewView,
  PackFormat,
  ProviderWorkspace,
  Residency,
  RestoreRequest,
  RestoreRequestPatch,
  RevocationReceipt,
  RoleAssignment,
  RolesOverview,
  SecuritySettings,
  SeriesPatch,
  SeriesScope,
  SessionView,
  SignInOption,
  StartupNotice,
  Timeline,
  TotpEnrolmentView,
  TwoFactorReset,
  UpdateInfo,
  UpdateSettings,
  UpdateSettingsChange,
  UptimeView,
  User,
  UserFilter,
  UserPage,
  UserSummary,
} from "./bindings";

export type Commands = {
  session_state: { args: undefined; result: ConsoleState };
  session_open_demo: { args: undefined; result: SessionView };
  session_connect: { args: { request: ConnectRequest }; result: SessionView };
  session_sign_in: { args: { password: string }; result: SessionView };
  session_sign_in_options: { args: { workspace: ProviderWorkspace }; result: Array<SignInOption> };
  session_sign_in_with_provider: { args: { workspace: ProviderWorkspace; providerId: number }; result: SessionView };
  session_submit_totp: { args: { code: string }; result: SessionView };
  session_start_totp_enrolment: { args: undefined; result: TotpEnrolmentView };
  session_cancel_sign_in: { args: undefined; result: null };
  session_sign_out: { args: undefined; result: null };
  session_leave_workspace: { args: undefined; result: null };
  session_change_password: { args: { request: ChangePasswordRequest }; result: null };
  session_report_activity: { args: undefined; result: null };
  session_check_connection: { args: undefined; result: Connection };
  startup_notices: { args: undefined; result: Array<StartupNotice> };
  startup_first_panel_drawn: { args: { panel: string }; result: null };
  activity_sync: { args: undefined; result: FeedSyncReport };
  activity_view: { args: { filter: ActivityFilter }; result: Kept<ActivityView> };
  activity_unread_notifications: { args: undefined; result: number };
  activity_mark_read: { args: { ids: Array<number> }; result: MarkReadResult };
  activity_contact_messages: { args: { userId: number }; result: Kept<Array<OutboxMessage>> };
  activity_change_contact: { args: { userId: number; change: ContactChange }; result: ContactChangeReceipt };
  audit_status: { args: undefined; result: Kept<AuditStatus> };
  audit_sync_now: { args: undefined; result: Kept<AuditStatus> };
  audit_count: { args: { query: AuditQuery }; result: number };
  audit_page: { args: { query: AuditQuery }; result: Array<AuditEvent> };
  audit_event: { args: { seq: number }; result: AuditEventDetail };
  audit_verify: { args: undefined; result: ChainCheck };
  audit_export: { args: { query: AuditQuery; format: ExportFormat }; result: string | null };
  backups_overview: { args: undefined; result: Kept<BackupsView> };
  backups_request_restore: { args: { request: NewRestoreRequest }; result: RestoreRequest };
  backups_step_restore: { args: { id: number; patch: RestoreRequestPatch }; result: RestoreRequest };
  maintenance_overview: { args: undefined; result: Kept<MaintenanceOverview> };
  maintenance_check: { args: { draft: MaintenanceDraft }; result: MaintenanceCheck };
  maintenance_create: { args: { window: NewMaintenanceWindow }; result: Array<MaintenanceWindow> };
  maintenance_update: { args: { id: number; patch: MaintenanceWindowPatch }; result: MaintenanceWindow };
  maintenance_cancel: { args: { id: number }; result: MaintenanceWindow };
  maintenance_update_series: { args: { id: number; patch: SeriesPatch }; result: Array<MaintenanceWindow> };
  maintenance_cancel_series: { args: { id: number; scope: SeriesScope }; result: Array<MaintenanceWindow> };
  maintenance_export: { args: undefined; result: string | null };
  maintenance_announcements: { args: undefined; result: Array<Announcement> };
  notices_changes: { args: undefined; result: ChangeNotices };
  notices_features: { args: undefined; result: Features };
  notices_set_feature: { args: { change: FeatureChange }; result: Features };
  overview_view: { args: undefined; result: Kept<OverviewView> };
  overview_timeline: { args: undefined; result: Kept<Timeline> };
  residency_view: { args: undefined; result: Kept<DataResidencyView> };
  residency_set_keep_in_europe: { args: { accountId: number; keep: boolean }; result: Residency };
  roles_overview: { args: undefined; result: Kept<RolesOverview> };
  roles_list_users: { args: { filter: UserFilter }; result: Kept<UserPage> };
  roles_user_detail: { args: { userId: number }; result: Kept<UserSummary> };
  roles_preview_access: { args: { userId: number; change: AccessChange }; result: AccessPreview };
  roles_grant: { args: { request: GrantRequest }; result: RoleAssignment };
  roles_revoke: { args: { assignmentId: number }; result: RevocationReceipt };
  roles_unlock_user: { args: { userId: number }; result: User };
  roles_reset_two_factor: { args: { userId: number }; result: TwoFactorReset };
  roles_security_settings: { args: { accountId: number }; result: SecuritySettings };
  roles_save_security_settings: { args: { accountId: number; settings: SecuritySettings }; result: SecuritySettings };
  roles_block_user: { args: { userId: number }; result: BlockReceipt };
  roles_unblock_user: { args: { userId: number }; result: User };
  roles_identity_providers: { args: { accountId: number }; result: IdentityProviderList };
  roles_add_identity_provider: { args: { accountId: number; settings: IdentityProviderSettings }; result: IdentityProvider };
  roles_update_identity_provider: { args: { providerId: number; settings: IdentityProviderSettings }; result: IdentityProvider };
  roles_delete_identity_provider: { args: { providerId: number }; result: null };
  roles_identity_links: { args: { providerId: number }; result: IdentityLinkList };
  roles_link_identity: { args: { providerId: number; link: NewIdentityLink }; result: IdentityLink };
  roles_unlink_identity: { args: { providerId: number; userId: number }; result: null };
  updates_save_settings: { args: { change: UpdateSettingsChange }; result: null };
  desktop_settings: { args: undefined; result: DesktopSettings };
  desktop_set_os_notifications: { args: { enabled: boolean }; result: null };
  desktop_remember_panel: { args: { panel: string }; result: null };
  uptime_view: { args: { monitorId: number | null }; result: Kept<UptimeView> };
  uptime_latency: { args: { monitorId: number; from: string; to: string }; result: Array<LatencyPoint> };
  uptime_create_monitor: { args: { new: NewMonitor }; result: Monitor };
  uptime_update_monitor: { args: { monitorId: number; patch: MonitorPatch }; result: Monitor };
  uptime_delete_monitor: { args: { monitorId: number }; result: null };
  uptime_annotate_incident: { args: { monitorId: number; startedAt: string; note: string }; result: null };
  uptime_business_calendar: { args: { accountId: number }; result: BusinessCalendarHistory };
  uptime_save_business_calendar: { args: { accountId: number; calendar: BusinessCalendarSettings }; result: BusinessCalendarSettings };
  offline_status: { args: undefined; result: OfflineStatus };
  offline_sync_everything: { args: undefined; result: FullSyncReport };
  offline_set_cadence: { args: { minutes: number }; result: OfflineStatus };
  offline_clear_cache: { args: undefined; result: OfflineStatus };
  uptime_save_compliance_pack: { args: { month: string; format: PackFormat }; result: string | null };
  updates_settings: { args: undefined; result: UpdateSettings };
  updates_check: { args: undefined; result: UpdateInfo | null };
  updates_install: { args: undefined; result: null };
  updates_defer: { args: { deferFor: DeferFor }; result: Deferral };
  updates_restart: { args: undefined; result: null };
  shell_open_external: { args: { url: string }; result: null };
};

export type CommandName = keyof Commands;
