//! Gathering a month's answers: from the service when it answers (and kept in the cache
//! under the month), from the kept copy when it cannot be reached; and the audit copy's
//! access events, chain head and verification from the cache, which the audit sync fills.

use super::{
    build, month_label, Answers, AuditCopy, BackupAnswers, CompliancePack, MonitorAnswers,
};
use crate::error::CommandError;
use crate::host::Host;
use admin_cache::audit::AUDIT_FEED;
use admin_cache::AuditQuery;
use admin_client::{Client, ClientError};
use admin_policy::maintenance::Month;
use chrono::{DateTime, Datelike, Utc};

/// The service's daily bars reach this many days back, today included.
const DAILY_DAYS_KEPT: i64 = 400;
/// The service's SLA history reaches this many months back, this month included.
const SLA_MONTHS_KEPT: i64 = 36;
const PAGE: u32 = 10_000;

pub struct Gathered {
    pub answers: Result<Answers, String>,
    /// The answers are the copy kept when they were fetched at this time.
    pub from_cache_as_of: Option<DateTime<Utc>>,
    pub audit: Result<AuditCopy, String>,
}

fn key(month: Month) -> String {
    format!("compliance-pack-{}", month_label(month))
}

/// A part the service refused stays in the pack as its reason; unreachable stops the
/// whole fetch, so that the kept copy is used instead.
fn part<T>(r: Result<T, ClientError>) -> Result<Result<T, String>, ClientError> {
    match r {
        Err(e) if e.is_offline() => Err(e),
        Err(e) => Ok(Err(format!("the service did not give it: {e}"))),
        Ok(v) => Ok(Ok(v)),
    }
}

fn months_between(earlier: Month, later: Month) -> i64 {
    i64::from(later.year - earlier.year) * 12 + i64::from(later.month) - i64::from(earlier.month)
}

async fn fetch(
    client: &Client,
    account: Option<String>,
    month: Month,
    now: DateTime<Utc>,
) -> Result<Answers, ClientError> {
    let (from, to) = (month.starts_at(), month.ends_at());
    let months_back = months_between(month, Month::of(now)) + 1;
    let today = now
        .with_timezone(&admin_policy::maintenance::HELSINKI)
        .date_naive();
    let first_day = from
        .with_timezone(&admin_policy::maintenance::HELSINKI)
        .date_naive()
        .with_day(1)
        .unwrap_or(today);
    let days_back = (today - first_day).num_days() + 1;
    let mut monitors = Vec::new();
    for monitor in client.monitors().await? {
        let id = monitor.id;
        let sla = async {
            if !(1..=SLA_MONTHS_KEPT).contains(&months_back) {
                return Ok(None);
            }
            let label = month_label(month);
            let history = client.sla_history(id, months_back as u32).await?;
            Ok(history.into_iter().find(|m| m.month == label))
        };
        let daily = async {
            if !(1..=DAILY_DAYS_KEPT).contains(&days_back) {
                return Ok(Vec::new());
            }
            client.daily_bars(id, days_back as u32).await
        };
        let incidents = client.incidents(id, from, to.min(now.max(from)));
        let (sla, daily, incidents) = tokio::join!(sla, daily, incidents);
        monitors.push(MonitorAnswers {
            monitor,
            sla: part(sla)?,
            daily: part(daily)?,
            incidents: part(incidents)?,
        });
    }
    let (windows, backups, drills, alerts, requests) = tokio::join!(
        client.maintenance_windows(),
        client.backups(),
        client.backup_drills(),
        client.backup_alerts(),
        client.restore_requests(),
    );
    let backups = match (
        part(backups)?,
        part(drills)?,
        part(alerts)?,
        part(requests)?,
    ) {
        (Ok(backups), Ok(drills), Ok(alerts), Ok(requests)) => Ok(BackupAnswers {
            backups,
            drills,
            alerts,
            requests,
        }),
        (b, d, a, r) => Err([b.err(), d.err(), a.err(), r.err()]
            .into_iter()
            .flatten()
            .next()
            .unwrap_or_default()),
    };
    Ok(Answers {
        account,
        monitors,
        windows: part(windows)?,
        backups,
    })
}

/// The month's answers (fresh, or the kept copy offline) and the audit copy. Offline with
/// no kept copy, the answers say so; any other failure to sign in stands.
pub async fn gather(host: &impl Host, month: Month) -> Result<Gathered, CommandError> {
    let (client, session) = host.session().await?;
    let profile = session.profile.id.clone();
    let now = host.now();
    let account = session.account.as_ref().map(|a| a.name.clone());
    let (answers, from_cache_as_of) = match fetch(&client, account, month, now).await {
        Ok(answers) => {
            let body = serde_json::to_string(&answers)
                .map_err(|e| CommandError::internal(e.to_string()))?;
            host.cache()
                .save_snapshot(&profile, &key(month), &body, now)
                .await?;
            host.after_call::<()>(Ok(())).await?;
            (Ok(answers), None)
        }
        Err(e) if e.is_offline() => {
            let _ = host.after_call::<()>(Err(e)).await;
            match host.cache().snapshot(&profile, &key(month)).await? {
                Some((body, at)) => {
                    let kept = serde_json::from_str(&body)
                        .map_err(|e| CommandError::internal(e.to_string()))?;
                    (Ok(kept), Some(at))
                }
                None => (
                    Err(format!(
                        "offline, and no copy of {} was kept in the cache",
                        month_label(month)
                    )),
                    None,
                ),
            }
        }
        Err(e) => return Err(host.after_call::<()>(Err(e)).await.unwrap_err()),
    };
    if host.is_online() {
        // The pack speaks for the month's end: bring the copy up to now first.
        if let Err(e) = crate::audit::audit_sync_now(host).await {
            tracing::warn!(error = %e, "the audit log was not synced for the compliance pack");
        }
    }
    let audit = audit_copy(host, &profile, month).await;
    Ok(Gathered {
        answers,
        from_cache_as_of,
        audit,
    })
}

async fn audit_copy(host: &impl Host, source: &str, month: Month) -> Result<AuditCopy, String> {
    let cache = host.cache();
    let (from, to) = (month.starts_at(), month.ends_at());
    let state = cache
        .sync_state(source, AUDIT_FEED)
        .await
        .map_err(|e| e.to_string())?;
    let mut access_events = Vec::new();
    let mut actions: Vec<&str> = super::AccessKind::ALL.iter().map(|k| k.action()).collect();
    actions.dedup();
    for action in actions {
        let mut after = None;
        loop {
            let page = cache
                .audit_events(
                    source,
                    &AuditQuery {
                        action: Some(action.into()),
                        from: Some(from),
                        to: Some(to),
                        after,
                        limit: PAGE,
                        ..AuditQuery::default()
                    },
                )
                .await
                .map_err(|e| e.to_string())?;
            after = page.last().map(|e| e.seq);
            let full = page.len() == PAGE as usize;
            access_events.extend(
                page.into_iter()
                    .filter(|e| super::AccessKind::of(e).is_some()),
            );
            if !full {
                break;
            }
        }
    }
    access_events.sort_by_key(|e| e.seq);
    let head = cache
        .audit_events(
            source,
            &AuditQuery {
                to: Some(to),
                descending: true,
                limit: 1,
                ..AuditQuery::default()
            },
        )
        .await
        .map_err(|e| e.to_string())?
        .pop();
    let check = cache
        .check_audit_chain(source)
        .await
        .map_err(|e| e.to_string())?;
    Ok(AuditCopy {
        access_events,
        head,
        broken_seq: check.broken_seq.or(state.broken_seq),
        verified_events: check.checked,
        synced_at: state.synced_at,
    })
}

/// Gathers and builds the month's pack as of the host's clock.
pub async fn gather_and_build(
    host: &impl Host,
    month: Month,
) -> Result<CompliancePack, CommandError> {
    let gathered = gather(host, month).await?;
    let mut pack = build(gathered.answers, gathered.audit, month, host.now());
    pack.from_cache_as_of = gathered.from_cache_as_of;
    Ok(pack)
}
