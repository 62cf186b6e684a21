//! Monitors and their samples: the service's own HTTP probes, pushed samples from outside,
//! and the business calendar each account's SLA is measured in.

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use admin_api::{DayBar, DayState, Monitor, MonitorKind};
use admin_policy::business::{BusinessCalendar, Span};
use admin_policy::sla::Sample;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::SqlitePool;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(sqlx::FromRow)]
struct MonitorRow {
    id: i64,
    name: String,
    kind: String,
    target: Option<String>,
    interval_s: i64,
    paused: bool,
    builtin: bool,
}

impl MonitorRow {
    fn into_monitor(self) -> Monitor {
        Monitor {
            id: self.id,
            name: self.name,
            kind: if self.kind == "http" {
                MonitorKind::Http
            } else {
                MonitorKind::Push
            },
            target: self.target,
            interval_s: self.interval_s as u32,
            paused: self.paused,
            builtin: self.builtin,
        }
    }
}

const COLUMNS: &str = "id, name, kind, target, interval_s, paused, builtin";

pub async fn list(db: &SqlitePool) -> ApiResult<Vec<Monitor>> {
    let rows: Vec<MonitorRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM monitors ORDER BY id"))
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(MonitorRow::into_monitor).collect())
}

pub async fn get(db: &SqlitePool, id: i64) -> ApiResult<Monitor> {
    let row: Option<MonitorRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM monitors WHERE id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    row.map(MonitorRow::into_monitor)
        .ok_or_else(|| ApiError::NotFound(format!("no monitor {id}")))
}

/// Samples of one monitor in `[from, to)`, oldest first.
pub async fn samples(
    db: &SqlitePool,
    id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<Sample>> {
    let rows: Vec<(i64, bool)> =
        sqlx::query_as("SELECT at, up FROM monitor_samples WHERE monitor_id = ? AND at >= ? AND at < ? ORDER BY at")
            .bind(id)
            .bind(from.timestamp())
            .bind(to.timestamp())
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(at, up)| {
            Some(Sample {
                at: DateTime::from_timestamp(at, 0)?,
                up,
            })
        })
        .collect())
}

/// The calendar of the caller's account; platform users get the default (Helsinki).
pub async fn calendar_for(db: &SqlitePool, account_id: Option<i64>) -> ApiResult<BusinessCalendar> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT business_time_zone, business_days, business_opens, business_closes FROM accounts WHERE id = ?",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    let Some((tz, days, opens, closes)) = row else {
        return Ok(BusinessCalendar::default());
    };
    let bad = |what: &str| {
        ApiError::Internal(format!(
            "account {account_id:?} has an unreadable business {what}"
        ))
    };
    let mut calendar = BusinessCalendar {
        tz: tz.parse().map_err(|_| bad("time zone"))?,
        days: [false; 7],
        opens: NaiveTime::parse_from_str(&opens, "%H:%M").map_err(|_| bad("opening time"))?,
        closes: NaiveTime::parse_from_str(&closes, "%H:%M").map_err(|_| bad("closing time"))?,
    };
    for day in days.split(',') {
        let n: usize = day.trim().parse().map_err(|_| bad("days"))?;
        *calendar
            .days
            .get_mut(n.wrapping_sub(1))
            .ok_or_else(|| bad("days"))? = true;
    }
    Ok(calendar)
}

/// Makes sure the service watches its own health endpoint at `target`, wherever it listens now.
pub async fn ensure_builtin(state: &AppState, target: &str) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO monitors (name, kind, target, interval_s, builtin, created_at) \
         VALUES ('Admin API health', 'http', ?, 60, 1, ?) \
         ON CONFLICT (builtin) WHERE builtin = 1 DO UPDATE SET target = excluded.target",
    )
    .bind(target)
    .bind(state.clock.now())
    .execute(&state.db)
    .await?;
    Ok(())
}

/// Probes every unpaused HTTP monitor whose last sample is an interval old; returns how many.
pub async fn probe_due(state: &AppState, http: &reqwest::Client) -> ApiResult<usize> {
    let now = state.clock.now().timestamp();
    let due: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT m.id, m.target, m.interval_s FROM monitors m \
         WHERE m.kind = 'http' AND m.paused = 0 AND m.target IS NOT NULL \
         AND COALESCE((SELECT MAX(at) FROM monitor_samples s WHERE s.monitor_id = m.id), 0) + m.interval_s <= ?",
    )
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    for (id, target, interval_s) in &due {
        let timeout = Duration::from_secs((*interval_s as u64).clamp(1, 10));
        let started = Instant::now();
        let answer = http.get(target).timeout(timeout).send().await;
        let latency_ms = started.elapsed().as_millis() as i64;
        let (up, status) = match &answer {
            Ok(r) => (
                r.status().is_success() || r.status().is_redirection(),
                Some(r.status().as_u16()),
            ),
            Err(_) => (false, None),
        };
        sqlx::query(
            "INSERT OR IGNORE INTO monitor_samples (monitor_id, at, up, status_code, latency_ms) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(now)
        .bind(up)
        .bind(status)
        .bind(up.then_some(latency_ms))
        .execute(&state.db)
        .await?;
    }
    Ok(due.len())
}

/// A day's colour: under 99 % of its monitored time up is down, whatever else happened;
/// otherwise announced maintenance marks the day; then any outage or an average answer
/// slower than a second is degraded; a day with neither samples nor maintenance is no data.
pub fn day_state(
    up_s: i64,
    down_s: i64,
    avg_latency_ms: Option<f64>,
    maintenance_s: i64,
) -> DayState {
    let monitored = up_s + down_s;
    if monitored > 0 && (up_s as f64) < 0.99 * monitored as f64 {
        DayState::Down
    } else if maintenance_s > 0 {
        DayState::Maintenance
    } else if monitored == 0 {
        DayState::NoData
    } else if down_s > 0 || avg_latency_ms.is_some_and(|ms| ms > 1000.0) {
        DayState::Degraded
    } else {
        DayState::Up
    }
}

#[derive(Default, Clone, Copy)]
struct DayTotals {
    up_s: i64,
    down_s: i64,
    latency_sum: i64,
    latency_n: i64,
}

/// One bar per local date from `first` to `last`; a sample counts until the next one,
/// at most two intervals, on the date it was taken. Time inside `maintenance` (announced
/// windows) counts as neither up nor down, as in the SLA.
pub async fn daily(
    db: &SqlitePool,
    monitor: &Monitor,
    calendar: &BusinessCalendar,
    first: NaiveDate,
    last: NaiveDate,
    maintenance: &[Span],
) -> ApiResult<Vec<DayBar>> {
    let midnight = |date: NaiveDate| calendar.instant(date.and_time(NaiveTime::MIN));
    let from = midnight(first);
    let to = midnight(last.succ_opt().unwrap_or(last));
    let rows: Vec<(i64, bool, Option<i64>)> = sqlx::query_as(
        "SELECT at, up, latency_ms FROM monitor_samples WHERE monitor_id = ? AND at >= ? AND at < ? ORDER BY at",
    )
    .bind(monitor.id)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .fetch_all(db)
    .await?;
    let max_gap = 2 * i64::from(monitor.interval_s);
    let mut days: BTreeMap<NaiveDate, DayTotals> = BTreeMap::new();
    for (i, (at, up, latency)) in rows.iter().enumerate() {
        let next = rows.get(i + 1).map_or(at + max_gap, |n| n.0);
        let Some(when) = DateTime::from_timestamp(*at, 0) else {
            continue;
        };
        let Some(until) = DateTime::from_timestamp(at + (next - at).min(max_gap), 0) else {
            continue;
        };
        let covered = Span::new(when, until);
        let in_maintenance: i64 = maintenance.iter().map(|m| m.overlap(&covered)).sum();
        let counted = covered.seconds() - in_maintenance.min(covered.seconds());
        let day = days
            .entry(when.with_timezone(&calendar.tz).date_naive())
            .or_default();
        if *up {
            day.up_s += counted;
        } else {
            day.down_s += counted;
        }
        if let Some(ms) = latency {
            day.latency_sum += ms;
            day.latency_n += 1;
        }
    }
    Ok(first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|date| {
            let totals = days.get(&date).copied().unwrap_or_default();
            let whole_day = Span::new(midnight(date), midnight(date.succ_opt().unwrap_or(date)));
            let maintenance_s = maintenance.iter().map(|m| m.overlap(&whole_day)).sum();
            let avg_latency_ms =
                (totals.latency_n > 0).then(|| totals.latency_sum as f64 / totals.latency_n as f64);
            DayBar {
                date,
                state: day_state(totals.up_s, totals.down_s, avg_latency_ms, maintenance_s),
                up_s: totals.up_s,
                down_s: totals.down_s,
                maintenance_s,
                avg_latency_ms,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_state_thresholds() {
        assert_eq!(day_state(0, 0, None, 0), DayState::NoData);
        assert_eq!(day_state(86_400, 0, Some(80.0), 0), DayState::Up);
        assert_eq!(day_state(86_400, 0, Some(1500.0), 0), DayState::Degraded);
        assert_eq!(day_state(86_000, 400, Some(80.0), 0), DayState::Degraded);
        assert_eq!(day_state(85_000, 1_400, Some(80.0), 0), DayState::Down);
    }

    #[test]
    fn announced_maintenance_marks_the_day_unless_it_was_down_outside_it() {
        assert_eq!(
            day_state(79_200, 0, Some(80.0), 7_200),
            DayState::Maintenance
        );
        assert_eq!(
            day_state(78_800, 400, Some(80.0), 7_200),
            DayState::Maintenance
        );
        assert_eq!(day_state(0, 0, None, 7_200), DayState::Maintenance);
        assert_eq!(day_state(77_000, 2_200, Some(80.0), 7_200), DayState::Down);
    }
}
