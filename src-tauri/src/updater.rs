//! The self-update steps on Tauri's updater plugin, shared by the Settings commands, the
//! weekly background check and the headless `--update-check-and-install <feed>` flag (the
//! install test drives the installed package through it, with no window).
//!
//! The plugin verifies the downloaded bytes against the minisign public key built into the
//! app (`plugins.updater.pubkey` in tauri.conf.json) before anything is written, so a
//! tampered artifact or a feed signed with another key fails at [`UpdateStage::Signature`]
//! and the installed app stays as it was.

use crate::auto_install::{self, AutoInstall, Found, Installer, Step};
use crate::console::Console;
use crate::error::{CommandError, UpdateStage};
use crate::updates::{self, UpdateInfo, UpdateProgress};
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Error, Update, UpdaterExt};

/// The update found by the last check, waiting for the manager's "Install".
#[derive(Default)]
pub struct Pending(pub tokio::sync::Mutex<Option<Update>>);

/// The version the weekly schedule found, and what the manager was told about installing
/// it by itself (4S-UPDATES-WEEKLY, see `crate::auto_install`).
#[derive(Default)]
pub struct Automatic(pub std::sync::Mutex<Option<(Found, AutoInstall)>>);

impl Automatic {
    fn get(&self) -> Option<(Found, AutoInstall)> {
        self.0.lock().unwrap().clone()
    }
    fn set(&self, value: Option<(Found, AutoInstall)>) {
        *self.0.lock().unwrap() = value;
    }
    /// What the offer of `version` says about installing by itself.
    fn note(&self, version: &str) -> Option<AutoInstall> {
        self.get()
            .filter(|(found, _)| found.version == version)
            .map(|(_, note)| note)
    }
}

/// How this copy was installed, from the bundle marker Tauri builds into it.
pub fn installer() -> Installer {
    use tauri::utils::config::BundleType;
    match tauri::utils::platform::bundle_type() {
        Some(BundleType::AppImage) => Installer::AppImage,
        Some(BundleType::Deb) => Installer::Deb,
        Some(BundleType::Rpm) => Installer::Rpm,
        Some(BundleType::Msi) => Installer::Msi,
        Some(BundleType::Nsis) => Installer::Nsis,
        Some(BundleType::App | BundleType::Dmg) => Installer::App,
        _ => Installer::Unknown,
    }
}

const TIMEOUT: Duration = Duration::from_secs(120);

fn failed(stage: UpdateStage, err: Error) -> CommandError {
    let stage = match err {
        Error::Minisign(_)
        | Error::Base64(_)
        | Error::SignatureUtf8(_)
        | Error::SignedVersionMismatch { .. }
        | Error::MissingSignedVersion => UpdateStage::Signature,
        _ => stage,
    };
    let message = match stage {
        UpdateStage::Check => format!("could not check for updates: {err}"),
        UpdateStage::Download => format!("the update did not download: {err}; nothing was installed"),
        UpdateStage::Signature => format!(
            "the update's signature does not match this console's public key ({err}); nothing was installed"
        ),
        UpdateStage::Install => format!("the update did not install: {err}; the installed version is unchanged"),
    };
    CommandError::UpdateFailed { message, stage }
}

pub fn info(update: &Update) -> UpdateInfo {
    UpdateInfo {
        version: update.version.clone(),
        current_version: update.current_version.clone(),
        notes: update.body.clone().unwrap_or_default(),
        published_at: update
            .date
            .and_then(|d| chrono::DateTime::from_timestamp(d.unix_timestamp(), 0)),
        auto_install: None,
    }
}

/// Asks the feed for a newer version than this one.
pub async fn check<R: Runtime>(
    app: &AppHandle<R>,
    feed: url::Url,
) -> Result<Option<Update>, CommandError> {
    let updater = app
        .updater_builder()
        .endpoints(vec![feed])
        .map_err(|e| failed(UpdateStage::Check, e))?
        .timeout(TIMEOUT)
        .build()
        .map_err(|e| failed(UpdateStage::Check, e))?;
    updater
        .check()
        .await
        .map_err(|e| failed(UpdateStage::Check, e))
}

/// Downloads, verifies and installs; refuses while a sync, export or dialog runs (checked
/// again after the download, which can take a while).
pub async fn download_and_install(
    console: &Console,
    update: &Update,
    mut progress: impl FnMut(UpdateProgress),
) -> Result<(), CommandError> {
    updates::ready_to_install(console)?;
    let mut downloaded = 0u64;
    let bytes = update
        .download(
            |chunk, total| {
                downloaded += chunk as u64;
                progress(UpdateProgress { downloaded, total });
            },
            || {},
        )
        .await
        .map_err(|e| failed(UpdateStage::Download, e))?;
    // Checked and claimed in one step: no sync or export starts until the install is done.
    let _installing = updates::claim_install(console)?;
    update
        .install(bytes)
        .map_err(|e| failed(UpdateStage::Install, e))
}

/// `--update-check-and-install <feed>`: the same steps without a window, reported on
/// stdout/stderr. Exit 0: installed or nothing newer; 2: refused or failed.
pub async fn headless<R: Runtime>(app: &AppHandle<R>, feed: &str) -> i32 {
    let console = app.state::<Console>().inner();
    let run = async {
        let feed = admin_policy::transport::check_server_url(feed).map_err(|e| {
            CommandError::InsecureUrl {
                message: format!("update feed {feed}: {e}"),
            }
        })?;
        println!("update: checking {feed}");
        let found = check(app, feed).await;
        updates::record_update_check(console, console.now()).await?;
        let Some(update) = found? else {
            println!(
                "update: no newer version than {}",
                app.package_info().version
            );
            return Ok(());
        };
        let info = info(&update);
        println!(
            "update: found {} (installed {}): {}",
            info.version, info.current_version, info.notes
        );
        let mut last = 0u64;
        download_and_install(console, &update, |p| last = p.downloaded).await?;
        println!("update: downloaded {last} bytes, signature verified");
        println!("update: installed {}", info.version);
        Ok::<_, CommandError>(())
    };
    match run.await {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("update failed: {e}");
            2
        }
    }
}

/// Settings → Updates, with the version the last check found (the web view may have missed
/// the `update-available` event if it came before the window was ready).
pub async fn settings<R: Runtime>(
    app: &AppHandle<R>,
    console: &Console,
    pending: &Pending,
) -> Result<crate::updates::UpdateSettings, CommandError> {
    let version = app.package_info().version.to_string();
    let mut settings = updates::update_settings(console, console.now(), &version).await?;
    settings.available = pending.0.lock().await.as_ref().map(|update| UpdateInfo {
        auto_install: app.state::<Automatic>().note(&update.version),
        ..info(update)
    });
    Ok(settings)
}

/// "Check for updates" in Settings: always asks, whatever the schedule says.
pub async fn check_now<R: Runtime>(
    app: &AppHandle<R>,
    console: &Console,
    pending: &Pending,
) -> Result<Option<UpdateInfo>, CommandError> {
    let feed = updates::update_feed(console).await?;
    let found = check(app, feed).await?;
    updates::record_update_check(console, console.now()).await?;
    let shown = found.as_ref().map(info);
    *pending.0.lock().await = found;
    Ok(shown)
}

/// "Install" after the notes were shown; progress goes out as `update-progress` events.
pub async fn install_pending<R: Runtime>(
    app: &AppHandle<R>,
    console: &Console,
    pending: &Pending,
) -> Result<(), CommandError> {
    use tauri::Emitter;
    let slot = pending.0.lock().await;
    let Some(update) = slot.as_ref() else {
        return Err(CommandError::NotFound {
            message: "no update is waiting: check for updates first".into(),
        });
    };
    download_and_install(console, update, |p| {
        let _ = app.emit("update-progress", p);
    })
    .await?;
    app.state::<Automatic>().set(None);
    tracing::info!(version = %update.version, "update installed; restart to use it");
    Ok(())
}

/// "Later": puts the waiting version off for a day or a week, the automatic install too.
pub async fn defer_pending(
    console: &Console,
    pending: &Pending,
    automatic: &Automatic,
    for_: crate::updates::DeferFor,
) -> Result<crate::updates::Deferral, CommandError> {
    automatic.set(None);
    let Some(update) = pending.0.lock().await.take() else {
        return Err(CommandError::NotFound {
            message: "no update is waiting".into(),
        });
    };
    updates::defer_update(console, &update.version, for_, console.now()).await
}

/// The weekly schedule (4S-UPDATES-WEEKLY): at start-up and then every hour it asks whether
/// a check is due (automatic checks on, last check 7 days old or more), and offers a found
/// version unless "Later" put it off, saying whether it installs by itself.
pub async fn scheduled_check<R: Runtime>(app: &AppHandle<R>) -> Result<(), CommandError> {
    use tauri::Emitter;
    let console = app.state::<Console>().inner();
    let now = console.now();
    if !updates::automatic_check_due(console, now).await? {
        return Ok(());
    }
    let feed = updates::update_feed(console).await?;
    let found = check(app, feed).await?;
    updates::record_update_check(console, now).await?;
    if let Some(update) = found {
        if updates::should_offer(console, &update.version, now).await? {
            let found = Found {
                version: update.version.clone(),
                found_at: now,
            };
            let note = auto_install::announce(&found, installer());
            app.state::<Automatic>().set(Some((found, note.clone())));
            let _ = app.emit(
                "update-available",
                UpdateInfo {
                    auto_install: Some(note),
                    ..info(&update)
                },
            );
            *app.state::<Pending>().0.lock().await = Some(update);
        }
    }
    Ok(())
}

/// Every minute: installs the version the schedule found once the notice period is over
/// and the console is idle; the new version runs at the next start. A sync or export that
/// starts during the download makes the install wait for the next tick.
pub async fn automatic_install_tick<R: Runtime>(app: &AppHandle<R>) -> Result<(), CommandError> {
    use tauri::Emitter;
    let automatic = app.state::<Automatic>();
    // Nothing found, or installed already: it runs at the next start.
    let Some((found, note)) = automatic.get() else {
        return Ok(());
    };
    if note == AutoInstall::Installed {
        return Ok(());
    }
    let console = app.state::<Console>().inner();
    match auto_install::next_step(console, &found, installer(), console.now()).await? {
        Step::Install => {}
        Step::Notice { .. } | Step::Busy(_) => return Ok(()),
        // Left to the manager's "Install" (the offer says why) or put off with "Later".
        Step::Off | Step::PutOff | Step::AskForPassword => {
            automatic.set(None);
            return Ok(());
        }
    }
    let pending = app.state::<Pending>();
    let slot = pending.0.lock().await;
    let Some(update) = slot.as_ref().filter(|u| u.version == found.version) else {
        automatic.set(None);
        return Ok(());
    };
    match download_and_install(console, update, |_| {}).await {
        Ok(()) => {
            automatic.set(Some((found, AutoInstall::Installed)));
            tracing::info!(version = %update.version, "update installed by itself; it runs at the next start");
            let _ = app.emit(
                "update-available",
                UpdateInfo {
                    auto_install: Some(AutoInstall::Installed),
                    ..info(update)
                },
            );
            Ok(())
        }
        Err(CommandError::Busy { .. }) => Ok(()),
        Err(e) => {
            // Not tried again every minute: the offer stays for the manager's "Install".
            automatic.set(None);
            Err(e)
        }
    }
}

admin_console_core::commands! {
    context: AppHandle;
    panel: "updates";
    /// Settings → Updates, with the version the last check found.
    pub async fn updates_settings(app) -> crate::updates::UpdateSettings {
        settings(app, &app.state::<Console>(), &app.state::<Pending>()).await
    }
    /// `None` when the installed version is the newest.
    pub async fn updates_check(app) -> Option<UpdateInfo> {
        check_now(app, &app.state::<Console>(), &app.state::<Pending>()).await
    }
    /// Downloads, verifies and installs the update the last check found.
    pub async fn updates_install(app) -> () {
        install_pending(app, &app.state::<Console>(), &app.state::<Pending>()).await
    }
    pub async fn updates_defer(app, defer_for: crate::updates::DeferFor) -> crate::updates::Deferral {
        defer_pending(&app.state::<Console>(), &app.state::<Pending>(), &app.state::<Automatic>(), defer_for).await
    }
    pub async fn updates_restart(app) -> () {
        app.restart()
    }
}
