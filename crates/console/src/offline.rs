//! Every panel usable offline, not only the ones opened while online: "Sync everything"
//! and the background sync run each panel's own read once, and each read keeps its copy
//! (`crate::kept`). The background sync runs at the cadence set in Settings and waits
//! while the service cannot be reached or the connection is metered.

use crate::error::CommandError;
use crate::host::Host;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;

/// One part of the full sync, in the order it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPart {
    Overview,
    Roles,
    Users,
    SecuritySettings,
    Activity,
    Backups,
    Maintenance,
    Announcements,
    Uptime,
    Features,
    Residency,
    AuditLog,
}

const PARTS: u32 = 12;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FullSyncProgress {
    /// Parts finished so far, of `total`.
    pub done: u32,
    pub total: u32,
    /// The part now running; `None` once all have run.
    pub part: Option<SyncPart>,
}

/// A part the service refused or failed; the other parts were kept all the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NotSynced {
    pub part: SyncPart,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FullSyncReport {
    pub finished_at: DateTime<Utc>,
    pub not_synced: Vec<NotSynced>,
}

/// Why the background sync is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPaused {
    Offline,
    Metered,
}

/// What Settings shows of the offline copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OfflineStatus {
    #[ts(type = "number")]
    pub cache_bytes: i64,
    /// When "Sync everything" or the background sync last finished for this workspace.
    pub last_full_sync: Option<DateTime<Utc>>,
    pub cadence_minutes: u32,
    pub paused: Option<SyncPaused>,
    pub syncing: bool,
}

/// The full sync's state beside the console: one run at a time, and what the desktop
/// said of the connection's cost.
#[derive(Default)]
pub struct FullSyncState {
    running: tokio::sync::Mutex<()>,
    metered: AtomicBool,
}

impl FullSyncState {
    /// Set by the desktop, which asks the operating system.
    pub fn set_metered(&self, metered: bool) {
        self.metered.store(metered, Ordering::Relaxed);
    }

    fn metered(&self) -> bool {
        self.metered.load(Ordering::Relaxed)
    }
}

const CADENCE_KEY: &str = "offline_sync_cadence_minutes";
pub const DEFAULT_CADENCE_MINUTES: u32 = 5;
/// A day: a longer cadence would leave the copies older than the offline note's words.
const MAX_CADENCE_MINUTES: u32 = 24 * 60;

fn synced_key(profile: &str) -> String {
    format!("offline_synced_at:{profile}")
}

async fn cadence(host: &impl Host) -> Result<u32, CommandError> {
    Ok(host
        .cache()
        .setting(CADENCE_KEY)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CADENCE_MINUTES))
}

async fn last_full_sync(
    host: &impl Host,
    profile: &str,
) -> Result<Option<DateTime<Utc>>, CommandError> {
    Ok(host
        .cache()
        .setting(&synced_key(profile))
        .await?
        .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Runs the parts in turn, telling the notifier before each; a part the service refused
/// is noted and the rest go on, but offline or signed out the run stops there.
struct Run<'h, H: Host> {
    host: &'h H,
    done: u32,
    not_synced: Vec<NotSynced>,
}

impl<H: Host> Run<'_, H> {
    async fn part<T>(
        &mut self,
        part: SyncPart,
        work: impl Future<Output = Result<T, CommandError>>,
    ) -> Result<Option<T>, CommandError> {
        self.host.notifier().full_sync_progress(FullSyncProgress {
            done: self.done,
            total: PARTS,
            part: Some(part),
        });
        let result = work.await;
        self.done += 1;
        match result {
            Ok(value) => Ok(Some(value)),
            Err(e @ (CommandError::Offline { .. } | CommandError::Unauthorized { .. })) => Err(e),
            Err(e) => {
                tracing::info!(?part, error = %e, "a part of the full sync was not kept");
                self.not_synced.push(NotSynced {
                    part,
                    message: e.to_string(),
                });
                Ok(None)
            }
        }
    }
}

/// Every panel's read, once; each keeps its copy. Parts only some roles may read (an
/// account's security settings) are kept where the service answers.
pub async fn sync_everything(host: &impl Host) -> Result<FullSyncReport, CommandError> {
    let profile = host.session().await?.1.profile.id;
    let _one_at_a_time = host.full_sync().running.lock().await;
    let mut run = Run {
        host,
        done: 0,
        not_synced: Vec::new(),
    };
    run.part(SyncPart::Overview, async {
        crate::overview::overview_view(host).await?;
        crate::timeline::overview_timeline(host).await
    })
    .await?;
    let roles = run
        .part(SyncPart::Roles, crate::roles::roles_overview(host))
        .await?;
    run.part(SyncPart::Users, crate::roles::sync_all_users(host))
        .await?;
    let accounts: Vec<i64> = roles
        .map(|r| r.tree.iter().map(|n| n.account.id).collect())
        .unwrap_or_default();
    run.part(SyncPart::SecuritySettings, async {
        for &account in &accounts {
            answered_or_refused(crate::roles::roles_security_settings(host, account).await)?;
            answered_or_refused(crate::uptime::uptime_business_calendar(host, account).await)?;
        }
        Ok(())
    })
    .await?;
    run.part(SyncPart::Activity, crate::activity::activity_sync(host))
        .await?;
    run.part(SyncPart::Backups, crate::backups::backups_overview(host))
        .await?;
    run.part(
        SyncPart::Maintenance,
        crate::maintenance::maintenance_overview(host),
    )
    .await?;
    run.part(SyncPart::Announcements, crate::notices::announcements(host))
        .await?;
    run.part(SyncPart::Uptime, sync_uptime(host)).await?;
    run.part(SyncPart::Features, crate::notices::notices_features(host))
        .await?;
    run.part(SyncPart::Residency, crate::residency::residency_view(host))
        .await?;
    run.part(SyncPart::AuditLog, crate::audit::audit_sync_now(host))
        .await?;
    let finished_at = host.now();
    host.cache()
        .set_setting(&synced_key(&profile), Some(&finished_at.to_rfc3339()))
        .await?;
    host.notifier().full_sync_progress(FullSyncProgress {
        done: PARTS,
        total: PARTS,
        part: None,
    });
    Ok(FullSyncReport {
        finished_at,
        not_synced: run.not_synced,
    })
}

/// A part some roles may not read: a refusal is what the panel shows online too.
fn answered_or_refused<T>(result: Result<T, CommandError>) -> Result<(), CommandError> {
    match result {
        Ok(_) | Err(CommandError::Forbidden { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The default monitor's view, each monitor's own, and each one's last 7 days of response
/// times (the panel's latency chart).
async fn sync_uptime(host: &impl Host) -> Result<(), CommandError> {
    let view = crate::uptime::uptime_view(host, None).await?;
    let now = host.now();
    for monitor in &view.monitors {
        crate::uptime::uptime_view(host, Some(monitor.id)).await?;
        crate::uptime::uptime_latency(host, monitor.id, now - Duration::days(7), now).await?;
    }
    Ok(())
}

/// What the background tick did.
#[derive(Debug, PartialEq)]
pub enum Tick {
    NotSignedIn,
    Paused(SyncPaused),
    NotDue,
    Synced(FullSyncReport),
}

/// Runs the full sync when the cadence says it is due (at once after a first sign-in),
/// unless offline or on a metered connection. Its requests do not count as the user's
/// activity (FZ-IDLE-30).
pub async fn background_tick(host: &impl Host) -> Result<Tick, CommandError> {
    let Ok((_, view)) = host.session().await else {
        return Ok(Tick::NotSignedIn);
    };
    let profile = view.profile.id;
    if let Some(paused) = paused(host) {
        return Ok(Tick::Paused(paused));
    }
    let due = match last_full_sync(host, &profile).await? {
        None => true,
        Some(at) => host.now() - at >= Duration::minutes(cadence(host).await?.into()),
    };
    if !due {
        return Ok(Tick::NotDue);
    }
    crate::origin::in_background(sync_everything(host))
        .await
        .map(Tick::Synced)
}

fn paused(host: &impl Host) -> Option<SyncPaused> {
    if !host.is_online() {
        Some(SyncPaused::Offline)
    } else if host.full_sync().metered() {
        Some(SyncPaused::Metered)
    } else {
        None
    }
}

async fn status(host: &impl Host) -> Result<OfflineStatus, CommandError> {
    let last_full_sync = match host.profile_id().await {
        Some(profile) => last_full_sync(host, &profile).await?,
        None => None,
    };
    Ok(OfflineStatus {
        cache_bytes: host.cache().size_bytes().await?,
        last_full_sync,
        cadence_minutes: cadence(host).await?,
        paused: paused(host),
        syncing: host.full_sync().running.try_lock().is_err(),
    })
}

crate::commands! {
    host;
    panel: "offline";
    pub async fn offline_status(host) -> OfflineStatus {
        status(host).await
    }

    /// Every panel's copy, now, with progress (`full-sync-progress` events).
    pub async fn offline_sync_everything(host) -> FullSyncReport {
        sync_everything(host).await
    }

    pub async fn offline_set_cadence(host, minutes: u32) -> OfflineStatus {
        if !(1..=MAX_CADENCE_MINUTES).contains(&minutes) {
            return Err(CommandError::invalid(
                "minutes",
                format!("the sync cadence is 1 to {MAX_CADENCE_MINUTES} minutes, not {minutes}"),
            ));
        }
        host.cache()
            .set_setting(CADENCE_KEY, Some(&minutes.to_string()))
            .await?;
        status(host).await
    }

    /// Forgets every copy; the token stays in the keyring, and what the service has not
    /// been told yet stays too. Waits for a running sync, which would write copies back.
    pub async fn offline_clear_cache(host) -> OfflineStatus {
        let _no_full_sync = host.full_sync().running.lock().await;
        let _no_audit_sync = host.audit_sync_lock().lock().await;
        host.cache().clear_copies().await?;
        for profile in host.cache().profiles().await? {
            host.cache().set_setting(&synced_key(&profile.id), None).await?;
        }
        status(host).await
    }
}
