//! The backups panel's data: 90 nights as a heatmap, the age of the last good backup, the
//! last restore drill, the open alerts, the kept snapshots and the restore requests with
//! the steps the signed-in user may take. The last answer is kept in the cache and shown
//! offline with its age, as the uptime panel does.

use crate::error::CommandError;
use crate::host::Host;
use crate::kept::Kept;
use admin_api::{
    Account, Backup, BackupAlert, BackupAlertKind, BackupDrill, BackupStatus, Channel,
    NewRestoreRequest, RestoreRequest, RestoreRequestPatch, RestoreStatus, RetentionClass, Role,
};
use admin_client::{Client, ClientError};
use admin_policy::backup::STALE_AFTER_HOURS;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

const SNAPSHOT: &str = "backups";
/// The backup schedule's zone: a night belongs to its Helsinki date (4S-BACKUP-NIGHTLY).
const TIME_ZONE: Tz = chrono_tz::Europe::Helsinki;
const DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupDayState {
    /// Backed up, and a restore drill of that snapshot passed (UQ-RESTORE-DRILL).
    Verified,
    BackedUp,
    /// The backup failed, or the restore drill of that night's snapshot did.
    Failed,
    /// No backup at all that night (FZ-BACKUP-DAILY).
    Missed,
    /// Today, before tonight's backup has run.
    Pending,
    /// Before the first backup on record.
    NoRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupDay {
    pub date: NaiveDate,
    pub state: BackupDayState,
    /// Why a failed night failed: the backup's error or the drill's reason.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreRequestView {
    pub request: RestoreRequest,
    pub account_name: String,
    pub channel_name: Option<String>,
    /// When the chosen snapshot was taken.
    pub snapshot_taken_at: Option<DateTime<Utc>>,
    /// The steps the signed-in user may take next; the service enforces the same rule.
    pub next_steps: Vec<RestoreStatus>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupsView {
    /// Oldest first, ending today (Helsinki).
    pub days: Vec<BackupDay>,
    pub last_good_at: Option<DateTime<Utc>>,
    /// Older than this, the last good backup is a warning (UQ-BACKUP-DAILY).
    #[ts(type = "number")]
    pub stale_after_hours: i64,
    pub last_drill: Option<BackupDrill>,
    /// Alerts nothing has cleared since: a good backup after a missed or failed night, a
    /// passed drill after a failed one.
    pub open_alerts: Vec<BackupAlert>,
    /// Kept snapshots, daily and weekly, newest first: what a restore can go back to.
    pub snapshots: Vec<Backup>,
    pub requests: Vec<RestoreRequestView>,
    /// The channels a partial restore may name: those of the signed-in user's account.
    pub channels: Vec<Channel>,
    /// Account Managers of an account ask for restores (4S-RESTORE-REQUEST).
    pub may_request: bool,
    pub time_zone: String,
}

/// What the service answered, before the console works anything out.
struct Fetched {
    backups: Vec<Backup>,
    drills: Vec<BackupDrill>,
    alerts: Vec<BackupAlert>,
    requests: Vec<RestoreRequest>,
    roles: Vec<Role>,
    own_account: Option<Account>,
    accounts: Vec<Account>,
    channels: Vec<Channel>,
}

/// Each of the `DAYS` Helsinki dates ending `today`, classified.
pub fn heatmap(backups: &[Backup], drills: &[BackupDrill], today: NaiveDate) -> Vec<BackupDay> {
    let first = backups.iter().map(|b| b.local_date).min();
    let mut by_date: HashMap<NaiveDate, Vec<&Backup>> = HashMap::new();
    for backup in backups {
        by_date.entry(backup.local_date).or_default().push(backup);
    }
    (0..DAYS)
        .rev()
        .map(|back| {
            let date = today - Duration::days(back);
            let night = by_date.get(&date).map(Vec::as_slice).unwrap_or_default();
            let good: Vec<i64> = night
                .iter()
                .filter(|b| b.status == BackupStatus::Ok)
                .map(|b| b.id)
                .collect();
            let tried: Vec<&BackupDrill> = drills
                .iter()
                .filter(|d| good.contains(&d.backup_id))
                .collect();
            let failed_backup = night.iter().find(|b| b.status == BackupStatus::Failed);
            let (state, reason) = if tried.iter().any(|d| d.passed) {
                (BackupDayState::Verified, None)
            } else if let Some(drill) = tried.first() {
                (BackupDayState::Failed, drill.reason.clone())
            } else if !good.is_empty() {
                (BackupDayState::BackedUp, None)
            } else if let Some(failed) = failed_backup {
                (BackupDayState::Failed, failed.error.clone())
            } else if date == today {
                (BackupDayState::Pending, None)
            } else if first.is_some_and(|f| date >= f) {
                (BackupDayState::Missed, None)
            } else {
                (BackupDayState::NoRecord, None)
            };
            BackupDay {
                date,
                state,
                reason,
            }
        })
        .collect()
}

/// The alerts not cleared by a later success of the same kind.
pub fn open_alerts(
    alerts: &[BackupAlert],
    backups: &[Backup],
    drills: &[BackupDrill],
) -> Vec<BackupAlert> {
    let last_good = backups
        .iter()
        .filter(|b| b.status == BackupStatus::Ok)
        .map(|b| b.started_at)
        .max();
    let last_pass = drills
        .iter()
        .filter(|d| d.passed)
        .map(|d| d.started_at)
        .max();
    alerts
        .iter()
        .filter(|a| {
            let cleared_by = match a.kind {
                BackupAlertKind::MissedBackup | BackupAlertKind::FailedBackup => last_good,
                BackupAlertKind::FailedDrill => last_pass,
            };
            cleared_by.is_none_or(|t| t < a.at)
        })
        .cloned()
        .collect()
}

fn view(data: Fetched, now: DateTime<Utc>) -> BackupsView {
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let taken: HashMap<i64, DateTime<Utc>> =
        data.backups.iter().map(|b| (b.id, b.started_at)).collect();
    let account_names: HashMap<i64, &str> = data
        .accounts
        .iter()
        .map(|a| (a.id, a.name.as_str()))
        .collect();
    let channel_names: HashMap<i64, &str> = data
        .channels
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let own = data.own_account.as_ref().map(|a| a.id);
    let requests = data
        .requests
        .iter()
        .map(|r| {
            // A manager moves only their own account's requests; the service says the same.
            let roles: Vec<Role> = data
                .roles
                .iter()
                .copied()
                .filter(|role| *role != Role::AccountManager || own == Some(r.account_id))
                .collect();
            RestoreRequestView {
                account_name: account_names
                    .get(&r.account_id)
                    .map_or_else(|| format!("#{}", r.account_id), |n| n.to_string()),
                channel_name: r.channel_id.map(|c| {
                    channel_names
                        .get(&c)
                        .map_or(format!("#{c}"), |n| n.to_string())
                }),
                snapshot_taken_at: taken.get(&r.backup_id).copied(),
                next_steps: r.status.steps_for(&roles),
                request: r.clone(),
            }
        })
        .collect();
    BackupsView {
        days: heatmap(&data.backups, &data.drills, today),
        last_good_at: data
            .backups
            .iter()
            .filter(|b| b.status == BackupStatus::Ok)
            .map(|b| b.started_at)
            .max(),
        stale_after_hours: STALE_AFTER_HOURS,
        last_drill: data.drills.iter().max_by_key(|d| d.started_at).cloned(),
        open_alerts: open_alerts(&data.alerts, &data.backups, &data.drills),
        snapshots: data
            .backups
            .iter()
            .filter(|b| b.status == BackupStatus::Ok && b.retention != RetentionClass::Expired)
            .cloned()
            .collect(),
        requests,
        channels: data
            .channels
            .iter()
            .filter(|c| Some(c.account_id) == own)
            .cloned()
            .collect(),
        may_request: own.is_some() && data.roles.contains(&Role::AccountManager),
        time_zone: TIME_ZONE.name().to_string(),
    }
}

async fn fetch(client: &Client) -> Result<Fetched, ClientError> {
    // Read fresh: a role revoked a moment ago must not leave its buttons behind.
    let me = client.me().await?;
    let requests = client.restore_requests().await?;
    let accounts = client.accounts().await?;
    // Channels only of the accounts on screen: the own one and those with requests.
    let wanted: BTreeSet<i64> = requests
        .iter()
        .map(|r| r.account_id)
        .chain(me.account.as_ref().map(|a| a.id))
        .collect();
    let mut channels = Vec::new();
    for account in &wanted {
        channels.extend(client.channels(*account).await?);
    }
    Ok(Fetched {
        backups: client.backups().await?,
        drills: client.backup_drills().await?,
        alerts: client.backup_alerts().await?,
        requests,
        roles: me.assignments.iter().map(|a| a.role).collect(),
        own_account: me.account,
        accounts,
        channels,
    })
}

pub async fn request_restore(
    host: &impl Host,
    new: NewRestoreRequest,
) -> Result<RestoreRequest, CommandError> {
    let client = host.client().await?;
    host.after_call(client.create_restore_request(&new).await)
        .await
}

crate::commands! {
    host;
    panel: "backups";
    pub async fn backups_overview(host) -> Kept<BackupsView> {
        let (client, session) = host.session().await?;
        let profile = &session.profile.id;
        let fetched = fetch(&client).await.map(|f| view(f, host.now()));
        crate::kept::fetched_or_kept(host, profile, SNAPSHOT, fetched).await
    }

    pub async fn backups_request_restore(host, request: NewRestoreRequest) -> RestoreRequest {
        request_restore(host, request).await
    }

    pub async fn backups_step_restore(
        host,
        id: i64,
        patch: RestoreRequestPatch,
    ) -> RestoreRequest {
        let client = host.client().await?;
        host.after_call(client.update_restore_request(id, &patch).await)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn backup(id: i64, local: NaiveDate, ok: bool) -> Backup {
        let at = TIME_ZONE
            .from_local_datetime(&local.and_hms_opt(2, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        Backup {
            id,
            started_at: at,
            local_date: local,
            status: if ok {
                BackupStatus::Ok
            } else {
                BackupStatus::Failed
            },
            size_bytes: ok.then_some(4_000_000),
            sha256: ok.then(|| "ab".repeat(32)),
            row_counts: None,
            duration_ms: Some(400),
            error: (!ok).then(|| "disk full".into()),
            retention: RetentionClass::Daily,
        }
    }

    fn drill(backup: &Backup, passed: bool) -> BackupDrill {
        BackupDrill {
            id: backup.id,
            backup_id: backup.id,
            started_at: backup.started_at + Duration::minutes(30),
            passed,
            reason: (!passed).then(|| "checksum mismatch".into()),
            duration_ms: 2_000,
        }
    }

    /// Clauses FZ-BACKUP-DAILY and UQ-RESTORE-DRILL: each night reads as verified, backed
    /// up, failed (backup or drill, with the reason) or missed; today is pending until it runs.
    #[test]
    fn fz_backup_daily_heatmap_states() {
        let today = date(2026, 11, 23);
        let first = today - Duration::days(10);
        let backups: Vec<Backup> = (1..=10)
            .filter(|back| *back != 4)
            .map(|back| backup(back, today - Duration::days(back), back != 6))
            .collect();
        let drills = vec![drill(&backups[0], true), drill(&backups[1], false)];
        let days = heatmap(&backups, &drills, today);
        assert_eq!(days.len(), 90);
        assert_eq!(days[89].date, today);
        let state = |d: NaiveDate| days.iter().find(|x| x.date == d).unwrap();
        assert_eq!(state(today).state, BackupDayState::Pending);
        assert_eq!(
            state(today - Duration::days(1)).state,
            BackupDayState::Verified
        );
        let failed_drill = state(today - Duration::days(2));
        assert_eq!(failed_drill.state, BackupDayState::Failed);
        assert_eq!(failed_drill.reason.as_deref(), Some("checksum mismatch"));
        assert_eq!(
            state(today - Duration::days(3)).state,
            BackupDayState::BackedUp
        );
        assert_eq!(
            state(today - Duration::days(4)).state,
            BackupDayState::Missed
        );
        let failed = state(today - Duration::days(6));
        assert_eq!(
            (failed.state, failed.reason.as_deref()),
            (BackupDayState::Failed, Some("disk full"))
        );
        assert_eq!(state(first).state, BackupDayState::BackedUp);
        assert_eq!(
            state(first - Duration::days(1)).state,
            BackupDayState::NoRecord
        );
    }

    /// Clause FZ-BACKUP-DAILY: a missed night's alert stays open until a good backup follows;
    /// a failed drill's until a drill passes.
    #[test]
    fn fz_backup_daily_alerts_stay_open_until_cleared() {
        let b1 = backup(1, date(2026, 11, 20), true);
        let alert = |id, kind, day: u32| BackupAlert {
            id,
            at: Utc.with_ymd_and_hms(2026, 11, day, 4, 0, 0).unwrap(),
            kind,
            message: String::new(),
        };
        let alerts = vec![
            alert(1, BackupAlertKind::MissedBackup, 19),
            alert(2, BackupAlertKind::MissedBackup, 21),
            alert(3, BackupAlertKind::FailedDrill, 20),
        ];
        let failed = drill(&b1, false);
        let open: Vec<i64> = open_alerts(
            &alerts,
            std::slice::from_ref(&b1),
            std::slice::from_ref(&failed),
        )
        .iter()
        .map(|a| a.id)
        .collect();
        assert_eq!(open, [2, 3]);
        let mut passed = drill(&b1, true);
        passed.started_at = Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap();
        let open: Vec<i64> = open_alerts(&alerts, &[b1], &[failed, passed])
            .iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(open, [2]);
    }
}
