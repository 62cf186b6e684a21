//! The desktop console: thin glue between the web view and the library crates.
//! The logic lives in `admin-console-core` (crates/console); its modules are re-exported
//! so the adapters here name them as before.

mod commands;
pub mod desktop;
mod metered;
pub mod navigation;
#[cfg(target_os = "linux")]
mod rendering;
pub mod save_dialog;
pub mod tokens;
pub mod updater;

pub use admin_console_core::{
    activity, audit, auto_install, backups, busy, clock, console, demo, error, first_panel, idle,
    logging, maintenance, notices, offline, roles, updates, uptime, views,
};

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

    fn full_sync_progress(&self, progress: offline::FullSyncProgress) {
        if let Err(e) = self.0.emit("full-sync-progress", progress) {
            tracing::debug!(error = %e, "could not send the full sync's progress");
        }
    }

    fn pack_progress(&self, progress: admin_console_core::pack::save::PackProgress) {
        if let Err(e) = self.0.emit("pack-progress", progress) {
            tracing::debug!(error = %e, "could not send the compliance pack's progress");
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
/// How often the console asks whether every panel's copy is due for a refresh; the cadence
/// itself is a setting (`offline`), so a first sign-in is usable offline within a minute.
const OFFLINE_SYNC_TICK: Duration = Duration::from_secs(30);
/// How often the console asks whether the weekly update check is due.
const UPDATE_TICK: Duration = Duration::from_secs(60 * 60);
/// How often a found update asks whether it may install by itself (4S-UPDATES-WEEKLY).
const AUTO_INSTALL_TICK: Duration = Duration::from_secs(60);

/// The pack's command over the data folder the window would use (Tauri's app data dir is
/// the system's data dir and the app's identifier), so it reads the signed-in profile's
/// cache and keyring token.
fn compliance_pack(args: &[String], identifier: &str) -> i32 {
    let Some(data_dir) = dirs::data_dir().map(|d| d.join(identifier)) else {
        eprintln!("compliance-pack: this system names no data folder for the console");
        return admin_console_core::pack::cli::EXIT_FAILED;
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("compliance-pack: {e}");
            return admin_console_core::pack::cli::EXIT_FAILED;
        }
    };
    runtime.block_on(admin_console_core::pack::cli::run(
        args,
        data_dir,
        Arc::new(tokens::KeyringStore),
    ))
}

pub fn run() {
    let args: Vec<String> = std::env::args().collect();
    let context = tauri::generate_context!();
    // `--version` answers without a display: the install test asks the installed package.
    if args.iter().any(|a| a == "--version") {
        let info = context.package_info();
        println!("{} {}", info.name, info.version);
        return;
    }
    // `compliance-pack --month YYYY-MM --out FILE.pdf ...`: the monthly pack for scheduled
    // jobs, with no display; the core does the work (crates/console/src/pack/cli.rs).
    if args.get(1).map(String::as_str) == Some("compliance-pack") {
        std::process::exit(compliance_pack(&args[2..], &context.config().identifier));
    }
    // `--update-check-and-install <feed>`: the updater's own path, headless (see updater.rs).
    let headless_feed = args
        .windows(2)
        .find(|w| w[0] == "--update-check-and-install")
        .map(|w| w[1].clone());
    // `--demo` opens the demo workspace at start, as the README's launch command does.
    let open_demo = args.iter().any(|a| a == "--demo");
    #[cfg(target_os = "linux")]
    let software_gl = rendering::choose();
    let mut builder = tauri::Builder::default();
    // First, so a second start hands over before anything opens; the headless updater
    // runs beside a running window and must not.
    if headless_feed.is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _, _| {
            desktop::focus_main(app)
        }));
    }
    let app = builder
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updater::Pending::default())
        .manage(updater::Automatic::default())
        .manage(admin_console_core::desktop::Clicks::default())
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            let log_dir = app.path().app_log_dir()?;
            app.manage(LogGuard(logging::init(&log_dir)?));
            tracing::info!(data = %data_dir.display(), logs = %log_dir.display(), "console starting");
            #[cfg(target_os = "linux")]
            if software_gl {
                tracing::info!("no GPU render node: the web view paints without GL compositing");
            }
            let notifier = Arc::new(EventNotifier(app.handle().clone()));
            let headless = headless_feed.is_some();
            let console = tauri::async_runtime::block_on(async {
                let console = Console::open(
                    data_dir,
                    Arc::new(tokens::KeyringStore),
                    notifier,
                    Arc::new(clock::SystemClock),
                )
                .await?
                .with_dialog(Arc::new(save_dialog::NativeDialog(app.handle().clone())))
                .with_browser(Arc::new(navigation::SystemBrowser));
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
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
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
            desktop::watch_focus(&window);
            Ok(())
        })
        .invoke_handler(commands::handler)
        .build(context)
        .expect("error while building the console");
    app.run(|_, _| {});
}

/// The update check, the syncs and the connection checks wait for the first panel to be
/// drawn, so start-up spends itself on the window (`admin_console_core::first_panel`).
fn spawn_ticks(app: AppHandle) {
    let drawn = app
        .state::<Console>()
        .first_panel()
        .after(first_panel::FALLBACK, std::future::ready(()));
    tauri::async_runtime::spawn(async move {
        drawn.await;
        spawn_ticks_now(app);
    });
}

fn spawn_ticks_now(app: AppHandle) {
    let feed_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(FEED_TICK).await;
            let console = feed_app.state::<Console>();
            match admin_console_core::origin::in_background(
                admin_console_core::activity::activity_sync(console.inner()),
            )
            .await
            {
                Ok(report) => {
                    if let Err(e) = feed_app.emit("feeds-synced", report) {
                        tracing::warn!(error = %e, "could not tell the web view the feeds synced");
                    }
                    desktop::notify_new(&feed_app).await;
                }
                Err(e) => tracing::debug!(error = %e, "feed sync tick"),
            }
        }
    });
    let audit_app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(AUDIT_SYNC_FIRST).await;
        loop {
            admin_console_core::audit::background_audit_sync(audit_app.state::<Console>().inner())
                .await;
            tokio::time::sleep(AUDIT_SYNC_TICK).await;
        }
    });
    let offline_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(OFFLINE_SYNC_TICK).await;
            let metered = tauri::async_runtime::spawn_blocking(metered::is_metered)
                .await
                .unwrap_or(false);
            let console = offline_app.state::<Console>();
            admin_console_core::host::Host::full_sync(console.inner()).set_metered(metered);
            match offline::background_tick(console.inner()).await {
                Ok(offline::Tick::Synced(report)) => {
                    if let Err(e) = offline_app.emit("full-sync-finished", report) {
                        tracing::debug!(error = %e, "could not tell the web view the copies synced");
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::debug!(error = %e, "background full sync"),
            }
        }
    });
    let idle_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(IDLE_TICK).await;
            if let Err(e) = {
                let console = idle_app.state::<Console>();
                console.tick(console.now()).await
            } {
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
    let install_app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(AUTO_INSTALL_TICK).await;
            if let Err(e) = updater::automatic_install_tick(&install_app).await {
                tracing::warn!(error = %e, "automatic update install");
            }
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
