//! The uptime figures of a monitor (4S-SLA): a month's SLA, the history of months, and
//! the daily bars, each in the caller's account calendar.

use super::monitors::{require, MonitorPath, READ};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query};
use crate::monitoring::Calendars;
use crate::{maintenance, monitoring, sla_report, AppState};
use admin_api::{DayBar, Problem, SlaMonth};
use admin_policy::calendar::scheduled_maintenance;
use axum::extract::State;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    #[param(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
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
    let calendars = Calendars::of(&state.db, caller.user.account_id).await?;
    let calendar = calendars.month(first.year(), first.month());
    Ok(axum::Json(
        sla_report::month(&state, &monitor, &calendar, first.year(), first.month()).await?,
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct HistoryQuery {
    /// How many months back, this month included (1-36, default 12).
    #[param(minimum = 1, maximum = 36)]
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
    let calendars = Calendars::of(&state.db, caller.user.account_id).await?;
    let ((mut year, mut month), _) = calendars.current(state.clock.now());
    let mut out = Vec::with_capacity(months as usize);
    for _ in 0..months {
        // Each month in the calendar version in force for it (4S-SLA).
        let calendar = calendars.month(year, month);
        out.push(sla_report::month(&state, &monitor, &calendar, year, month).await?);
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
    #[param(minimum = 1, maximum = 400)]
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
    let (_, calendar) = Calendars::of(&state.db, caller.user.account_id)
        .await?
        .current(state.clock.now());
    let last = state.clock.now().with_timezone(&calendar.tz).date_naive();
    let first = last - Duration::days(i64::from(days) - 1);
    let windows: Vec<_> = maintenance::all(&state.db)
        .await?
        .iter()
        .map(|w| w.rule_window())
        .collect();
    // Announced as the rules require, month by month, as the SLA cuts it (4S-SLA).
    let mut announced = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while (year, month) <= (last.year(), last.month()) {
        announced.extend(scheduled_maintenance(&windows, &calendar, year, month));
        (year, month) = admin_policy::calendar::next_month((year, month));
    }
    let now = state.clock.now();
    Ok(axum::Json(
        monitoring::daily(&state.db, &monitor, &calendar, first, last, &announced, now).await?,
    ))
}
