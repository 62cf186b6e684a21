//! Tauri commands: one-line calls into `Console`. Keep logic out of here.

use crate::activity::{ActivityFilter, ActivityView, FeedSyncReport, MarkReadResult, OutboxView};
use crate::audit::AuditStatus;
use crate::console::Console;
use crate::error::CommandError;
use crate::notices::ChangeNotices;
use crate::roles::{
    AccessChange, AccessPreview, RolesOverview, UserDetailView, UserFilter, UsersView,
};
use crate::save_dialog;
use crate::updater;
use crate::updates::{DeferFor, Deferral, UpdateInfo, UpdateSettings, UpdateSettingsChange};
use crate::uptime::UptimeView;
use crate::views::{ConnectRequest, Connection, ConsoleState, SessionView, TotpEnrolmentView};
use admin_api::{
    BlockReceipt, ChangePasswordRequest, FeatureChange, Features, GrantRequest, RevocationReceipt,
    RoleAssignment, Secret, SecuritySettings, TwoFactorReset, User,
};
use admin_api::{
    BusinessCalendarSettings, LatencyPoint, Monitor, MonitorPatch, NewMonitor, SeriesPatch,
    SeriesScope,
};
use admin_cache::{AuditEventDetail, AuditQuery, ChainCheck, ExportFormat};
use chrono::{DateTime, Utc};
use tauri::State;

type Result<T> = std::result::Result<T, CommandError>;

#[tauri::command]
pub async fn get_state(console: State<'_, Console>) -> Result<ConsoleState> {
    console.state().await
}

#[tauri::command]
pub async fn open_demo(console: State<'_, Console>) -> Result<SessionView> {
    console.open_demo().await
}

#[tauri::command]
pub async fn connect_server(
    console: State<'_, Console>,
    request: ConnectRequest,
) -> Result<SessionView> {
    console.connect(request).await
}

#[tauri::command]
pub async fn sign_in(console: State<'_, Console>, password: Secret) -> Result<SessionView> {
    console.sign_in(password).await
}

#[tauri::command]
pub async fn submit_totp(console: State<'_, Console>, code: Secret) -> Result<SessionView> {
    console.submit_totp(code).await
}

#[tauri::command]
pub async fn start_totp_enrolment(console: State<'_, Console>) -> Result<TotpEnrolmentView> {
    console.start_totp_enrolment().await
}

#[tauri::command]
pub async fn cancel_sign_in(console: State<'_, Console>) -> Result<()> {
    console.cancel_sign_in().await;
    Ok(())
}

#[tauri::command]
pub async fn sign_out(console: State<'_, Console>) -> Result<()> {
    console.sign_out().await
}

#[tauri::command]
pub async fn leave_workspace(console: State<'_, Console>) -> Result<()> {
    console.leave_workspace().await
}

#[tauri::command]
pub async fn change_password(
    console: State<'_, Console>,
    request: ChangePasswordRequest,
) -> Result<()> {
    console.change_password(request).await
}

#[tauri::command]
pub fn report_activity(console: State<'_, Console>) {
    console.report_activity()
}

#[tauri::command]
pub async fn check_connection(console: State<'_, Console>) -> Result<Connection> {
    console.check_connection().await
}

#[tauri::command]
pub fn open_external(url: String) -> Result<()> {
    crate::navigation::open_in_browser(&url)
}

#[tauri::command]
pub async fn uptime(console: State<'_, Console>, monitor_id: Option<i64>) -> Result<UptimeView> {
    console.uptime(monitor_id).await
}

#[tauri::command]
pub async fn uptime_latency(
    console: State<'_, Console>,
    monitor_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<LatencyPoint>> {
    console.uptime_latency(monitor_id, from, to).await
}

#[tauri::command]
pub async fn create_monitor(console: State<'_, Console>, new: NewMonitor) -> Result<Monitor> {
    console.create_monitor(new).await
}

#[tauri::command]
pub async fn update_monitor(
    console: State<'_, Console>,
    monitor_id: i64,
    patch: MonitorPatch,
) -> Result<Monitor> {
    console.update_monitor(monitor_id, patch).await
}

#[tauri::command]
pub async fn delete_monitor(console: State<'_, Console>, monitor_id: i64) -> Result<()> {
    console.delete_monitor(monitor_id).await
}

#[tauri::command]
pub async fn annotate_incident(
    console: State<'_, Console>,
    monitor_id: i64,
    started_at: DateTime<Utc>,
    note: String,
) -> Result<()> {
    console
        .annotate_incident(monitor_id, started_at, note)
        .await
}

#[tauri::command]
pub async fn save_business_calendar(
    console: State<'_, Console>,
    account_id: i64,
    calendar: BusinessCalendarSettings,
) -> Result<BusinessCalendarSettings> {
    console.save_business_calendar(account_id, calendar).await
}

#[tauri::command]
pub async fn roles_overview(console: State<'_, Console>) -> Result<RolesOverview> {
    console.roles_overview().await
}

#[tauri::command]
pub async fn list_users(console: State<'_, Console>, filter: UserFilter) -> Result<UsersView> {
    console.list_users(filter).await
}

#[tauri::command]
pub async fn user_detail(console: State<'_, Console>, user_id: i64) -> Result<UserDetailView> {
    console.user_detail(user_id).await
}

#[tauri::command]
pub async fn preview_access(
    console: State<'_, Console>,
    user_id: i64,
    change: AccessChange,
) -> Result<AccessPreview> {
    console.preview_access(user_id, change).await
}

#[tauri::command]
pub async fn grant_role(
    console: State<'_, Console>,
    request: GrantRequest,
) -> Result<RoleAssignment> {
    console.grant_role(request).await
}

#[tauri::command]
pub async fn revoke_role(
    console: State<'_, Console>,
    assignment_id: i64,
) -> Result<RevocationReceipt> {
    console.revoke_role(assignment_id).await
}

#[tauri::command]
pub async fn unlock_user(console: State<'_, Console>, user_id: i64) -> Result<User> {
    console.unlock_user(user_id).await
}

#[tauri::command]
pub async fn reset_two_factor(console: State<'_, Console>, user_id: i64) -> Result<TwoFactorReset> {
    console.reset_two_factor(user_id).await
}

#[tauri::command]
pub async fn security_settings(
    console: State<'_, Console>,
    account_id: i64,
) -> Result<SecuritySettings> {
    console.security_settings(account_id).await
}

#[tauri::command]
pub async fn save_security_settings(
    console: State<'_, Console>,
    account_id: i64,
    settings: SecuritySettings,
) -> Result<SecuritySettings> {
    console.save_security_settings(account_id, settings).await
}

#[tauri::command]
pub async fn data_residency(
    console: State<'_, Console>,
) -> Result<crate::residency::DataResidencyView> {
    console.data_residency().await
}

#[tauri::command]
pub async fn set_keep_data_in_europe(
    console: State<'_, Console>,
    account_id: i64,
    keep: bool,
) -> Result<admin_api::Residency> {
    console.set_keep_data_in_europe(account_id, keep).await
}

#[tauri::command]
pub async fn maintenance_overview(
    console: State<'_, Console>,
) -> Result<crate::maintenance::MaintenanceOverview> {
    console.maintenance().await
}

#[tauri::command]
pub async fn check_maintenance(
    console: State<'_, Console>,
    draft: crate::maintenance::MaintenanceDraft,
) -> Result<crate::maintenance::MaintenanceCheck> {
    console.check_maintenance(draft).await
}

#[tauri::command]
pub async fn create_maintenance(
    console: State<'_, Console>,
    window: admin_api::NewMaintenanceWindow,
) -> Result<Vec<admin_api::MaintenanceWindow>> {
    console.create_maintenance(window).await
}

#[tauri::command]
pub async fn update_maintenance(
    console: State<'_, Console>,
    id: i64,
    patch: admin_api::MaintenanceWindowPatch,
) -> Result<admin_api::MaintenanceWindow> {
    console.update_maintenance(id, patch).await
}

#[tauri::command]
pub async fn cancel_maintenance(
    console: State<'_, Console>,
    id: i64,
) -> Result<admin_api::MaintenanceWindow> {
    console.cancel_maintenance(id).await
}

#[tauri::command]
pub async fn update_maintenance_series(
    console: State<'_, Console>,
    id: i64,
    patch: SeriesPatch,
) -> Result<Vec<admin_api::MaintenanceWindow>> {
    console.update_maintenance_series(id, patch).await
}

#[tauri::command]
pub async fn cancel_maintenance_series(
    console: State<'_, Console>,
    id: i64,
    scope: SeriesScope,
) -> Result<Vec<admin_api::MaintenanceWindow>> {
    console.cancel_maintenance_series(id, scope).await
}

/// Saves `maintenance.ics` into the user's Downloads folder and returns its path.
#[tauri::command]
pub async fn export_maintenance(
    app: tauri::AppHandle,
    console: State<'_, Console>,
) -> Result<Option<String>> {
    let Some(path) = save_dialog::ask(
        &app,
        save_dialog::SaveAs {
            file_name: "maintenance.ics",
            filter_name: "iCalendar",
            extensions: &["ics"],
        },
    )
    .await
    else {
        return Ok(None);
    };
    console.export_maintenance(&path).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn get_announcements(
    console: State<'_, Console>,
) -> Result<Vec<admin_api::Announcement>> {
    console.announcements().await
}

#[tauri::command]
pub async fn block_user(console: State<'_, Console>, user_id: i64) -> Result<BlockReceipt> {
    console.block_user(user_id).await
}

#[tauri::command]
pub async fn unblock_user(console: State<'_, Console>, user_id: i64) -> Result<User> {
    console.unblock_user(user_id).await
}

#[tauri::command]
pub async fn backups_overview(console: State<'_, Console>) -> Result<crate::backups::BackupsView> {
    console.backups().await
}

#[tauri::command]
pub async fn request_restore(
    console: State<'_, Console>,
    request: admin_api::NewRestoreRequest,
) -> Result<admin_api::RestoreRequest> {
    console.request_restore(request).await
}

#[tauri::command]
pub async fn step_restore_request(
    console: State<'_, Console>,
    id: i64,
    patch: admin_api::RestoreRequestPatch,
) -> Result<admin_api::RestoreRequest> {
    console.step_restore_request(id, patch).await
}

#[tauri::command]
pub async fn sync_feeds(console: State<'_, Console>) -> Result<FeedSyncReport> {
    console.sync_feeds().await
}

#[tauri::command]
pub async fn activity(console: State<'_, Console>, filter: ActivityFilter) -> Result<ActivityView> {
    console.activity(filter).await
}

#[tauri::command]
pub async fn unread_notifications(console: State<'_, Console>) -> Result<i64> {
    console.unread_notifications().await
}

#[tauri::command]
pub async fn mark_notifications_read(
    console: State<'_, Console>,
    ids: Vec<i64>,
) -> Result<MarkReadResult> {
    console.mark_notifications_read(ids).await
}

#[tauri::command]
pub async fn contact_messages(console: State<'_, Console>, user_id: i64) -> Result<OutboxView> {
    console.contact_messages(user_id).await
}

#[tauri::command]
pub async fn change_contact(
    console: State<'_, Console>,
    user_id: i64,
    change: admin_api::ContactChange,
) -> Result<admin_api::ContactChangeReceipt> {
    console.change_contact(user_id, change).await
}

#[tauri::command]
pub async fn audit_status(console: State<'_, Console>) -> Result<AuditStatus> {
    console.audit_status().await
}

#[tauri::command]
pub async fn sync_audit_now(console: State<'_, Console>) -> Result<AuditStatus> {
    console.sync_audit_now().await
}

#[tauri::command]
pub async fn audit_count(console: State<'_, Console>, query: AuditQuery) -> Result<i64> {
    console.audit_count(query).await
}

#[tauri::command]
pub async fn audit_page(
    console: State<'_, Console>,
    query: AuditQuery,
) -> Result<Vec<admin_api::AuditEvent>> {
    console.audit_page(query).await
}

#[tauri::command]
pub async fn audit_event(console: State<'_, Console>, seq: i64) -> Result<AuditEventDetail> {
    console.audit_event(seq).await
}

#[tauri::command]
pub async fn verify_audit(console: State<'_, Console>) -> Result<ChainCheck> {
    console.verify_audit().await
}

/// Asks where to save the events of the filter; `None` when the manager cancelled.
#[tauri::command]
pub async fn export_audit(
    app: tauri::AppHandle,
    console: State<'_, Console>,
    query: AuditQuery,
    format: ExportFormat,
) -> Result<Option<String>> {
    let (file_name, filter_name, extensions) = match format {
        ExportFormat::Csv => ("audit-log.csv", "CSV", &["csv"][..]),
        ExportFormat::Json => ("audit-log.json", "JSON", &["json"][..]),
    };
    let Some(path) = save_dialog::ask(
        &app,
        save_dialog::SaveAs {
            file_name,
            filter_name,
            extensions,
        },
    )
    .await
    else {
        return Ok(None);
    };
    console.export_audit(&path, query, format).await?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn get_update_settings(
    app: tauri::AppHandle,
    console: State<'_, Console>,
    pending: State<'_, updater::Pending>,
) -> Result<UpdateSettings> {
    updater::settings(&app, &console, &pending).await
}

#[tauri::command]
pub async fn save_update_settings(
    console: State<'_, Console>,
    change: UpdateSettingsChange,
) -> Result<()> {
    console.save_update_settings(change).await
}

#[tauri::command]
pub async fn check_for_updates(
    app: tauri::AppHandle,
    console: State<'_, Console>,
    pending: State<'_, updater::Pending>,
) -> Result<Option<UpdateInfo>> {
    updater::check_now(&app, &console, &pending).await
}

#[tauri::command]
pub async fn install_update(
    app: tauri::AppHandle,
    console: State<'_, Console>,
    pending: State<'_, updater::Pending>,
) -> Result<()> {
    updater::install_pending(&app, &console, &pending).await
}

#[tauri::command]
pub async fn defer_update(
    console: State<'_, Console>,
    pending: State<'_, updater::Pending>,
    defer_for: DeferFor,
) -> Result<Deferral> {
    updater::defer_pending(&console, &pending, defer_for).await
}

#[tauri::command]
pub fn restart_app(app: tauri::AppHandle) {
    app.restart()
}

#[tauri::command]
pub async fn change_notices(console: State<'_, Console>) -> Result<ChangeNotices> {
    console.change_notices(Utc::now()).await
}

#[tauri::command]
pub async fn get_features(console: State<'_, Console>) -> Result<Features> {
    console.features().await
}

#[tauri::command]
pub async fn set_feature(console: State<'_, Console>, change: FeatureChange) -> Result<Features> {
    console.set_feature(change).await
}
