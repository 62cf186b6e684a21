//! One time-ordered list of what happened to the service: maintenance windows, outages,
//! backups and drills, access changes, change notices and installed updates. The service's
//! parts are fetched together and kept in the cache (the kept copy offline); the access
//! changes come from the synced activity feed in the cache, so the list works offline.

use crate::kept::Kept;
use crate::overview::cached_access_changes;
use admin_api::{
    Backup, BackupAlert, BackupAlertKind, BackupDrill, BackupStatus, IncidentView,
    MaintenanceStatus, MaintenanceWindow, Release, RestoreRequest, RestoreStatus, UserActivity,
};
use admin_client::{Client, ClientError};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const SNAPSHOT: &str = "timeline";
/// How far back the timeline reaches.
const DAYS: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Maintenance,
    Incident,
    Backup,
    Access,
    Change,
    Update,
}

impl TimelineKind {
    /// The panel that shows the item.
    fn panel(self) -> &'static str {
        match self {
            TimelineKind::Maintenance => "maintenance",
            TimelineKind::Incident => "uptime",
            TimelineKind::Backup => "backups",
            TimelineKind::Access => "activity",
            TimelineKind::Change | TimelineKind::Update => "settings",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelineEvent {
    /// Unique in the list: the kind, the item and what happened to it.
    pub key: String,
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    /// What happened, e.g. `maintenance_started`, `incident_ended`, `drill_failed`,
    /// `role_granted`, `update_installed`.
    pub what: String,
    pub title: String,
    pub detail: String,
    /// The panel that opens the item (a sidebar id in the UI).
    pub panel: String,
    /// The item in that panel: a window, a backup, a user, a release.
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    /// An outage's time to fix in business seconds (4S-CRITICAL-FIX).
    #[ts(type = "number | null")]
    pub time_to_fix_business_s: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Timeline {
    /// Newest first.
    pub events: Vec<TimelineEvent>,
    /// Kinds the signed-in user's roles do not show.
    pub not_permitted: Vec<TimelineKind>,
}

fn event(
    kind: TimelineKind,
    what: &str,
    at: DateTime<Utc>,
    item_id: Option<i64>,
    title: impl Into<String>,
    detail: impl Into<String>,
) -> TimelineEvent {
    TimelineEvent {
        key: format!("{what}-{}-{}", item_id.unwrap_or_default(), at.timestamp()),
        at,
        kind,
        what: what.to_string(),
        title: title.into(),
        detail: detail.into(),
        panel: kind.panel().to_string(),
        item_id,
        time_to_fix_business_s: None,
    }
}

/// A window's announcement, start and end (or cancellation), as far as they have happened.
pub fn maintenance_events(windows: &[MaintenanceWindow], now: DateTime<Utc>) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    for w in windows {
        let m = |what, at| {
            event(
                TimelineKind::Maintenance,
                what,
                at,
                Some(w.id),
                &w.title,
                &w.impact,
            )
        };
        if let Some(announced) = w.announced_at.filter(|at| *at <= now) {
            out.push(m("maintenance_announced", announced));
        }
        if w.status == MaintenanceStatus::Cancelled {
            continue;
        }
        if w.starts_at <= now {
            out.push(m("maintenance_started", w.starts_at));
        }
        if w.ends_at <= now {
            out.push(m("maintenance_ended", w.ends_at));
        }
    }
    out
}

/// An outage's start and end, the end with its time to fix in business hours.
pub fn incident_events(monitor: &str, incidents: &[IncidentView]) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    for i in incidents {
        let note = i.note.clone().unwrap_or_default();
        out.push(event(
            TimelineKind::Incident,
            "incident_started",
            i.started_at,
            None,
            monitor,
            &note,
        ));
        if let Some(ended) = i.ended_at {
            let mut ended = event(
                TimelineKind::Incident,
                "incident_ended",
                ended,
                None,
                monitor,
                &note,
            );
            ended.time_to_fix_business_s = i.time_to_fix_business_s;
            out.push(ended);
        }
    }
    out
}

/// Failed and missed backups, failed drills, and restores done.
pub fn backup_events(
    backups: &[Backup],
    drills: &[BackupDrill],
    alerts: &[BackupAlert],
    restores: &[RestoreRequest],
) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    for b in backups.iter().filter(|b| b.status == BackupStatus::Failed) {
        let why = b.error.clone().unwrap_or_default();
        out.push(event(
            TimelineKind::Backup,
            "backup_failed",
            b.started_at,
            Some(b.id),
            b.local_date.to_string(),
            why,
        ));
    }
    for a in alerts
        .iter()
        .filter(|a| a.kind == BackupAlertKind::MissedBackup)
    {
        out.push(event(
            TimelineKind::Backup,
            "backup_missed",
            a.at,
            None,
            "",
            &a.message,
        ));
    }
    for d in drills.iter().filter(|d| !d.passed) {
        let why = d.reason.clone().unwrap_or_default();
        out.push(event(
            TimelineKind::Backup,
            "drill_failed",
            d.started_at,
            Some(d.backup_id),
            "",
            why,
        ));
    }
    for r in restores.iter().filter(|r| r.status == RestoreStatus::Done) {
        if let Some(done) = r
            .steps
            .iter()
            .rev()
            .find(|s| s.status == RestoreStatus::Done)
        {
            out.push(event(
                TimelineKind::Backup,
                "restored",
                done.at,
                Some(r.backup_id),
                "",
                done.note.clone().unwrap_or_default(),
            ));
        }
    }
    out
}

/// Larger changes when announced (4S-CHANGE-NOTICE), and every release once shipped.
pub fn release_events(releases: &[Release], now: DateTime<Utc>) -> Vec<TimelineEvent> {
    let mut out = Vec::new();
    for r in releases {
        if r.larger_change && r.announced_at <= now {
            out.push(event(
                TimelineKind::Change,
                "change_announced",
                r.announced_at,
                Some(r.id),
                &r.title,
                &r.description,
            ));
        }
        if r.ships_at <= now {
            out.push(event(
                TimelineKind::Update,
                "update_installed",
                r.ships_at,
                Some(r.id),
                &r.title,
                &r.description,
            ));
        }
    }
    out
}

pub fn access_events(activities: &[UserActivity]) -> Vec<TimelineEvent> {
    activities
        .iter()
        .map(|a| {
            let mut e = event(
                TimelineKind::Access,
                &a.kind,
                a.at,
                Some(a.user_id),
                &a.username,
                &a.detail,
            );
            // Two changes to one user in one second stay two rows.
            e.key = format!("activity-{}", a.id);
            e
        })
        .collect()
}

/// Runs a part; a part the service refuses to this user is left out and named.
async fn part<T: Default>(
    kind: TimelineKind,
    fetched: impl std::future::Future<Output = Result<T, ClientError>>,
    not_permitted: &mut Vec<TimelineKind>,
) -> Result<T, ClientError> {
    match fetched.await {
        Err(e) if e.problem().is_some_and(|p| p.status == 403) => {
            not_permitted.push(kind);
            Ok(T::default())
        }
        other => other,
    }
}

async fn fetch(client: &Client, now: DateTime<Utc>) -> Result<Timeline, ClientError> {
    let from = now - Duration::days(DAYS);
    let mut not_permitted = Vec::new();
    let mut events = maintenance_events(&client.maintenance_windows().await?, now);
    let incidents = part(
        TimelineKind::Incident,
        async {
            let monitors = client.monitors().await?;
            let mut out = Vec::new();
            for m in &monitors {
                out.extend(incident_events(
                    &m.name,
                    &client.incidents(m.id, from, now).await?,
                ));
            }
            Ok(out)
        },
        &mut not_permitted,
    )
    .await?;
    events.extend(incidents);
    let backups = part(
        TimelineKind::Backup,
        async {
            Ok(backup_events(
                &client.backups().await?,
                &client.backup_drills().await?,
                &client.backup_alerts().await?,
                &client.restore_requests().await?,
            ))
        },
        &mut not_permitted,
    )
    .await?;
    events.extend(backups);
    events.extend(release_events(&client.releases().await?, now));
    events.retain(|e| e.at >= from);
    Ok(Timeline {
        events,
        not_permitted,
    })
}

crate::commands! {
    host;
    panel: "overview";
    /// The last year's events, newest first: the service's kept in the cache (the kept copy
    /// offline), the access changes from the synced activity feed.
    pub async fn overview_timeline(host) -> Kept<Timeline> {
        let (client, session) = host.session().await?;
        let profile = session.profile.id;
        let now = host.now();
        let fetched = fetch(&client, now).await;
        let mut kept = crate::kept::fetched_or_kept(host, &profile, SNAPSHOT, fetched).await?;
        let access = cached_access_changes(host, &profile, now - Duration::days(DAYS)).await?;
        kept.value.events.extend(access_events(&access));
        kept.value.events.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.key.cmp(&b.key)));
        Ok(kept)
    }
}
