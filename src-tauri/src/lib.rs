//! The desktop console: thin glue between the web view and the library crates.

pub mod activity;
#[cfg(test)]
mod activity_tests;
pub mod audit;
#[cfg(test)]
mod audit_tests;
pub mod backups;
mod bindings;
pub mod busy;
mod commands;
pub mod console;
#[cfg(test)]
mod console_tests;
pub mod demo;
pub mod error;
pub mod idle;
pub mod logging;
pub mod maintenance;
pub mod navigation;
pub mod notices;
pub mod residency;
pub mod roles;
pub mod save_dialog;
pub mod tokens;
pub mod updater;
pub mod updates;
pub mod uptime;
pub mod views;

use console::{Console, Notifier};
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindowBuilder};
use views::{Connection, SessionEnded};

struct EventNotifier(AppHandle);

impl Notifier for EventNotifier {
    fn session_ended(&self, ended: SessionEnded) {
        if let Err(e) = self.0.emit("session-ended", ended) {
            tracing::warn!(error = %e, "could not tell the web view the session ended");
        }
    }

    fn connection_changed(&self, connection: Connection) {
        if let Err(e) = self.0.emit("connection-changed", connection) {
            tracing::warn!(error = %e, "could not tell the web view the connection changed");
        }
    }

    fn audit_sync_progress(&self, progress: audit::AuditSyncProgress) {
        if let Err(e) = self.0.emit("audit-sync-progress", progress) {
            tracing::debug!(error = %e, "could not send the audit sync's progress");
        }
    }

    fn audit_export_progress(&self, progress: audit::AuditExportProgress) {
        if let Err(e) = self.0.emit("audit-export-progress", progress) {
            tracing::debug!(error = %e, "could not send the audit export's progress");
        }
    }
}

struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);

const IDLE_TICK: Duration = Duration::from_secs(15);
const CONNECTION_TICK: Duration = Duration::from_secs(30);
/// The activity and notification feeds are small: every two minutes keeps the sidebar's
/// unread count fresh without weighing on the service's feed quota.
const FEED_TICK: Duration = Duration::from_secs(120);
/// The audit log syncs in the background this often while online.
const AUDIT_SYNC_TICK: Duration = Duration::from_secs(5 * 60);
/// The first background sync waits for the window to settle after start.
const AUDIT_SYNC_FIRST: Duration = Duration::from_secs(20);
/// How often the console asks whether the weekly update check is due.
const UPDATE_TICK: Duration = Duration::from_secs(60 * 60);

pub fn run() {
    let args: Vec<String> = std::env::args().collect();
    let context = tauri::generate_context!();
    // `--version` answers without a display: the install test asks the installed package.
    if args.iter().any(|a| a == "--version") {
        let info = context.package_info();
        println!("{} {}", info.name, info.version);
        return;
    }
    // `--update-check-and-install <feed>`: the updater's own path, headless (see updater.rs).
    let headless_feed = args
        .windows(2)
        .find(|w| w[0] == "--update-check-and-install")
        .map(|w| w[1].clone());
    // `--demo` opens the demo workspace at start, as the README's launch command does.
    let open_demo = args.iter().any(|a| a == "--demo");
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updater::Pending::default())
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            let log_dir = app.path().app_log_dir()?;
            app.manage(LogGuard(logging::init(&log_dir)?));
            tracing::info!(data = %data_dir.display(), logs = %log_dir.display(), "console starting");
            let notifier = Arc::new(EventNotifier(app.handle().clone()));
            let headless = headless_feed.is_some();
            let console = tauri::async_runtime::block_on(async {
                let console = Console::open(data_dir, Arc::new(tokens::KeyringStore), notifier).await?;
                if headless {
                    return Ok(console);
                }
                if let Err(e) = console.restore().await {
                    tracing::warn!(error = %e, "could not restore the last session");
                }
                if open_demo && console.state().await?.session.is_none() {
                    console.open_demo().await?;
                }
                Ok::<_, error::CommandError>(console)
            })?;
            app.manage(console);
            if let Some(feed) = headless_feed.clone() {
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    let code = updater::headless(&handle, &feed).await;
                    // Straight out: no window was opened, and the exit code is the verdict.
                    std::process::exit(code);
                });
                return Ok(());
            }
            spawn_ticks(app.handle().clone());
            let dev = tauri::is_dev();
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("Admin Console")
                .inner_size(1200.0, 780.0)
                .min_inner_size(900.0, 560.0)
                .on_navigation(move |url| {
                    let allowed = navigation::is_app_url(url, dev);
                    if !allowed {
                        tracing::info!(%url, "kept the web view on the app; opening outside link in the browser");
                        let _ = navigation::open_in_browser(url.as_str());
                    }
                    allowed
                })
                .build()?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_state,
            commands::open_demo,
            commands::connect_server,
            commands::sign_in,
            commands::submit_totp,
            commands::start_totp_enrolment,
            commands::cancel_sign_in,
            commands::sign_out,
            commands::leave_workspace,
            commands::change_password,
            commands::report_activity,
            commands::maintenance_overview,
            commands::check_maintenance,
            commands::create_maintenance,
            commands::update_maintenance,
            commands::cancel_maintenance,
            commands::export_maintenance,
            commands::get_announcements,
            commands::check_connection,
            commands::open_external,
            commands::uptime,
            commands::backups_overview,
            commands::request_restore,
            commands::step_restore_request,
            commands::uptime_latency,
            commands::create_monitor,
            commands::update_monitor,
            commands::delete_monitor,
            commands::annotate_incident,
            commands::save_business_calendar,
            commands::update_maintenance_series,
            commands::cancel_maintenance_series,
            commands::roles_overview,
            commands::list_users,
            commands::user_detail,
            commands::preview_access,
            commands::grant_role,
            commands::revoke_role,
            commands::unlock_user,
            commands::reset_two_factor,
            commands::security_settings,
            commands::save_security_settings,
            commands::data_residency,
            commands::set_keep_data_in_europe,
            commands::block_user,
            commands::unblock_user,
            commands::sync_feeds,
            commands::activity,
            commands::unread_notifications,
            commands::mark_notifications_read,
            commands::contact_messages,
            commands::change_contact,
            commands::audit_status,
            commands::sync_audit_now,
            commands::audit_count,
            commands::audit_page,
            commands::audit_event,
            commands::verify_audit,
            commands::export_audit,
            commands::get_update_settings,
            commands::save_update_settings,
            commands::check_for_updates,
            commands::install_update,
            commands::defer_update,
            commands::restart_app,
            commands::change_notices,
            commands::get_features,
            commands::set_feature,
        ])
        .build(context)
        .expect("error while building the console");
    app.run(|_, _| {});
}

fn spawn_ticks(app: AppHandle) {
    let feed_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(FEED_TICK).await;
            match feed_app.state::<Console>().sync_feeds().await {
                Ok(report) => {
                    if let Err(e) = feed_app.emit("feeds-synced", report) {
                        tracing::warn!(error = %e, "could not tell the web view the feeds synced");
                    }
                }
                Err(e) => tracing::debug!(error = %e, "feed sync tick"),
            }
        }
    });
    let audit_app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(AUDIT_SYNC_FIRST).await;
        loop {
            audit_app.state::<Console>().background_audit_sync().await;
            tokio::time::sleep(AUDIT_SYNC_TICK).await;
        }
    });
    let idle_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(IDLE_TICK).await;
            if let Err(e) = idle_app.state::<Console>().tick(chrono::Utc::now()).await {
                tracing::debug!(error = %e, "idle tick");
            }
        }
    });
    let update_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            if let Err(e) = updater::scheduled_check(&update_app).await {
                tracing::warn!(error = %e, "scheduled update check");
            }
            tokio::time::sleep(UPDATE_TICK).await;
        }
    });
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(CONNECTION_TICK).await;
            if let Err(e) = app.state::<Console>().check_connection().await {
                tracing::debug!(error = %e, "connection check");
            }
        }
    });
}
