//! Over 500 lines: the pack's model and the pure build of each section from the answers
//! belong together; the PDF and the CSV only read what this file decides.
//! The monthly compliance pack (issue 20): for one account and one Helsinki month, the
//! uptime, maintenance, backup and access evidence with the audit chain's head, as a PDF
//! and as a ZIP of CSV files. The service's answers are gathered online (and kept in the
//! cache under the month) or read back from the cache offline; a section the console could
//! not get says why instead of showing zeros. Building the pack from what was gathered is
//! pure, so the PDF, the CSV and the benchmark see the same figures.

pub mod cli;
pub mod csv;
mod gather;
pub mod pdf;
pub mod save;

pub use gather::{gather, gather_and_build, Gathered};

use admin_api::{
    AuditEvent, AuditOutcome, Backup, BackupAlert, BackupDrill, BackupStatus, DayBar, IncidentView,
    MaintenanceStatus, MaintenanceWindow, Monitor, RestoreRequest, SlaMonth, Violation,
};
use admin_policy::maintenance::{self as rules, BusinessHours, Month, HELSINKI};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The clauses each section gives evidence for, printed beside its heading.
pub const UPTIME_CLAUSES: &[&str] = &["4S-SLA", "4S-CRITICAL-FIX"];
pub const MAINTENANCE_CLAUSES: &[&str] = &["4S-MAINT-CAP", "4S-MAINT-WINDOW", "4S-MAINT-NOTICE"];
pub const BACKUP_CLAUSES: &[&str] = &[
    "4S-BACKUP-NIGHTLY",
    "FZ-BACKUP-DAILY",
    "UQ-RESTORE-DRILL",
    "4S-RESTORE-REQUEST",
];
pub const ACCESS_CLAUSES: &[&str] = &["UQ-RBAC", "UQ-LOCKOUT-3", "UQ-BLOCK", "UQ-PW-SELF"];
pub const EVIDENCE_CLAUSES: &[&str] = &["FZ-AUDIT"];

/// A month as `YYYY-MM`, strictly: scheduled jobs pass it and a typo must not pick another.
pub fn parse_month(text: &str) -> Result<Month, String> {
    let bad = || format!("the month {text:?} is not of the form YYYY-MM (e.g. 2026-11)");
    let (year, month) = text.split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || month.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || year < 1970 {
        return Err(bad());
    }
    Ok(Month::new(year, month))
}

pub fn month_label(month: Month) -> String {
    format!("{:04}-{:02}", month.year, month.month)
}

/// A part of the pack, or why the console could not give it.
#[derive(Debug, Clone, PartialEq)]
pub enum Section<T> {
    Ready(T),
    Unavailable { why: String },
}

impl<T> Section<T> {
    pub fn unavailable(why: impl Into<String>) -> Self {
        Section::Unavailable { why: why.into() }
    }

    pub fn ready(&self) -> Option<&T> {
        match self {
            Section::Ready(v) => Some(v),
            Section::Unavailable { .. } => None,
        }
    }
}

/// What the service answered for the month, kept in the cache as one copy per month so
/// the pack can be made again offline. A part the service refused holds its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answers {
    pub account: Option<String>,
    pub monitors: Vec<MonitorAnswers>,
    pub windows: Result<Vec<MaintenanceWindow>, String>,
    pub backups: Result<BackupAnswers, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonitorAnswers {
    pub monitor: Monitor,
    /// The service's SLA of the month; `None` when its history does not reach back so far.
    pub sla: Result<Option<SlaMonth>, String>,
    /// The days of the month the service's daily bars reach.
    pub daily: Result<Vec<DayBar>, String>,
    pub incidents: Result<Vec<IncidentView>, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupAnswers {
    pub backups: Vec<Backup>,
    pub drills: Vec<BackupDrill>,
    pub alerts: Vec<BackupAlert>,
    pub requests: Vec<RestoreRequest>,
}

/// The audit copy as the pack reads it: the month's access events, the chain head at the
/// month's end and how the copy stands.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditCopy {
    /// Allowed and locked-out events of the kinds the access section counts, oldest first.
    pub access_events: Vec<AuditEvent>,
    /// The last cached event before the month's end.
    pub head: Option<AuditEvent>,
    /// `Some(seq)`: the first cached event that does not fit its chain.
    pub broken_seq: Option<i64>,
    pub verified_events: u64,
    pub synced_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompliancePack {
    pub account: String,
    pub month: Month,
    pub generated_at: DateTime<Utc>,
    /// The month has not ended yet: its figures are so far.
    pub in_progress: bool,
    /// The answers came from the copy kept in the cache, fetched at this time.
    pub from_cache_as_of: Option<DateTime<Utc>>,
    pub uptime: Section<Vec<MonitorMonth>>,
    pub maintenance: Section<MaintenanceMonth>,
    pub backups: Section<BackupMonth>,
    pub access: Section<AccessMonth>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MonitorMonth {
    pub name: String,
    pub sla: Section<SlaMonth>,
    pub incidents: Section<Vec<IncidentView>>,
    pub daily: Section<Vec<DayBar>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MaintenanceMonth {
    /// Windows that overlap the month, cancelled ones included, by start.
    pub windows: Vec<WindowRow>,
    /// Minutes of the month inside non-cancelled windows, as the cap counts them.
    pub used_minutes: i64,
    pub cap_minutes: i64,
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WindowRow {
    pub title: String,
    pub announced_at: Option<DateTime<Utc>>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Entirely outside business hours (4S-MAINT-WINDOW).
    pub routine: bool,
    pub status: MaintenanceStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Night {
    BackedUp,
    Failed,
    Missed,
    /// Before the first backup on record: not counted as missed.
    NoRecord,
    /// Not yet run: tonight or later in the month in progress.
    Pending,
}

impl Night {
    pub fn as_str(self) -> &'static str {
        match self {
            Night::BackedUp => "backed up",
            Night::Failed => "failed",
            Night::Missed => "missed",
            Night::NoRecord => "no record",
            Night::Pending => "not yet",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BackupMonth {
    pub nights: Vec<(NaiveDate, Night)>,
    pub drills: Vec<BackupDrill>,
    /// Alerts still open at the month's end (or now, in the month in progress).
    pub open_alerts: Vec<BackupAlert>,
    /// Requests with a step in the month.
    pub restores: Vec<RestoreRequest>,
}

impl BackupMonth {
    pub fn count(&self, night: Night) -> usize {
        self.nights.iter().filter(|(_, n)| *n == night).count()
    }
}

/// The kinds of access change the pack lists; each is the route its audit event names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessKind {
    RoleGranted,
    RoleRevoked,
    LockedOut,
    Unlocked,
    TwoFactorReset,
    Blocked,
    Unblocked,
    PasswordChanged,
}

impl AccessKind {
    pub const ALL: [AccessKind; 8] = [
        AccessKind::RoleGranted,
        AccessKind::RoleRevoked,
        AccessKind::LockedOut,
        AccessKind::Unlocked,
        AccessKind::TwoFactorReset,
        AccessKind::Blocked,
        AccessKind::Unblocked,
        AccessKind::PasswordChanged,
    ];

    /// The audit action (method and route template) that records it.
    pub fn action(self) -> &'static str {
        match self {
            AccessKind::RoleGranted => "POST /api/v1/role-assignments",
            AccessKind::RoleRevoked => "DELETE /api/v1/role-assignments/{id}",
            AccessKind::LockedOut => "POST /api/v1/sessions",
            AccessKind::Unlocked => "POST /api/v1/users/{id}/unlock",
            AccessKind::TwoFactorReset => "DELETE /api/v1/users/{id}/totp",
            AccessKind::Blocked => "POST /api/v1/users/{id}/block",
            AccessKind::Unblocked => "POST /api/v1/users/{id}/unblock",
            AccessKind::PasswordChanged => "POST /api/v1/me/password",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessKind::RoleGranted => "role granted",
            AccessKind::RoleRevoked => "role revoked",
            AccessKind::LockedOut => "locked out",
            AccessKind::Unlocked => "unlocked",
            AccessKind::TwoFactorReset => "two-factor reset",
            AccessKind::Blocked => "blocked",
            AccessKind::Unblocked => "unblocked",
            AccessKind::PasswordChanged => "password changed",
        }
    }

    /// What an event counts as. A lockout is the refused attempt that locked its user,
    /// which names them (UQ-LOCKOUT-3): by sign-in or by password change alike. A 423 is
    /// only a try while locked, no new lockout. Every other kind is a change the service
    /// made (2xx).
    pub fn of(event: &AuditEvent) -> Option<AccessKind> {
        if event.outcome == AuditOutcome::Refused && event.subject.is_some() {
            return Some(AccessKind::LockedOut);
        }
        let kind = Self::ALL
            .into_iter()
            .find(|k| *k != AccessKind::LockedOut && k.action() == event.action)?;
        (200..300).contains(&event.status).then_some(kind)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccessRow {
    pub at: DateTime<Utc>,
    pub kind: AccessKind,
    /// Who did it (for a lockout, the username tried).
    pub who: String,
    /// Whom it was done to, by username. Events recorded before the service named the
    /// subject give the path instead (`path /api/v1/users/7/unlock`): an id, not a guess.
    pub whom: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccessMonth {
    pub rows: Vec<AccessRow>,
    pub counts: BTreeMap<AccessKind, usize>,
}

impl AccessMonth {
    /// Grants and revocations.
    pub fn role_changes(&self) -> usize {
        self.count(AccessKind::RoleGranted) + self.count(AccessKind::RoleRevoked)
    }

    pub fn count(&self, kind: AccessKind) -> usize {
        self.counts.get(&kind).copied().unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Sequence number and hash of the account's last event before the month's end.
    pub chain_head: Section<(i64, String)>,
    /// `Ok(n)`: the n cached events verified; `Err(seq)`: the first that does not.
    pub chain_verified: Section<Result<u64, i64>>,
    pub synced_at: Option<DateTime<Utc>>,
    pub console_version: &'static str,
}

/// The pack from the service's answers and the audit copy, as of `now`.
pub fn build(
    answers: Result<Answers, String>,
    audit: Result<AuditCopy, String>,
    month: Month,
    now: DateTime<Utc>,
) -> CompliancePack {
    let (from, to) = (month.starts_at(), month.ends_at());
    let in_progress = now < to;
    let account = answers
        .as_ref()
        .ok()
        .and_then(|a| a.account.clone())
        .unwrap_or_else(|| "(account not known)".into());
    let (uptime, maintenance, backups) = match &answers {
        Err(why) => (
            Section::unavailable(why.clone()),
            Section::unavailable(why.clone()),
            Section::unavailable(why.clone()),
        ),
        Ok(a) => (
            uptime(&a.monitors, month),
            match &a.windows {
                Ok(w) => maintenance(w, month),
                Err(why) => Section::unavailable(why.clone()),
            },
            match &a.backups {
                Ok(b) => backups(b, month, now),
                Err(why) => Section::unavailable(why.clone()),
            },
        ),
    };
    let (access, evidence) = match audit {
        Err(why) => (
            Section::unavailable(why.clone()),
            Evidence {
                chain_head: Section::unavailable(why.clone()),
                chain_verified: Section::unavailable(why),
                synced_at: None,
                console_version: env!("CARGO_PKG_VERSION"),
            },
        ),
        Ok(copy) => {
            // A sync after the month's end brought every event of the month.
            let covered = copy.synced_at.is_some_and(|s| s >= to);
            let access = if copy.synced_at.is_none() {
                Section::unavailable("the audit log has never been synced into the cache")
            } else if !in_progress && !covered {
                Section::unavailable(
                    "the cached audit log does not reach the month's end: sync it first",
                )
            } else {
                Section::Ready(access(&copy.access_events, from, to))
            };
            let chain_head = match &copy.head {
                Some(e) => Section::Ready((e.seq, e.hash.clone())),
                None => Section::unavailable("no cached audit event before the month's end"),
            };
            let chain_verified = match copy.broken_seq {
                _ if copy.synced_at.is_none() => {
                    Section::unavailable("the audit log has never been synced into the cache")
                }
                Some(seq) => Section::Ready(Err(seq)),
                None => Section::Ready(Ok(copy.verified_events)),
            };
            (
                access,
                Evidence {
                    chain_head,
                    chain_verified,
                    synced_at: copy.synced_at,
                    console_version: env!("CARGO_PKG_VERSION"),
                },
            )
        }
    };
    CompliancePack {
        account,
        month,
        generated_at: now,
        in_progress,
        from_cache_as_of: None,
        uptime,
        maintenance,
        backups,
        access,
        evidence,
    }
}

impl CompliancePack {
    /// Nothing at all is known of the month: no SLA, no window, no backup night, no event.
    pub fn has_no_data(&self) -> bool {
        let uptime = self
            .uptime
            .ready()
            .is_none_or(|m| m.iter().all(|m| m.sla.ready().is_none()));
        let maintenance = self
            .maintenance
            .ready()
            .is_none_or(|m| m.windows.is_empty());
        let backups = self.backups.ready().is_none_or(|b| {
            b.nights
                .iter()
                .all(|(_, n)| matches!(n, Night::NoRecord | Night::Pending))
        });
        let access = self.access.ready().is_none_or(|a| a.rows.is_empty());
        uptime && maintenance && backups && access
    }

    /// Why the pack cannot stand as proof, if it cannot: the cached audit chain does not
    /// verify (FZ-AUDIT).
    pub fn unproven(&self) -> Option<String> {
        match &self.evidence.chain_verified {
            Section::Ready(Err(seq)) => Some(format!(
                "the cached audit chain does not verify: event {seq} does not fit it"
            )),
            Section::Unavailable { why } => Some(why.clone()),
            Section::Ready(Ok(_)) => None,
        }
    }
}

fn uptime(monitors: &[MonitorAnswers], month: Month) -> Section<Vec<MonitorMonth>> {
    if monitors.is_empty() {
        return Section::unavailable("the account has no monitors");
    }
    let first = NaiveDate::from_ymd_opt(month.year, month.month, 1).expect("a real month");
    let last = month.ends_at().with_timezone(&HELSINKI).date_naive() - Duration::days(1);
    let label = month_label(month);
    let rows = monitors
        .iter()
        .map(|m| MonitorMonth {
            name: m.monitor.name.clone(),
            sla: match &m.sla {
                Ok(Some(sla)) if sla.month == label => Section::Ready(sla.clone()),
                Ok(_) => Section::unavailable(format!(
                    "the service's SLA history does not reach back to {label}"
                )),
                Err(why) => Section::unavailable(why.clone()),
            },
            incidents: match &m.incidents {
                Ok(list) => Section::Ready(list.clone()),
                Err(why) => Section::unavailable(why.clone()),
            },
            daily: match &m.daily {
                Ok(bars) => {
                    let bars: Vec<DayBar> = bars
                        .iter()
                        .filter(|b| b.date >= first && b.date <= last)
                        .cloned()
                        .collect();
                    if bars.is_empty() {
                        Section::unavailable(format!(
                            "the service's daily bars do not reach back to {label}"
                        ))
                    } else {
                        Section::Ready(bars)
                    }
                }
                Err(why) => Section::unavailable(why.clone()),
            },
        })
        .collect();
    Section::Ready(rows)
}

fn rule_window(w: &MaintenanceWindow) -> rules::Window {
    rules::Window {
        id: Some(w.id),
        starts_at: w.starts_at,
        ends_at: w.ends_at,
        announced_at: w.announced_at,
        cancelled: w.status == MaintenanceStatus::Cancelled,
    }
}

fn maintenance(windows: &[MaintenanceWindow], month: Month) -> Section<MaintenanceMonth> {
    let (from, to) = (month.starts_at(), month.ends_at());
    let all: Vec<rules::Window> = windows.iter().map(rule_window).collect();
    let mut rows: Vec<&MaintenanceWindow> = windows
        .iter()
        .filter(|w| w.starts_at < to && w.ends_at > from)
        .collect();
    rows.sort_by_key(|w| w.starts_at);
    let mut violations: Vec<Violation> = Vec::new();
    for w in &rows {
        for breach in rules::check_window(&rule_window(w), &all, BusinessHours::default()) {
            let v = Violation::from(&breach);
            if !violations.contains(&v) {
                violations.push(v);
            }
        }
    }
    Section::Ready(MaintenanceMonth {
        windows: rows
            .into_iter()
            .map(|w| WindowRow {
                title: w.title.clone(),
                announced_at: w.announced_at,
                starts_at: w.starts_at,
                ends_at: w.ends_at,
                routine: w.routine,
                status: w.status,
            })
            .collect(),
        used_minutes: rules::minutes_in_month(&all, month),
        cap_minutes: rules::MONTHLY_CAP_MINUTES,
        violations,
    })
}

fn backups(b: &BackupAnswers, month: Month, now: DateTime<Utc>) -> Section<BackupMonth> {
    let (from, to) = (month.starts_at(), month.ends_at());
    let end = to.min(now);
    let today = now.with_timezone(&HELSINKI).date_naive();
    let first_record = b.backups.iter().map(|x| x.local_date).min();
    let mut nights = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(month.year, month.month, 1).expect("a real month");
    while day.month() == month.month {
        let of_night: Vec<&Backup> = b.backups.iter().filter(|x| x.local_date == day).collect();
        let night = if of_night.iter().any(|x| x.status == BackupStatus::Ok) {
            Night::BackedUp
        } else if !of_night.is_empty() {
            Night::Failed
        } else if day >= today {
            Night::Pending
        } else if first_record.is_none_or(|f| day < f) {
            Night::NoRecord
        } else {
            Night::Missed
        };
        nights.push((day, night));
        day += Duration::days(1);
    }
    let before_end = |at: DateTime<Utc>| at < end;
    let backups_then: Vec<Backup> = b
        .backups
        .iter()
        .filter(|x| before_end(x.started_at))
        .cloned()
        .collect();
    let drills_then: Vec<BackupDrill> = b
        .drills
        .iter()
        .filter(|d| before_end(d.started_at))
        .cloned()
        .collect();
    let alerts_then: Vec<BackupAlert> = b
        .alerts
        .iter()
        .filter(|a| before_end(a.at))
        .cloned()
        .collect();
    let mut drills: Vec<BackupDrill> = drills_then
        .iter()
        .filter(|d| d.started_at >= from)
        .cloned()
        .collect();
    drills.sort_by_key(|d| d.started_at);
    let restores = b
        .requests
        .iter()
        .filter(|r| r.steps.iter().any(|s| s.at >= from && s.at < to))
        .cloned()
        .collect();
    Section::Ready(BackupMonth {
        nights,
        drills,
        open_alerts: crate::backups::open_alerts(&alerts_then, &backups_then, &drills_then),
        restores,
    })
}

fn access(events: &[AuditEvent], from: DateTime<Utc>, to: DateTime<Utc>) -> AccessMonth {
    let mut rows: Vec<AccessRow> = events
        .iter()
        .filter(|e| e.at >= from && e.at < to)
        .filter_map(|e| {
            let kind = AccessKind::of(e)?;
            let who = e.actor.clone().unwrap_or_else(|| "(unknown)".into());
            let whom = match (&e.subject, kind) {
                (Some(subject), _) => subject.clone(),
                // A password change is done to the actor themselves.
                (None, AccessKind::PasswordChanged) => who.clone(),
                (None, _) => format!("path {}", e.target),
            };
            Some(AccessRow {
                at: e.at,
                kind,
                who,
                whom,
            })
        })
        .collect();
    rows.sort_by_key(|r| r.at);
    let mut counts = BTreeMap::new();
    for row in &rows {
        *counts.entry(row.kind).or_insert(0) += 1;
    }
    AccessMonth { rows, counts }
}

/// Hours with two decimals, as the pack prints them: `8 h` cap, `2.50 h` used.
pub fn hours(minutes: i64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

/// A time in the month's zone, to the minute.
pub fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&HELSINKI)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

pub fn ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "no data".into(), |r| format!("{:.4} %", r * 100.0))
}
