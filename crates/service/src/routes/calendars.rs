//! An account's business calendar over time (4S-SLA): Service Operators change it from
//! the next month on; the account's managers see every version and who set it when.

use super::monitors::{require, OPERATE, READ};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::monitoring::{self, Calendars};
use crate::AppState;
use admin_api::{
    BusinessCalendarHistory, BusinessCalendarSettings, BusinessCalendarVersion, Problem,
};
use admin_policy::business::BusinessCalendar;
use admin_policy::calendar::{earliest_effective, YearMonth};
use axum::extract::State;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AccountPath {
    id: i64,
}

fn settings_of(calendar: &BusinessCalendar) -> BusinessCalendarSettings {
    BusinessCalendarSettings {
        time_zone: calendar.tz.name().to_string(),
        days: (1..=7u8)
            .filter(|n| calendar.days[usize::from(n - 1)])
            .collect(),
        opens: calendar.opens.format("%H:%M").to_string(),
        closes: calendar.closes.format("%H:%M").to_string(),
    }
}

fn month_text((year, month): YearMonth) -> String {
    format!("{year:04}-{month:02}")
}

/// The account's business calendar: the one in force now, every version with who set it
/// and when, and the first month a change made now would govern (4S-SLA). Account
/// Managers of the account and Service Operators read it.
#[utoipa::path(get, path = "/api/v1/accounts/{id}/business-calendar", tag = "monitoring",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    responses((status = 200, body = BusinessCalendarHistory), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_business_calendar(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(AccountPath { id }): Path<AccountPath>,
) -> ApiResult<axum::Json<BusinessCalendarHistory>> {
    require(&state, &caller, READ, "reading a business calendar").await?;
    super::security::check_reach(&state, &caller, id, false).await?;
    Ok(axum::Json(history(&state, id).await?))
}

async fn history(state: &AppState, id: i64) -> ApiResult<BusinessCalendarHistory> {
    let now = state.clock.now();
    let (month, in_force) = Calendars::of(&state.db, Some(id)).await?.current(now);
    let versions = monitoring::calendar_versions(&state.db, Some(id)).await?;
    Ok(BusinessCalendarHistory {
        in_force: settings_of(&in_force),
        month: month_text(month),
        next_change_from: month_text(earliest_effective(&in_force, now)),
        versions: versions
            .iter()
            .rev()
            .map(|v| BusinessCalendarVersion {
                effective_from: month_text(v.version.effective_from),
                calendar: settings_of(&v.version.calendar),
                changed_by: v.changed_by.clone(),
                changed_at: v.changed_at,
            })
            .collect(),
    })
}

/// Sets the account's business calendar from the next calendar month on (Service
/// Operators only). Months already begun keep the version in force for them, so a closed
/// month's report never changes (4S-SLA); a change not yet in force is replaced.
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
    require(&state, &caller, OPERATE, "changing a business calendar").await?;
    let exists: Option<i64> = db::query_scalar("SELECT id FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        return Err(ApiError::NotFound(format!("no account {id}")));
    }
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
    let now = state.clock.now();
    let (_, in_force) = Calendars::of(&state.db, Some(id)).await?.current(now);
    let from = earliest_effective(&in_force, now);
    let days_text: Vec<String> = days.iter().map(u8::to_string).collect();
    // A version for a month not yet begun is replaced; anything later than it too, so the
    // newest change is what the coming months get.
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query(
        "DELETE FROM business_calendar_versions WHERE account_id = ? AND effective_from >= ?",
    )
    .bind(id)
    .bind(month_text(from))
    .execute(&mut *tx)
    .await?;
    db::query(
        "INSERT INTO business_calendar_versions (account_id, effective_from, time_zone, days, \
         opens, closes, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(month_text(from))
    .bind(&new.time_zone)
    .bind(days_text.join(","))
    .bind(opens.format("%H:%M").to_string())
    .bind(closes.format("%H:%M").to_string())
    .bind(&caller.user.username)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let saved = Calendars::of(&state.db, Some(id))
        .await?
        .month(from.0, from.1);
    Ok(axum::Json(settings_of(&saved)))
}
