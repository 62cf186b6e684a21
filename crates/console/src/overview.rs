//! The Overview panel: "is the service keeping its promises?" on one screen. The uptime of
//! this month, the last good backup and drill, the next maintenance and the month budgets,
//! and the open alerts come from the service (kept in the cache, shown offline with their
//! age); unread notifications and the last week's access changes come from the synced
//! feeds in the cache. A card that cannot be filled says why instead of staying blank.

use crate::error::CommandError;
use crate::host::Host;
use crate::kept::Kept;
use crate::maintenance::{self, MonthBudget};
use admin_api::{
    BackupAlertKind, BackupDrill, MaintenanceStatus, MaintenanceWindow, SlaMonth, SlaStatus,
    UserActivity,
};
use admin_client::{Client, ClientError};
use admin_policy::backup::STALE_AFTER_HOURS;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const SNAPSHOT: &str = "overview";
/// The access-changes card counts this far back.
const ACCESS_DAYS: i64 = 7;
/// The activity kinds that change who may do what (the access-changes card and timeline).
pub const ACCESS_KINDS: [&str; 7] = [
    "role_granted",
    "role_revoked",
    "locked_out",
    "unlocked",
    "two_factor_reset",
    "blocked",
    "unblocked",
];

/// The cards, in the order the panel shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardId {
    Uptime,
    Backups,
    Maintenance,
    Notifications,
    Alerts,
    Access,
}

/// Why a card has no figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Unavailable {
    /// The signed-in user's roles do not show it (the service answered 403).
    NotPermitted,
    /// The service has no uptime monitor to report on.
    NoMonitor,
    /// The feeds were never synced on this computer.
    NotSynced,
    /// The service answered with an error.
    Failed { message: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Missing {
    pub card: CardId,
    pub why: Unavailable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UptimeCard {
    #[ts(type = "number")]
    pub monitor_id: i64,
    pub monitor_name: String,
    /// This month so far, as the service measures it (4S-SLA): the proven ratio is null
    /// while nothing was measured; no data is never uptime.
    pub month: SlaMonth,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupsCard {
    pub last_good_at: Option<DateTime<Utc>>,
    /// Older than this, the last good backup is a warning (UQ-BACKUP-DAILY).
    #[ts(type = "number")]
    pub stale_after_hours: i64,
    pub last_drill: Option<BackupDrill>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MaintenanceCard {
    pub next_window: Option<MaintenanceWindow>,
    pub in_progress: Option<MaintenanceWindow>,
    /// Hours used of the 8 h cap (4S-MAINT-CAP), this month and next.
    pub this_month: MonthBudget,
    pub next_month: MonthBudget,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    MissedBackup,
    FailedBackup,
    FailedDrill,
    SlaAtRisk,
    SlaBreached,
    MaintenanceInProgress,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OverviewAlert {
    pub kind: AlertKind,
    pub at: DateTime<Utc>,
    pub message: String,
}

/// Access changes of the last 7 days, from the synced activity feed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AccessCard {
    pub since: Option<DateTime<Utc>>,
    pub grants: u32,
    pub revocations: u32,
    pub lockouts: u32,
    pub two_factor_resets: u32,
    pub blocks: u32,
}

/// What the service answered: kept in the cache as one copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceCards {
    pub uptime: Option<UptimeCard>,
    pub backups: Option<BackupsCard>,
    pub maintenance: Option<MaintenanceCard>,
    /// Open alerts: backups not yet cleared, the SLA at risk or breached, maintenance under way.
    pub alerts: Vec<OverviewAlert>,
    pub missing: Vec<Missing>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OverviewView {
    pub service: ServiceCards,
    /// Unread notifications in the cache; null before the feeds' first sync.
    #[ts(type = "number | null")]
    pub unread: Option<i64>,
    /// Null before the feeds' first sync.
    pub access: Option<AccessCard>,
    /// When the feeds behind `unread` and `access` were last synced.
    pub feeds_synced_at: Option<DateTime<Utc>>,
}

/// A part the service refused to this user becomes a reason on its card; offline and an
/// ended session stand, so the whole panel falls back to its kept copy or signs out.
fn part<T>(
    card: CardId,
    result: Result<T, ClientError>,
    missing: &mut Vec<Missing>,
) -> Result<Option<T>, ClientError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(e) if e.is_offline() => Err(e),
        Err(e) => match e.problem().map(|p| p.status) {
            Some(401) => Err(e),
            Some(403) => {
                missing.push(Missing {
                    card,
                    why: Unavailable::NotPermitted,
                });
                Ok(None)
            }
            _ => {
                missing.push(Missing {
                    card,
                    why: Unavailable::Failed {
                        message: e.to_string(),
                    },
                });
                Ok(None)
            }
        },
    }
}

async fn uptime_card(client: &Client) -> Result<Option<UptimeCard>, ClientError> {
    let monitors = client.monitors().await?;
    let Some(monitor) = monitors
        .iter()
        .find(|m| m.builtin)
        .or_else(|| monitors.first())
    else {
        return Ok(None);
    };
    let month = client.sla_history(monitor.id, 1).await?.into_iter().next();
    Ok(month.map(|month| UptimeCard {
        monitor_id: monitor.id,
        monitor_name: monitor.name.clone(),
        month,
    }))
}

struct BackupParts {
    card: BackupsCard,
    alerts: Vec<OverviewAlert>,
}

async fn backup_parts(client: &Client) -> Result<BackupParts, ClientError> {
    let backups = client.backups().await?;
    let drills = client.backup_drills().await?;
    let alerts = client.backup_alerts().await?;
    let open = crate::backups::open_alerts(&alerts, &backups, &drills);
    Ok(BackupParts {
        card: BackupsCard {
            last_good_at: backups
                .iter()
                .filter(|b| b.status == admin_api::BackupStatus::Ok)
                .map(|b| b.started_at)
                .max(),
            stale_after_hours: STALE_AFTER_HOURS,
            last_drill: drills.iter().max_by_key(|d| d.started_at).cloned(),
        },
        alerts: open
            .into_iter()
            .map(|a| OverviewAlert {
                kind: match a.kind {
                    BackupAlertKind::MissedBackup => AlertKind::MissedBackup,
                    BackupAlertKind::FailedBackup => AlertKind::FailedBackup,
                    BackupAlertKind::FailedDrill => AlertKind::FailedDrill,
                },
                at: a.at,
                message: a.message,
            })
            .collect(),
    })
}

fn maintenance_card(windows: Vec<MaintenanceWindow>, now: DateTime<Utc>) -> MaintenanceCard {
    let in_progress = windows
        .iter()
        .find(|w| w.status == MaintenanceStatus::InProgress)
        .cloned();
    let overview = maintenance::overview(windows, now);
    MaintenanceCard {
        next_window: overview.next_window,
        in_progress,
        this_month: overview.this_month,
        next_month: overview.next_month,
    }
}

/// The alerts the cards raise besides the backups' own.
fn card_alerts(cards: &ServiceCards, now: DateTime<Utc>) -> Vec<OverviewAlert> {
    let mut alerts = Vec::new();
    if let Some(uptime) = &cards.uptime {
        let kind = match uptime.month.status {
            Some(SlaStatus::AtRisk) => Some(AlertKind::SlaAtRisk),
            Some(SlaStatus::Breached) => Some(AlertKind::SlaBreached),
            _ => None,
        };
        if let Some(kind) = kind {
            alerts.push(OverviewAlert {
                kind,
                at: now,
                message: format!("{} in {}", uptime.monitor_name, uptime.month.month),
            });
        }
    }
    if let Some(window) = cards
        .maintenance
        .as_ref()
        .and_then(|m| m.in_progress.as_ref())
    {
        alerts.push(OverviewAlert {
            kind: AlertKind::MaintenanceInProgress,
            at: window.starts_at,
            message: window.title.clone(),
        });
    }
    alerts
}

async fn fetch(client: &Client, now: DateTime<Utc>) -> Result<ServiceCards, ClientError> {
    let mut missing = Vec::new();
    let uptime = part(CardId::Uptime, uptime_card(client).await, &mut missing)?;
    let uptime = match uptime {
        Some(Some(card)) => Some(card),
        Some(None) => {
            missing.push(Missing {
                card: CardId::Uptime,
                why: Unavailable::NoMonitor,
            });
            None
        }
        None => None,
    };
    let backups = part(CardId::Backups, backup_parts(client).await, &mut missing)?;
    let windows = part(
        CardId::Maintenance,
        client.maintenance_windows().await,
        &mut missing,
    )?;
    let (backups, mut alerts) = match backups {
        Some(parts) => (Some(parts.card), parts.alerts),
        None => (None, Vec::new()),
    };
    let mut cards = ServiceCards {
        uptime,
        backups,
        maintenance: windows.map(|w| maintenance_card(w, now)),
        alerts: Vec::new(),
        missing,
    };
    alerts.extend(card_alerts(&cards, now));
    alerts.sort_by_key(|a| std::cmp::Reverse(a.at));
    cards.alerts = alerts;
    Ok(cards)
}

/// Counts the access changes of `activities` since `since`.
pub fn access_card(activities: &[UserActivity], since: DateTime<Utc>) -> AccessCard {
    let mut card = AccessCard {
        since: Some(since),
        ..AccessCard::default()
    };
    for activity in activities.iter().filter(|a| a.at >= since) {
        let count = match activity.kind.as_str() {
            "role_granted" => &mut card.grants,
            "role_revoked" => &mut card.revocations,
            "locked_out" => &mut card.lockouts,
            "two_factor_reset" => &mut card.two_factor_resets,
            "blocked" => &mut card.blocks,
            _ => continue,
        };
        *count += 1;
    }
    card
}

/// The cached access activities (every kind in [`ACCESS_KINDS`]) newer than `since`,
/// newest first.
pub async fn cached_access_changes(
    host: &impl Host,
    profile: &str,
    since: DateTime<Utc>,
) -> Result<Vec<UserActivity>, CommandError> {
    // A year of a large account's lockouts and grants fits well within this.
    const PER_KIND: u32 = 20_000;
    let mut out = Vec::new();
    for kind in ACCESS_KINDS {
        let rows = host
            .cache()
            .activities(profile, None, Some(kind), PER_KIND)
            .await?;
        out.extend(rows.into_iter().filter(|a| a.at >= since));
    }
    out.sort_by_key(|a| std::cmp::Reverse((a.at, a.id)));
    Ok(out)
}

crate::commands! {
    host;
    panel: "overview";
    /// The status cards: the service's figures (the kept copy offline) and the feeds' counts
    /// from the cache.
    pub async fn overview_view(host) -> Kept<OverviewView> {
        let (client, session) = host.session().await?;
        let profile = session.profile.id;
        let now = host.now();
        let fetched = fetch(&client, now).await;
        let kept = crate::kept::fetched_or_kept(host, &profile, SNAPSHOT, fetched).await?;
        let feeds_synced_at = host.cache().feeds_synced_at(&profile).await?;
        let (unread, access) = match feeds_synced_at {
            Some(_) => {
                let since = now - Duration::days(ACCESS_DAYS);
                let changes = cached_access_changes(host, &profile, since).await?;
                (
                    Some(host.cache().unread_notifications(&profile).await?),
                    Some(access_card(&changes, since)),
                )
            }
            None => (None, None),
        };
        let mut service = kept.value;
        if feeds_synced_at.is_none() {
            for card in [CardId::Notifications, CardId::Access] {
                service.missing.push(Missing { card, why: Unavailable::NotSynced });
            }
        }
        Ok(Kept {
            value: OverviewView {
                service,
                unread,
                access,
                feeds_synced_at,
            },
            fetched_at: kept.fetched_at,
            from_cache: kept.from_cache,
        })
    }
}

#[cfg(test)]
#[path = "overview_tests.rs"]
mod tests;
