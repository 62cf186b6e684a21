//! The month's uptime promise turning at risk or breached (4S-SLA) is told to each account's
//! managers once per monitor, month and status; the console shows it as a critical desktop
//! notification (issue 19). Each account's month is judged in its own business calendar, as
//! its managers see it in the Uptime panel.

use crate::db;
use crate::error::ApiResult;
use crate::monitoring::{self, Calendars};
use crate::notifications::{self, Kind};
use crate::{sla_report, AppState};
use admin_api::{SlaMonth, SlaStatus};
use admin_policy::business::BusinessCalendar;
use std::time::Duration as StdDuration;
use tokio::task::JoinHandle;

/// Checks this month of every monitor for every account with someone to tell; returns how
/// many new alerts it sent. Paused monitors are left out: nobody promised their uptime.
pub async fn check(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let accounts: Vec<i64> = db::query_scalar("SELECT id FROM accounts ORDER BY id")
        .fetch_all(&state.db)
        .await?;
    let monitors: Vec<_> = monitoring::list(&state.db)
        .await?
        .into_iter()
        .filter(|m| !m.paused)
        .collect();
    if monitors.is_empty() {
        return Ok(0);
    }
    // Most accounts keep the default calendar: a monitor's month is read and judged once per
    // calendar, not once per account.
    let mut judged: Vec<(i64, (i32, u32), BusinessCalendar, SlaMonth)> = Vec::new();
    let mut sent = 0;
    for account in accounts {
        let managers = notifications::answerable_for(&state.db, Some(account)).await?;
        if managers.is_empty() {
            continue;
        }
        let (month, calendar) = Calendars::of(&state.db, Some(account)).await?.current(now);
        for monitor in &monitors {
            let known = judged
                .iter()
                .find(|(id, m, c, _)| *id == monitor.id && *m == month && *c == calendar);
            let report = match known {
                Some((.., report)) => report.clone(),
                None => {
                    let report =
                        sla_report::month(state, monitor, &calendar, month.0, month.1).await?;
                    judged.push((monitor.id, month, calendar.clone(), report.clone()));
                    report
                }
            };
            let (kind, status) = match report.status {
                Some(SlaStatus::AtRisk) => (Kind::SlaAtRisk, "at_risk"),
                Some(SlaStatus::Breached) => (Kind::SlaBreached, "breached"),
                _ => continue,
            };
            let mut tx = db::begin_write(&state.db).await?;
            let added = db::query(
                "INSERT INTO sla_alerts (account_id, monitor_id, month, status, sent_at) \
                 VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            )
            .bind(account)
            .bind(monitor.id)
            .bind(&report.month)
            .bind(status)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if added.rows_affected() == 1 {
                let message = describe(&monitor.name, &report, kind);
                for &person in &managers {
                    notifications::notify(&mut *tx, person, now, kind, &message).await?;
                }
                sent += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(sent)
}

/// What the manager reads: the month, what was lost and what the promise allows.
fn describe(monitor: &str, report: &SlaMonth, kind: Kind) -> String {
    let minutes = |s: f64| (s / 60.0).round() as i64;
    let down = minutes(report.down_s as f64);
    let unknown = minutes(report.unmonitored_s as f64);
    let allowed = minutes(report.allowed_downtime_s);
    match kind {
        Kind::SlaBreached => format!(
            "Uptime promise breached: {monitor}, {}: {down} min down in business hours, \
             more than the {allowed} min the month allows",
            report.month
        ),
        _ => format!(
            "Uptime promise at risk: {monitor}, {}: {down} min down and {unknown} min with no \
             data in business hours, more than the {allowed} min the month allows",
            report.month
        ),
    }
}

/// Runs `check` every `every` until the returned task is aborted. The first round waits one
/// period, so a service that has just started has had its probers' first reports.
pub fn spawn_ticker(state: AppState, every: StdDuration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        loop {
            interval.tick().await;
            let round =
                crate::jobs::run_alone(&state.db, crate::jobs::Job::SlaAlerts, check(&state));
            if let Err(e) = round.await {
                tracing::warn!(error = %e, "SLA alert check failed");
            }
        }
    })
}
