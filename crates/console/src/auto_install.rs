//! Installing a weekly update without work from the manager (4S-UPDATES-WEEKLY), without
//! Tauri: when the schedule finds a version, the manager is told at once; after a notice
//! period in which "Later" still stops it, it installs by itself the next time the console
//! is idle (no sync, export or dialog held), and the new version runs at the next start.
//! Where installing needs an administrator password (a .deb or .rpm through pkexec, a
//! per-machine Windows installer), nothing installs silently: the manager is asked instead.
//!
//! The adapter (`src-tauri/src/updater.rs`) asks [`next_step`] every minute and does the
//! download and install; the idle check and the claim are one step there
//! (`updates::claim_install`), so nothing starts between them.

use crate::busy::Activity;
use crate::error::CommandError;
use crate::host::Host;
use crate::updates;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Between telling the manager and installing: time to read the notes and press "Later".
pub const NOTICE: Duration = Duration::minutes(30);

/// A version the weekly schedule found, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub version: String,
    pub found_at: DateTime<Utc>,
}

/// How the app was installed, which decides whether replacing it needs an administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installer {
    AppImage,
    Deb,
    Rpm,
    Msi,
    Nsis,
    App,
    /// Not from a bundle (a development build): the updater cannot tell, so ask.
    Unknown,
}

/// Whether the install asks for an administrator's password: the Linux packages go through
/// pkexec, and the Windows installers are per machine (`installMode: perMachine`, UAC).
/// An AppImage or a macOS app bundle is replaced in place by its owner.
pub fn needs_administrator(installer: Installer) -> bool {
    !matches!(installer, Installer::AppImage | Installer::App)
}

/// What the automatic install does about a found version, told to the manager with the
/// offer (`UpdateInfo::auto_install`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AutoInstall {
    /// Installs by itself when the console is idle, not before `after`.
    WhenIdle { after: DateTime<Utc> },
    /// Installing needs an administrator password: the manager chooses when.
    NeedsPassword,
    /// Installed; the new version runs at the next start.
    Installed,
}

/// What to do now about a found version.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Automatic updates are off, or the policy file forbids installing unasked.
    Off,
    /// "Later" put this version off.
    PutOff,
    /// The manager was told; "Later" can still stop it until then.
    Notice { until: DateTime<Utc> },
    /// Something is running; tried again at the next tick.
    Busy(Vec<Activity>),
    /// An administrator password is needed: ask, never install silently.
    AskForPassword,
    /// Idle and due: download and install.
    Install,
}

/// What the manager is told when the schedule finds a version.
pub fn announce(found: &Found, installer: Installer) -> AutoInstall {
    if needs_administrator(installer) {
        AutoInstall::NeedsPassword
    } else {
        AutoInstall::WhenIdle {
            after: found.found_at + NOTICE,
        }
    }
}

/// Decides from the settings, the policy file, "Later", the clock and the busy registry.
pub async fn next_step(
    host: &impl Host,
    found: &Found,
    installer: Installer,
    now: DateTime<Utc>,
) -> Result<Step, CommandError> {
    let settings = updates::update_settings(host, now, "").await?;
    let forbidden =
        updates::update_policy(host).is_some_and(|p| p.automatic_install == Some(false));
    if !settings.automatic || forbidden {
        return Ok(Step::Off);
    }
    if !updates::should_offer(host, &found.version, now).await? {
        return Ok(Step::PutOff);
    }
    if needs_administrator(installer) {
        return Ok(Step::AskForPassword);
    }
    let until = found.found_at + NOTICE;
    if now < until {
        return Ok(Step::Notice { until });
    }
    let active = host.busy().active();
    if !active.is_empty() {
        return Ok(Step::Busy(active));
    }
    Ok(Step::Install)
}
