//! Uptime monitors: samples, SLA, daily bars, latency, incidents, the business calendar.
//! Over 500 lines while issue 14 reworks these handlers; SLA figures and incidents split out after.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::{maintenance, monitoring, users, AppState};
use admin_api::{
    BusinessCalendarSettings, DayBar, IncidentNote, IncidentView, LatencyPoint, Monitor,
    MonitorKind, MonitorPatch, NewMonitor, Problem, PushResult, PushSample, Role, SlaMonth,
};
use admin_policy::business::{BusinessCalendar, Span};
use admin_policy::maintenance::{announced_maintenance, BusinessHours, Month};
use admin_policy::sla::{self, TARGET_RATIO};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct MonitorPath {
    id: i64,
}

#[derive(Deserialize)]
pub struct IncidentPath {
    id: i64,
    /// Unix seconds of the incident's first down sample.
    started: i64,
}

async fn require(
    state: &AppState,
    caller: &CurrentUser,
    roles: &[Role],
    what: &str,
) -> ApiResult<()> {
    users::require_any_role(&state.db, caller.user.id, roles, what).await
}

const OPERATE: &[Role] = &[Role::ServiceOperator];
const READ: &[Role] = &[Role::ServiceOperator, Role::AccountManager];

fn check_interval(interval_s: u32) -> ApiResult<u32> {
    (10..=86_400)
        .contains(&interval_s)
        .then_some(interval_s)
        .ok_or_else(|| {
            ApiError::invalid(
                "interval_s",
                "interval_s must be between 10 and 86400 seconds",
            )
        })
}

fn check_target(target: &str) -> ApiResult<()> {
    match url::Url::parse(target) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(ApiError::invalid(
            "target",
            format!("'{target}' is not an http(s) address"),
        )),
    }
}

fn check_name(name: &str) -> ApiResult<()> {
    if name.trim().is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid(
            "name",
            "a monitor needs a name of 1-100 characters",
        ));
    }
    Ok(())
}

/// Service Operators add a monitor: an HTTP probe of `target`, or one an outside tool pushes to.
#[utoipa::path(post, path = "/api/v1/monitors", tag = "monitoring", security(("bearer" = [])),
    request_body = NewMonitor,
    responses((status = 201, body = Monitor), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    Json(new): Json<NewMonitor>,
) -> ApiResult<(StatusCode, axum::Json<Monitor>)> {
    require(&state, &caller, OPERATE, "adding a monitor").await?;
    check_name(&new.name)?;
    let interval = check_interval(new.interval_s.unwrap_or(60))?;
    match (new.kind, new.target.as_deref()) {
        (MonitorKind::Http, Some(target)) => check_target(target)?,
        (MonitorKind::Http, None) => {
            return Err(ApiError::invalid(
                "target",
                "an http monitor needs a target",
            ))
        }
        (MonitorKind::Push, Some(_)) => {
            return Err(ApiError::invalid("target", "a push monitor has no target"))
        }
        (MonitorKind::Push, None) => {}
    }
    let kind = if new.kind == MonitorKind::Http {
        "http"
    } else {
        "push"
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO monitors (name, kind, target, interval_s, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.name.trim())
    .bind(kind)
    .bind(&new.target)
    .bind(interval)
    .bind(state.clock.now())
    .fetch_one(&state.db)
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(monitoring::get(&state.db, id).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/monitors", tag = "monitoring", security(("bearer" = [])),
    responses((status = 200, body = Vec<Monitor>), (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Vec<Monitor>>> {
    require(&state, &caller, READ, "reading monitors").await?;
    Ok(axum::Json(monitoring::list(&state.db).await?))
}

/// Rename, retarget, change the interval, pause or resume.
#[utoipa::path(patch, path = "/api/v1/monitors/{id}", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id")), request_body = MonitorPatch,
    responses((status = 200, body = Monitor), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Json(patch): Json<MonitorPatch>,
) -> ApiResult<axum::Json<Monitor>> {
    require(&state, &caller, OPERATE, "changing a monitor").await?;
    let current = monitoring::get(&state.db, id).await?;
    if let Some(name) = &patch.name {
        check_name(name)?;
    }
    if let Some(interval) = patch.interval_s {
        check_interval(interval)?;
    }
    if let Some(target) = &patch.target {
        if current.kind == MonitorKind::Push {
            return Err(ApiError::invalid("target", "a push monitor has no target"));
        }
        check_target(target)?;
    }
    sqlx::query(
        "UPDATE monitors SET name = COALESCE(?, name), target = COALESCE(?, target), \
         interval_s = COALESCE(?, interval_s), paused = COALESCE(?, paused) WHERE id = ?",
    )
    .bind(patch.name.as_deref().map(str::trim))
    .bind(&patch.target)
    .bind(patch.interval_s)
    .bind(patch.paused)
    .bind(id)
    .execute(&state.db)
    .await?;
    Ok(axum::Json(monitoring::get(&state.db, id).await?))
}

#[utoipa::path(delete, path = "/api/v1/monitors/{id}", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id")),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "the built-in monitor", body = Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
) -> ApiResult<StatusCode> {
    require(&state, &caller, OPERATE, "deleting a monitor").await?;
    if monitoring::get(&state.db, id).await?.builtin {
        return Err(ApiError::Conflict(
            "the service's own health monitor cannot be deleted; pause it".into(),
        ));
    }
    sqlx::query("DELETE FROM monitors WHERE id = ?")
        .bind(id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Samples from an outside monitor, idempotent on `at`: pushing the same batch twice
/// records it once.
#[utoipa::path(post, path = "/api/v1/monitors/{id}/samples", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id")), request_body = Vec<PushSample>,
    responses((status = 200, body = PushResult), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "not a push monitor", body = Problem)))]
pub async fn push(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Json(batch): Json<Vec<PushSample>>,
) -> ApiResult<axum::Json<PushResult>> {
    require(&state, &caller, OPERATE, "pushing samples").await?;
    if monitoring::get(&state.db, id).await?.kind != MonitorKind::Push {
        return Err(ApiError::Conflict(format!(
            "monitor {id} is probed by the service, not pushed to"
        )));
    }
    if batch.len() > 10_000 {
        return Err(ApiError::invalid("body", "at most 10000 samples a batch"));
    }
    let mut tx = state.db.begin().await?;
    let mut accepted = 0;
    for sample in &batch {
        let done = sqlx::query("INSERT OR IGNORE INTO monitor_samples (monitor_id, at, up, latency_ms) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(sample.at.timestamp())
            .bind(sample.up)
            .bind(sample.latency_ms)
            .execute(&mut *tx)
            .await?;
        accepted += done.rows_affected() as u32;
    }
    tx.commit().await?;
    Ok(axum::Json(PushResult {
        accepted,
        duplicates: batch.len() as u32 - accepted,
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    month: String,
}

/// The month's business-hours SLA of a monitor, in the caller's account calendar (4S-SLA).
#[utoipa::path(get, path = "/api/v1/monitors/{id}/sla", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id"), MonthQuery),
    responses((status = 200, body = SlaMonth), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn sla_month(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Query(q): Query<MonthQuery>,
) -> ApiResult<axum::Json<SlaMonth>> {
    require(&state, &caller, READ, "reading the SLA").await?;
    let first =
        NaiveDate::parse_from_str(&format!("{}-01", q.month), "%Y-%m-%d").map_err(|_| {
            ApiError::invalid(
                "month",
                format!("'{}' is not a month like 2026-03", q.month),
            )
        })?;
    let monitor = monitoring::get(&state.db, id).await?;
    let calendar = monitoring::calendar_for(&state.db, caller.user.account_id).await?;
    Ok(axum::Json(
        month_figures(&state, &monitor, &calendar, first.year(), first.month()).await?,
    ))
}

async fn month_figures(
    state: &AppState,
    monitor: &Monitor,
    calendar: &BusinessCalendar,
    year: i32,
    month: u32,
) -> ApiResult<SlaMonth> {
    let out_of_range = || ApiError::invalid("month", "month out of range");
    let bounds = calendar.month(year, month).ok_or_else(out_of_range)?;
    let interval = Duration::seconds(i64::from(monitor.interval_s));
    let samples = monitoring::samples(
        &state.db,
        monitor.id,
        bounds.start - interval * 2,
        bounds.end,
    )
    .await?;
    // Only windows announced as the rules require leave measured time (4S-SLA, 4S-MAINT-*).
    let windows: Vec<_> = maintenance::all(&state.db)
        .await?
        .iter()
        .map(|w| w.rule_window())
        .collect();
    let hours = BusinessHours {
        start: calendar.opens,
        end: calendar.closes,
    };
    let cut: Vec<Span> = announced_maintenance(&windows, Month::new(year, month), hours)
        .into_iter()
        .map(|(start, end)| Span::new(start, end))
        .collect();
    let report = sla::month_report(calendar, year, month, &samples, interval, &cut)
        .ok_or_else(out_of_range)?;
    Ok(SlaMonth {
        month: format!("{year:04}-{month:02}"),
        time_zone: calendar.tz.name().to_string(),
        business_s: report.business_s,
        maintenance_s: report.maintenance_s,
        up_s: report.up_s,
        down_s: report.down_s,
        unmonitored_s: report.unmonitored_s,
        uptime_ratio: report.uptime_ratio,
        allowed_downtime_s: report.allowed_downtime_s,
        compliant: report.compliant,
        target_ratio: TARGET_RATIO,
        business_days: (1..=7u8)
            .filter(|n| calendar.days[usize::from(n - 1)])
            .collect(),
        business_opens: calendar.opens.format("%H:%M").to_string(),
        business_closes: calendar.closes.format("%H:%M").to_string(),
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct HistoryQuery {
    /// How many months back, this month included (1-36, default 12).
    months: Option<u32>,
}

/// The SLA of this month and the months before it, newest first.
#[utoipa::path(get, path = "/api/v1/monitors/{id}/sla-history", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id"), HistoryQuery),
    responses((status = 200, body = Vec<SlaMonth>), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn sla_history(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Query(q): Query<HistoryQuery>,
) -> ApiResult<axum::Json<Vec<SlaMonth>>> {
    require(&state, &caller, READ, "reading the SLA").await?;
    let months = q.months.unwrap_or(12);
    if !(1..=36).contains(&months) {
        return Err(ApiError::invalid(
            "months",
            "months must be between 1 and 36",
        ));
    }
    let monitor = monitoring::get(&state.db, id).await?;
    let calendar = monitoring::calendar_for(&state.db, caller.user.account_id).await?;
    let today = state.clock.now().with_timezone(&calendar.tz).date_naive();
    let (mut year, mut month) = (today.year(), today.month());
    let mut out = Vec::with_capacity(months as usize);
    for _ in 0..months {
        out.push(month_figures(&state, &monitor, &calendar, year, month).await?);
        (year, month) = if month == 1 {
            (year - 1, 12)
        } else {
            (year, month - 1)
        };
    }
    Ok(axum::Json(out))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DaysQuery {
    /// How many days back, today included (1-400, default 90).
    days: Option<u32>,
}

/// One bar per day: up, degraded, down, no data or maintenance (announced maintenance that
/// day, and no more downtime outside it than a down day has), in the caller's calendar's
/// time zone.
#[utoipa::path(get, path = "/api/v1/monitors/{id}/daily", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id"), DaysQuery),
    responses((status = 200, body = Vec<DayBar>), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn daily(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Query(q): Query<DaysQuery>,
) -> ApiResult<axum::Json<Vec<DayBar>>> {
    require(&state, &caller, READ, "reading uptime").await?;
    let days = q.days.unwrap_or(90);
    if !(1..=400).contains(&days) {
        return Err(ApiError::invalid("days", "days must be between 1 and 400"));
    }
    let monitor = monitoring::get(&state.db, id).await?;
    let calendar = monitoring::calendar_for(&state.db, caller.user.account_id).await?;
    let last = state.clock.now().with_timezone(&calendar.tz).date_naive();
    let first = last - Duration::days(i64::from(days) - 1);
    let windows: Vec<_> = maintenance::all(&state.db)
        .await?
        .iter()
        .map(|w| w.rule_window())
        .collect();
    let hours = BusinessHours {
        start: calendar.opens,
        end: calendar.closes,
    };
    // Announced as the rules require, month by month, as the SLA cuts it (4S-SLA).
    let mut announced = Vec::new();
    let mut month = Month::new(first.year(), first.month());
    while (month.year, month.month) <= (last.year(), last.month()) {
        announced.extend(
            announced_maintenance(&windows, month, hours)
                .into_iter()
                .map(|(start, end)| Span::new(start, end)),
        );
        month = month.next();
    }
    Ok(axum::Json(
        monitoring::daily(&state.db, &monitor, &calendar, first, last, &announced).await?,
    ))
}

/// Response times averaged into at most 1,000 points, for the zoomable chart.
#[utoipa::path(get, path = "/api/v1/monitors/{id}/latency", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id"), RangeQuery),
    responses((status = 200, body = Vec<LatencyPoint>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn latency(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Query(q): Query<RangeQuery>,
) -> ApiResult<axum::Json<Vec<LatencyPoint>>> {
    require(&state, &caller, READ, "reading response times").await?;
    monitoring::get(&state.db, id).await?;
    let to = q.to.unwrap_or_else(|| state.clock.now());
    let from = q.from.unwrap_or(to - Duration::days(7));
    // At most 999 steps across the range: with bucket alignment, at most 1,000 points.
    let step = ((to - from).num_seconds() + 998).div_euclid(999).max(60);
    let rows: Vec<(i64, f64, f64)> = sqlx::query_as(
        "SELECT (at / ?) * ? AS bucket, AVG(latency_ms), CAST(MAX(latency_ms) AS REAL) FROM monitor_samples \
         WHERE monitor_id = ? AND at >= ? AND at < ? AND latency_ms IS NOT NULL GROUP BY bucket ORDER BY bucket",
    )
    .bind(step)
    .bind(step)
    .bind(id)
    .bind(from.timestamp())
    .bind(to.timestamp())
    .fetch_all(&state.db)
    .await?;
    Ok(axum::Json(
        rows.into_iter()
            .filter_map(|(at, avg_ms, max_ms)| {
                Some(LatencyPoint {
                    at: DateTime::from_timestamp(at, 0)?,
                    avg_ms,
                    max_ms,
                })
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct RangeQuery {
    /// Default: 90 days before `to`.
    from: Option<DateTime<Utc>>,
    /// Default: now.
    to: Option<DateTime<Utc>>,
}

/// Down periods with their business-hours time-to-fix (4S-CRITICAL-FIX) and notes.
#[utoipa::path(get, path = "/api/v1/monitors/{id}/incidents", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id"), RangeQuery),
    responses((status = 200, body = Vec<IncidentView>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn incidents(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(MonitorPath { id }): Path<MonitorPath>,
    Query(q): Query<RangeQuery>,
) -> ApiResult<axum::Json<Vec<IncidentView>>> {
    require(&state, &caller, READ, "reading incidents").await?;
    monitoring::get(&state.db, id).await?;
    let to = q.to.unwrap_or_else(|| state.clock.now());
    let from = q.from.unwrap_or(to - Duration::days(90));
    let calendar = monitoring::calendar_for(&state.db, caller.user.account_id).await?;
    let samples = monitoring::samples(&state.db, id, from, to).await?;
    let notes: Vec<(i64, String)> =
        sqlx::query_as("SELECT started_at, note FROM incident_notes WHERE monitor_id = ?")
            .bind(id)
            .fetch_all(&state.db)
            .await?;
    let views = sla::incidents(&samples)
        .into_iter()
        .map(|incident| IncidentView {
            started_at: incident.start,
            ended_at: incident.end,
            duration_s: incident.end.map(|end| (end - incident.start).num_seconds()),
            time_to_fix_business_s: incident.time_to_fix_business_s(&calendar),
            fixed_same_business_day: incident.fixed_same_business_day(&calendar),
            note: notes
                .iter()
                .find(|(at, _)| *at == incident.start.timestamp())
                .map(|(_, n)| n.clone()),
        })
        .collect();
    Ok(axum::Json(views))
}

/// Operators explain an incident: cause, fix, follow-up.
#[utoipa::path(put, path = "/api/v1/monitors/{id}/incidents/{started}/note", tag = "monitoring",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id"),
        ("started" = i64, Path, description = "unix seconds of the incident's start")),
    request_body = IncidentNote,
    responses((status = 204), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn annotate(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IncidentPath { id, started }): Path<IncidentPath>,
    Json(body): Json<IncidentNote>,
) -> ApiResult<StatusCode> {
    require(&state, &caller, OPERATE, "annotating an incident").await?;
    if body.note.trim().is_empty() || body.note.chars().count() > 2000 {
        return Err(ApiError::invalid("note", "a note has 1-2000 characters"));
    }
    let down: Option<bool> =
        sqlx::query_scalar("SELECT up = 0 FROM monitor_samples WHERE monitor_id = ? AND at = ?")
            .bind(id)
            .bind(started)
            .fetch_optional(&state.db)
            .await?;
    if down != Some(true) {
        return Err(ApiError::NotFound(format!(
            "monitor {id} has no incident starting at {started}"
        )));
    }
    sqlx::query(
        "INSERT INTO incident_notes (monitor_id, started_at, note, author, at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (monitor_id, started_at) DO UPDATE SET note = excluded.note, author = excluded.author, at = excluded.at",
    )
    .bind(id)
    .bind(started)
    .bind(body.note.trim())
    .bind(&caller.user.username)
    .bind(state.clock.now())
    .execute(&state.db)
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct AccountPath {
    id: i64,
}

/// Sets the account's business calendar (Account Managers of the account, Service
/// Operators); the SLA of every month is measured in it from then on (4S-SLA).
#[utoipa::path(put, path = "/api/v1/accounts/{id}/business-calendar", tag = "monitoring",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    request_body = BusinessCalendarSettings,
    responses((status = 200, body = BusinessCalendarSettings), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn put_business_calendar(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(AccountPath { id }): Path<AccountPath>,
    Json(new): Json<BusinessCalendarSettings>,
) -> ApiResult<axum::Json<BusinessCalendarSettings>> {
    super::security::check_reach(&state, &caller, id, true).await?;
    if new.time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(ApiError::invalid(
            "time_zone",
            format!("'{}' is not an IANA time zone", new.time_zone),
        ));
    }
    let mut days = new.days.clone();
    days.sort_unstable();
    days.dedup();
    if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) {
        return Err(ApiError::invalid(
            "days",
            "business days are 1 (Monday) to 7 (Sunday), at least one",
        ));
    }
    let time = |field: &str, value: &str| {
        chrono::NaiveTime::parse_from_str(value, "%H:%M")
            .map_err(|_| ApiError::invalid(field, format!("'{value}' is not a time like 07:00")))
    };
    let (opens, closes) = (time("opens", &new.opens)?, time("closes", &new.closes)?);
    if opens >= closes {
        return Err(ApiError::invalid(
            "closes",
            "business hours close after they open",
        ));
    }
    let days_text: Vec<String> = days.iter().map(u8::to_string).collect();
    let done = sqlx::query(
        "UPDATE accounts SET business_time_zone = ?, business_days = ?, business_opens = ?, \
         business_closes = ? WHERE id = ?",
    )
    .bind(&new.time_zone)
    .bind(days_text.join(","))
    .bind(opens.format("%H:%M").to_string())
    .bind(closes.format("%H:%M").to_string())
    .bind(id)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound(format!("no account {id}")));
    }
    let calendar = monitoring::calendar_for(&state.db, Some(id)).await?;
    Ok(axum::Json(BusinessCalendarSettings {
        time_zone: calendar.tz.name().to_string(),
        days: (1..=7u8)
            .filter(|n| calendar.days[usize::from(n - 1)])
            .collect(),
        opens: calendar.opens.format("%H:%M").to_string(),
        closes: calendar.closes.format("%H:%M").to_string(),
    }))
}
