//! Monitors and their samples (from outside probers and pushed heartbeats), and the
//! business calendar each account's SLA is measured in. The service never probes itself
//! into the record: evidence of uptime has to come from something that outlives it.

use crate::db;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use admin_api::{DayBar, DayState, Monitor, MonitorKind};
use admin_policy::business::{merge, subtract, BusinessCalendar, Span};
use admin_policy::calendar::{self, CalendarVersion};
use admin_policy::sla::{self, Evidence, Sample};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

#[derive(sqlx::FromRow)]
struct MonitorRow {
    id: i64,
    name: String,
    kind: String,
    target: Option<String>,
    interval_s: i64,
    grace_s: i64,
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
            grace_s: self.grace_s as u32,
            paused: self.paused,
            builtin: self.builtin,
        }
    }
}

const COLUMNS: &str = "id, name, kind, target, interval_s, grace_s, paused, builtin";

pub async fn list(db: &Db) -> ApiResult<Vec<Monitor>> {
    let rows: Vec<MonitorRow> = db::query_as(format!("SELECT {COLUMNS} FROM monitors ORDER BY id"))
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(MonitorRow::into_monitor).collect())
}

pub async fn get(db: &Db, id: i64) -> ApiResult<Monitor> {
    let row: Option<MonitorRow> =
        db::query_as(format!("SELECT {COLUMNS} FROM monitors WHERE id = ?"))
            .bind(id)
            .fetch_optional(db)
            .await?;
    row.map(MonitorRow::into_monitor)
        .ok_or_else(|| ApiError::NotFound(format!("no monitor {id}")))
}

/// Samples of one monitor in `[from, to)`, oldest first, with the last one before `from`
/// (it may still cover the start of the range).
pub async fn samples(
    db: &Db,
    id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<Sample>> {
    Ok(samples_with_latency(db, id, from, to)
        .await?
        .into_iter()
        .map(|(sample, _)| sample)
        .collect())
}

/// The samples of `[from, to)`, and the one before `from` that may still cover its start,
/// each with its response time.
async fn samples_with_latency(
    db: &Db,
    id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<(Sample, Option<i64>)>> {
    let rows: Vec<(i64, bool, Option<i64>)> = db::query_as(
        "SELECT at, up, latency_ms FROM monitor_samples WHERE monitor_id = ?1 AND at < ?3 AND at >= \
         COALESCE((SELECT MAX(at) FROM monitor_samples WHERE monitor_id = ?1 AND at < ?2), ?2) \
         ORDER BY at",
    )
    .bind(id)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(at, up, latency)| {
            Some((
                Sample {
                    at: DateTime::from_timestamp(at, 0)?,
                    up,
                },
                latency,
            ))
        })
        .collect())
}

/// How a monitor's samples prove time: probed ones cover two intervals at most; a push
/// monitor's silence after its interval plus grace is down, from its creation on.
pub async fn evidence(db: &Db, monitor: &Monitor) -> ApiResult<Evidence> {
    let interval = Duration::seconds(i64::from(monitor.interval_s));
    Ok(match monitor.kind {
        MonitorKind::Http => Evidence::Probed { interval },
        MonitorKind::Push => {
            let since: DateTime<Utc> =
                db::query_scalar("SELECT created_at FROM monitors WHERE id = ?")
                    .bind(monitor.id)
                    .fetch_one(db)
                    .await?;
            Evidence::Pushed {
                interval,
                grace: Duration::seconds(i64::from(monitor.grace_s)),
                since,
            }
        }
    })
}

/// Parses one stored calendar (time zone, `1,2,3` days, `HH:MM` hours).
fn parse_calendar(
    account_id: i64,
    (tz, days, opens, closes): (String, String, String, String),
) -> ApiResult<BusinessCalendar> {
    let bad = |what: &str| {
        ApiError::Internal(format!(
            "account {account_id} has an unreadable business {what}"
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

/// A stored calendar version with who set it and when.
pub struct StoredVersion {
    pub version: CalendarVersion,
    pub changed_by: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
}

/// Every calendar version of an account, oldest first; none for platform users.
pub async fn calendar_versions(db: &Db, account_id: Option<i64>) -> ApiResult<Vec<StoredVersion>> {
    let Some(account_id) = account_id else {
        return Ok(Vec::new());
    };
    type Row = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<DateTime<Utc>>,
    );
    let rows: Vec<Row> = db::query_as(
        "SELECT effective_from, time_zone, days, opens, closes, changed_by, changed_at \
         FROM business_calendar_versions WHERE account_id = ? ORDER BY effective_from",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(from, tz, days, opens, closes, changed_by, changed_at)| {
            let (y, m) = from
                .split_once('-')
                .and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)))
                .ok_or_else(|| ApiError::Internal(format!("bad calendar month '{from}'")))?;
            Ok(StoredVersion {
                version: CalendarVersion {
                    effective_from: (y, m),
                    calendar: parse_calendar(account_id, (tz, days, opens, closes))?,
                },
                changed_by,
                changed_at,
            })
        })
        .collect()
}

/// The calendars of the caller's account over time; platform users get the default
/// (Mon-Fri 07:00-20:00 Europe/Helsinki) throughout.
pub struct Calendars(Vec<CalendarVersion>);

impl Calendars {
    pub async fn of(db: &Db, account_id: Option<i64>) -> ApiResult<Self> {
        Ok(Calendars(
            calendar_versions(db, account_id)
                .await?
                .into_iter()
                .map(|v| v.version)
                .collect(),
        ))
    }

    /// The version in force for a month.
    pub fn month(&self, year: i32, month: u32) -> BusinessCalendar {
        calendar::in_force(&self.0, (year, month))
    }

    /// The month `now` falls in and the calendar in force for it, in that calendar's zone.
    pub fn current(&self, now: DateTime<Utc>) -> ((i32, u32), BusinessCalendar) {
        let at = |tz: chrono_tz::Tz| {
            let local = now.with_timezone(&tz);
            let month = (local.year(), local.month());
            (month, self.month(month.0, month.1))
        };
        // Near a month's edge the zones may disagree on the month; the version's own
        // zone decides (one more look settles it).
        let (month, calendar) = at(BusinessCalendar::default().tz);
        if calendar.tz == BusinessCalendar::default().tz {
            return (month, calendar);
        }
        at(calendar.tz)
    }
}

/// The predicate of the partial index that allows one built-in monitor, as each backend's
/// migration wrote it (an upsert must name it exactly).
pub(crate) fn one_builtin(backend: crate::db::Backend) -> &'static str {
    match backend {
        crate::db::Backend::Sqlite => "builtin = 1",
        crate::db::Backend::Postgres => "builtin = TRUE",
    }
}

/// Makes sure the service watches its own health endpoint at `target`, wherever it listens now.
pub async fn ensure_builtin(state: &AppState, target: &str) -> ApiResult<()> {
    db::query(format!(
        "INSERT INTO monitors (name, kind, target, interval_s, builtin, created_at) \
         VALUES ('Admin API health', 'http', ?, 60, TRUE, ?) \
         ON CONFLICT (builtin) WHERE {} DO UPDATE SET target = excluded.target",
        one_builtin(state.db.backend())
    ))
    .bind(target)
    .bind(state.clock.now())
    .execute(&state.db)
    .await?;
    Ok(())
}

/// A day's colour: under 99 % of its observed time up is down, whatever else happened;
/// otherwise announced maintenance marks the day; then a day with nothing observed, or
/// with business time no evidence covers, is no data (never green); then any outage or an
/// average answer slower than a second is degraded.
pub fn day_state(
    up_s: i64,
    down_s: i64,
    avg_latency_ms: Option<f64>,
    maintenance_s: i64,
    unmonitored_s: i64,
) -> DayState {
    let observed = up_s + down_s;
    if observed > 0 && (up_s as f64) < 0.99 * observed as f64 {
        DayState::Down
    } else if maintenance_s > 0 {
        DayState::Maintenance
    } else if observed == 0 || unmonitored_s > 0 {
        DayState::NoData
    } else if down_s > 0 || avg_latency_ms.is_some_and(|ms| ms > 1000.0) {
        DayState::Degraded
    } else {
        DayState::Up
    }
}

/// One bar per local date from `first` to `last`, as known at `now`: up and down over the
/// whole day, no data over its business hours, all outside announced `maintenance`, by the
/// same evidence rules as the SLA.
pub async fn daily(
    db: &Db,
    monitor: &Monitor,
    calendar: &BusinessCalendar,
    first: NaiveDate,
    last: NaiveDate,
    maintenance: &[Span],
    now: DateTime<Utc>,
) -> ApiResult<Vec<DayBar>> {
    let midnight = |date: NaiveDate| calendar.instant(date.and_time(NaiveTime::MIN));
    let from = midnight(first);
    let to = midnight(last.succ_opt().unwrap_or(last));
    // One read of the range for both the bars and the response times: 90 days are about
    // 130,000 rows, and reading them twice was most of the request's time.
    let rows = samples_with_latency(db, monitor.id, from, to).await?;
    let evidence = evidence(db, monitor).await?;
    let mut latency: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    for (sample, ms) in &rows {
        if let (Some(ms), true) = (ms, sample.at >= from) {
            let day = latency
                .entry(sample.at.with_timezone(&calendar.tz).date_naive())
                .or_default();
            day.0 += ms;
            day.1 += 1;
        }
    }
    let samples: Vec<Sample> = rows.into_iter().map(|(sample, _)| sample).collect();
    let holes = merge(maintenance);
    Ok(first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|date| {
            let whole_day = Span::new(midnight(date), midnight(date.succ_opt().unwrap_or(date)));
            let past = Span::new(whole_day.start, now.clamp(whole_day.start, whole_day.end));
            let counted = subtract(&[whole_day], &holes);
            let (up_s, down_s) = sla::proven(&counted, &samples, evidence, past);
            let business = subtract(&calendar.spans(past), &holes);
            let business_s: i64 = business.iter().map(Span::seconds).sum();
            let (b_up, b_down) = sla::proven(&business, &samples, evidence, past);
            let unmonitored_s = business_s - b_up - b_down;
            let maintenance_s = maintenance.iter().map(|m| m.overlap(&whole_day)).sum();
            let avg_latency_ms = latency.get(&date).map(|(sum, n)| *sum as f64 / *n as f64);
            DayBar {
                date,
                state: day_state(up_s, down_s, avg_latency_ms, maintenance_s, unmonitored_s),
                up_s,
                down_s,
                unmonitored_s,
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
        assert_eq!(day_state(0, 0, None, 0, 0), DayState::NoData);
        assert_eq!(day_state(86_400, 0, Some(80.0), 0, 0), DayState::Up);
        assert_eq!(day_state(86_400, 0, Some(1500.0), 0, 0), DayState::Degraded);
        assert_eq!(day_state(86_000, 400, Some(80.0), 0, 0), DayState::Degraded);
        assert_eq!(day_state(85_000, 1_400, Some(80.0), 0, 0), DayState::Down);
    }

    /// Clause 4S-SLA: a day with business time no evidence covers is never green.
    #[test]
    fn four_s_sla_a_day_with_no_data_is_never_up() {
        assert_eq!(day_state(40_000, 0, Some(80.0), 0, 3_600), DayState::NoData);
        assert_eq!(day_state(40_000, 0, Some(80.0), 0, 1), DayState::NoData);
        assert_eq!(day_state(0, 0, None, 0, 46_800), DayState::NoData);
        // Down still shows as down.
        assert_eq!(
            day_state(30_000, 3_600, Some(80.0), 0, 3_600),
            DayState::Down
        );
    }

    #[test]
    fn announced_maintenance_marks_the_day_unless_it_was_down_outside_it() {
        assert_eq!(
            day_state(79_200, 0, Some(80.0), 7_200, 0),
            DayState::Maintenance
        );
        assert_eq!(
            day_state(78_800, 400, Some(80.0), 7_200, 0),
            DayState::Maintenance
        );
        assert_eq!(day_state(0, 0, None, 7_200, 0), DayState::Maintenance);
        assert_eq!(
            day_state(77_000, 2_200, Some(80.0), 7_200, 0),
            DayState::Down
        );
    }
}
