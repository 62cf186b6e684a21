//! Tauri commands: one-line calls into `Console`. Keep logic out of here.

use crate::console::Console;
use crate::error::CommandError;
use crate::notices::ChangeNotices;
use crate::roles::{AccessChange, AccessPreview, RolesOverview, UserFilter, UsersView};
use crate::save_dialog;
use crate::updater;
use crate::updates::{DeferFor, Deferral, UpdateInfo, UpdateSettings, UpdateSettingsChange};
use crate::uptime::UptimeView;
use crate::views::{ConnectRequest, Connection, ConsoleState, SessionView};
use admin_api::LatencyPoint;
use admin_api::{
    BlockReceipt, ChangePasswordRequest, FeatureChange, Features, GrantRequest, RevocationReceipt,
    RoleAssignment, Secret, SecuritySettings, User, UserSummary,
};
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
pub async fn roles_overview(console: State<'_, Console>) -> Result<RolesOverview> {
    console.roles_overview().await
}

#[tauri::command]
pub async fn list_users(console: State<'_, Console>, filter: UserFilter) -> Result<UsersView> {
    console.list_users(filter).await
}

#[tauri::command]
pub async fn user_detail(console: State<'_, Console>, user_id: i64) -> Result<UserSummary> {
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
