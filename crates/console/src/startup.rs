//! What the console had to work around to start, as the shell's banner says it: no keyring
//! (tokens in memory for this run), and later a cache it had to set aside. The console
//! degrades and says so; it never stops for these.

use crate::console::Console;
use crate::error::CommandError;
use admin_cache::{Cache, CacheError};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StartupNotice {
    /// The system keyring could not be used: session tokens are held in memory for this
    /// run only, so the user signs in again at the next start. Nothing is written in its
    /// place.
    NoKeyring { reason: String },
    /// The cache file was damaged: it was set aside as `moved_to` and a fresh cache syncs
    /// again from the service. Said once: the next start finds a sound cache.
    CacheReset {
        moved_to: String,
        reason: String,
        /// Audit-the-auditor records and offline notification reads carried over, to be
        /// sent at the next sync.
        salvaged_unsent: u32,
        salvaged_profiles: u32,
    },
    /// The cache file comes from a newer release: it is left untouched, and this run works
    /// on a temporary cache that is gone when the console closes.
    NewerCache {
        path: String,
        #[ts(type = "number")]
        found: i64,
        #[ts(type = "number")]
        known: i64,
    },
    /// The disk holding the log folder filled: the console runs on, log lines wait for
    /// space (see `crate::logging::DiskFullNamed`).
    LogDiskFull { message: String },
}

/// The cache the console runs on, and what it had to do to get one.
pub(crate) struct OpenedCache {
    pub cache: Cache,
    pub notice: Option<StartupNotice>,
    /// The temporary folder of a run that could not use its cache (dropped at exit).
    pub scratch: Option<tempfile::TempDir>,
}

/// Opens `cache.sqlite` in the data folder; a damaged one is replaced, a newer one left
/// alone for a temporary cache: the console starts either way.
pub(crate) async fn open_cache(
    data_dir: &Path,
    now: DateTime<Utc>,
) -> Result<OpenedCache, CommandError> {
    match Cache::open_or_recover(&data_dir.join("cache.sqlite"), now).await {
        Ok((cache, recovery)) => Ok(OpenedCache {
            cache,
            notice: recovery.map(|r| StartupNotice::CacheReset {
                moved_to: r.moved_to.display().to_string(),
                reason: r.reason,
                salvaged_unsent: (r.salvaged.local_audit + r.salvaged.notification_reads) as u32,
                salvaged_profiles: r.salvaged.profiles as u32,
            }),
            scratch: None,
        }),
        Err(CacheError::NewerVersion { path, found, known }) => {
            tracing::warn!(path = %path.display(), found, known, "the cache is from a newer release: left untouched, this run uses a temporary cache");
            let scratch = tempfile::tempdir().map_err(|e| {
                CommandError::internal(format!("no temporary folder for this run's cache: {e}"))
            })?;
            let cache = Cache::open(&scratch.path().join("cache.sqlite")).await?;
            Ok(OpenedCache {
                cache,
                notice: Some(StartupNotice::NewerCache {
                    path: path.display().to_string(),
                    found,
                    known,
                }),
                scratch: Some(scratch),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The banner's notices, as they stand now (the keyring may refuse after start).
pub fn notices(console: &Console) -> Vec<StartupNotice> {
    let mut notices: Vec<StartupNotice> = console.cache_notice().into_iter().collect();
    if let Some(reason) = console.keyring_missing() {
        notices.push(StartupNotice::NoKeyring { reason });
    }
    if let Some(message) = crate::logging::disk_full() {
        notices.push(StartupNotice::LogDiskFull { message });
    }
    notices
}

crate::commands! {
    context: Console;
    panel: "startup";
    pub async fn startup_notices(console) -> Vec<StartupNotice> {
        Ok(notices(console))
    }

    /// The UI's first screen (a panel, or the welcome or sign-in screen) is drawn with its
    /// data: the work that waited for it starts now (`crate::first_panel`).
    pub async fn startup_first_panel_drawn(console, panel: String) -> () {
        if console.first_panel().mark_drawn() {
            let ms = console.first_panel().since_open().as_millis() as u64;
            tracing::info!(%panel, ms, "first panel drawn");
            // The start-up benchmark (scripts/bench-shell.sh) times this line.
            println!("first panel drawn: {panel} ({ms} ms after the console opened)");
        }
        Ok(())
    }
}
