//! Maintenance windows: listing, scheduling, editing and cancelling one, and the calendar file.

use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json as JsonBody, Path};
use crate::maintenance::{self, describe_times, notify_managers, Row};
use crate::notifications::Kind;
use crate::{users, AppState};
use admin_api::maintenance::to_icalendar;
use admin_api::{
    MaintenanceStatus, MaintenanceWindow, MaintenanceWindowPatch, NewMaintenanceWindow, Problem,
    Role,
};
use admin_policy::maintenance as rules;
use admin_policy::recurrence;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct WindowPath {
    pub(super) id: i64,
}

pub(super) async fn require_operator(
    state: &AppState,
    caller: &CurrentUser,
    what: &str,
) -> ApiResult<()> {
    if users::has_role(&state.db, caller.user.id, Role::ServiceOperator).await? {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "only a Service Operator may {what}"
        )))
    }
}

pub(super) fn validate_text(title: &str, components: &[String]) -> ApiResult<()> {
    if title.trim().is_empty() {
        return Err(ApiError::invalid("title", "a window needs a title"));
    }
    if title.chars().count() > 200 {
        return Err(ApiError::invalid(
            "title",
            "a title is at most 200 characters",
        ));
    }
    if components.iter().any(|c| c.trim().is_empty()) {
        return Err(ApiError::invalid(
            "affected_components",
            "component names cannot be empty",
        ));
    }
    Ok(())
}

pub(super) fn validate_times(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if ends_at <= starts_at {
        return Err(ApiError::invalid(
            "ends_at",
            "a window must end after it starts",
        ));
    }
    if starts_at <= now {
        return Err(ApiError::invalid(
            "starts_at",
            "a window is scheduled ahead; this start is already past",
        ));
    }
    Ok(())
}

/// Every window, oldest first, with its status brought up to the clock.
#[utoipa::path(get, path = "/api/v1/maintenance-windows", tag = "maintenance", security(("bearer" = [])),
    responses((status = 200, body = [MaintenanceWindow]), (status = 401, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    _caller: CurrentUser,
) -> ApiResult<Json<Vec<MaintenanceWindow>>> {
    maintenance::tick(&state).await?;
    let rows = maintenance::all(&state.db).await?;
    Ok(Json(rows.iter().map(Row::to_api).collect()))
}

/// Schedules a window (or, with `recurrence`, a series) and announces it at once. A window
/// that breaks 4S-MAINT-CAP, 4S-MAINT-WINDOW or 4S-MAINT-NOTICE is refused with 422.
#[utoipa::path(post, path = "/api/v1/maintenance-windows", tag = "maintenance", security(("bearer" = [])),
    request_body = NewMaintenanceWindow,
    responses((status = 201, body = [MaintenanceWindow]), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(new): JsonBody<NewMaintenanceWindow>,
) -> ApiResult<(StatusCode, Json<Vec<MaintenanceWindow>>)> {
    require_operator(&state, &caller, "schedule maintenance").await?;
    let now = state.clock.now();
    validate_text(&new.title, &new.affected_components)?;
    validate_times(new.starts_at, new.ends_at, now)?;
    let rule = new
        .recurrence
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let times = match rule {
        Some(rule) => recurrence::expand(rule, new.starts_at, new.ends_at)
            .map_err(|e| ApiError::invalid("recurrence", e))?,
        None => vec![(new.starts_at, new.ends_at)],
    };
    if times.is_empty() {
        return Err(ApiError::invalid(
            "recurrence",
            "the rule yields no window on or after the start",
        ));
    }
    let candidates: Vec<rules::Window> = times
        .iter()
        .map(|&(starts_at, ends_at)| rules::Window {
            announced_at: Some(now),
            ..rules::Window::new(starts_at, ends_at)
        })
        .collect();
    let mut tx = crate::db::begin_write(&state.db).await?;
    maintenance::check(&candidates, &maintenance::all(&mut *tx).await?)?;
    let components = serde_json::to_string(&new.affected_components)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut ids: Vec<i64> = Vec::new();
    for (starts_at, ends_at) in &times {
        let id: i64 = db::query_scalar(
            "INSERT INTO maintenance_windows (title, description, impact, affected_components, \
             starts_at, ends_at, announced_at, series_id, recurrence, created_by, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(new.title.trim())
        .bind(&new.description)
        .bind(&new.impact)
        .bind(&components)
        .bind(starts_at)
        .bind(ends_at)
        .bind(now)
        .bind(ids.first().copied())
        .bind(rule)
        .bind(caller.user.id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    if rule.is_some() {
        // The first occurrence names the series, itself included.
        db::query("UPDATE maintenance_windows SET series_id = id WHERE id = ?")
            .bind(ids[0])
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let first = &times[0];
    let series = if times.len() > 1 {
        format!(" and {} more in the series", times.len() - 1)
    } else {
        String::new()
    };
    let msg = format!(
        "Maintenance announced: {} ({}){series}",
        new.title.trim(),
        describe_times(first.0, first.1)
    );
    notify_managers(&state.db, now, Kind::MaintenanceAnnounced, &msg).await?;
    let mut created = Vec::new();
    for id in ids {
        created.push(maintenance::by_id(&state.db, id).await?.to_api());
    }
    Ok((StatusCode::CREATED, Json(created)))
}

/// Edits a scheduled window. New times are announced again, so the notice counts from now.
#[utoipa::path(patch, path = "/api/v1/maintenance-windows/{id}", tag = "maintenance", security(("bearer" = [])),
    params(("id" = i64, Path, description = "window id")),
    request_body = MaintenanceWindowPatch,
    responses((status = 200, body = MaintenanceWindow), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(WindowPath { id }): Path<WindowPath>,
    JsonBody(patch): JsonBody<MaintenanceWindowPatch>,
) -> ApiResult<Json<MaintenanceWindow>> {
    require_operator(&state, &caller, "edit maintenance").await?;
    maintenance::tick(&state).await?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let old = maintenance::by_id(&mut *tx, id).await?;
    if old.status() != MaintenanceStatus::Scheduled {
        return Err(ApiError::Conflict(format!(
            "window {id} is {}; only scheduled windows can be edited",
            old.status().as_str().replace('_', " ")
        )));
    }
    let title = patch.title.unwrap_or(old.title.clone());
    let components = patch
        .affected_components
        .unwrap_or_else(|| serde_json::from_str(&old.affected_components).unwrap_or_default());
    validate_text(&title, &components)?;
    let starts_at = patch.starts_at.unwrap_or(old.starts_at);
    let ends_at = patch.ends_at.unwrap_or(old.ends_at);
    let moved = starts_at != old.starts_at || ends_at != old.ends_at;
    if moved {
        validate_times(starts_at, ends_at, now)?;
    }
    let announced_at = if moved { Some(now) } else { old.announced_at };
    let candidate = rules::Window {
        id: Some(id),
        starts_at,
        ends_at,
        announced_at,
        cancelled: false,
    };
    if moved {
        maintenance::check(&[candidate], &maintenance::all(&mut *tx).await?)?;
    }
    db::query(
        "UPDATE maintenance_windows SET title = ?, description = ?, impact = ?, \
         affected_components = ?, starts_at = ?, ends_at = ?, announced_at = ? WHERE id = ?",
    )
    .bind(title.trim())
    .bind(patch.description.unwrap_or(old.description))
    .bind(patch.impact.unwrap_or(old.impact))
    .bind(serde_json::to_string(&components).map_err(|e| ApiError::Internal(e.to_string()))?)
    .bind(starts_at)
    .bind(ends_at)
    .bind(announced_at)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if moved {
        let msg = format!(
            "Maintenance moved: {} (now {})",
            title.trim(),
            describe_times(starts_at, ends_at)
        );
        notify_managers(&state.db, now, Kind::MaintenanceAnnounced, &msg).await?;
    }
    Ok(Json(maintenance::by_id(&state.db, id).await?.to_api()))
}

/// Cancels a scheduled window; it stays listed as cancelled and counts toward nothing.
#[utoipa::path(delete, path = "/api/v1/maintenance-windows/{id}", tag = "maintenance", security(("bearer" = [])),
    params(("id" = i64, Path, description = "window id")),
    responses((status = 200, body = MaintenanceWindow), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn cancel(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(WindowPath { id }): Path<WindowPath>,
) -> ApiResult<Json<MaintenanceWindow>> {
    require_operator(&state, &caller, "cancel maintenance").await?;
    maintenance::tick(&state).await?;
    let done = db::query(
        "UPDATE maintenance_windows SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'",
    )
    .bind(id)
    .execute(&state.db)
    .await?;
    let row = maintenance::by_id(&state.db, id).await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::Conflict(format!(
            "window {id} is {}; only scheduled windows can be cancelled",
            row.status().as_str().replace('_', " ")
        )));
    }
    let msg = format!(
        "Maintenance cancelled: {} ({})",
        row.title,
        describe_times(row.starts_at, row.ends_at)
    );
    notify_managers(
        &state.db,
        state.clock.now(),
        Kind::MaintenanceCancelled,
        &msg,
    )
    .await?;
    Ok(Json(row.to_api()))
}

/// The windows as an RFC 5545 calendar, for calendar applications.
#[utoipa::path(get, path = "/api/v1/maintenance-windows.ics", tag = "maintenance", security(("bearer" = [])),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 401, body = Problem)))]
pub async fn calendar(
    State(state): State<AppState>,
    _caller: CurrentUser,
) -> ApiResult<impl IntoResponse> {
    maintenance::tick(&state).await?;
    let windows: Vec<MaintenanceWindow> = maintenance::all(&state.db)
        .await?
        .iter()
        .map(Row::to_api)
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"maintenance.ics\"",
            ),
        ],
        to_icalendar(&windows, state.clock.now()),
    ))
}
