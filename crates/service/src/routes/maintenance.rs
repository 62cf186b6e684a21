//! Maintenance windows and series, their calendar file, sign-in announcements, releases.

use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json as JsonBody, Path, Query};
use crate::maintenance::{self, describe_times, notify_managers, Row};
use crate::notifications::Kind;
use crate::{users, AppState};
use admin_api::maintenance::to_icalendar;
use admin_api::{
    Announcement, AnnouncementKind, MaintenanceStatus, MaintenanceWindow, MaintenanceWindowPatch,
    NewMaintenanceWindow, NewRelease, Problem, Release, Role, SeriesPatch, SeriesScope, Violation,
};
use admin_policy::maintenance::{self as rules, MAINT_NOTICE_HOURS};
use admin_policy::recurrence;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct WindowPath {
    id: i64,
}

async fn require_operator(state: &AppState, caller: &CurrentUser, what: &str) -> ApiResult<()> {
    if users::has_role(&state.db, caller.user.id, Role::ServiceOperator).await? {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "only a Service Operator may {what}"
        )))
    }
}

fn validate_text(title: &str, components: &[String]) -> ApiResult<()> {
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

fn validate_times(
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
    let mut tx = state.db.begin().await?;
    maintenance::check(&candidates, &maintenance::all(&mut *tx).await?)?;
    let components = serde_json::to_string(&new.affected_components)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut ids: Vec<i64> = Vec::new();
    for (starts_at, ends_at) in &times {
        let id: i64 = sqlx::query_scalar(
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
        sqlx::query("UPDATE maintenance_windows SET series_id = id WHERE id = ?")
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
    let mut tx = state.db.begin().await?;
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
    sqlx::query(
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
    let done = sqlx::query(
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

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ScopeQuery {
    /// `following` (this occurrence and the later ones) or `all` (every scheduled one).
    scope: SeriesScope,
}

/// The scheduled occurrences a series change reaches, oldest first: the window's series
/// (a window outside any series is a series of one), from the window on or all of it.
async fn reached(
    db: impl sqlx::SqliteExecutor<'_>,
    anchor: &Row,
    scope: SeriesScope,
) -> ApiResult<Vec<Row>> {
    let rows = maintenance::all(db).await?;
    Ok(rows
        .into_iter()
        .filter(|w| match anchor.series_id {
            Some(series) => w.series_id == Some(series),
            None => w.id == anchor.id,
        })
        .filter(|w| w.status() == MaintenanceStatus::Scheduled)
        .filter(|w| scope == SeriesScope::All || w.starts_at >= anchor.starts_at)
        .collect())
}

/// Edits every scheduled occurrence of a window's series, or this one and the later ones.
/// New times are those of the window in the path; the others move by the same Helsinki
/// wall-clock shift. Moved occurrences are announced again and checked against the rules as
/// one batch (4S-MAINT-CAP, 4S-MAINT-WINDOW, 4S-MAINT-NOTICE): all change or none.
#[utoipa::path(patch, path = "/api/v1/maintenance-windows/{id}/series", tag = "maintenance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "an occurrence of the series")),
    request_body = SeriesPatch,
    responses((status = 200, body = [MaintenanceWindow]), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn update_series(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(WindowPath { id }): Path<WindowPath>,
    JsonBody(body): JsonBody<SeriesPatch>,
) -> ApiResult<Json<Vec<MaintenanceWindow>>> {
    require_operator(&state, &caller, "edit maintenance").await?;
    maintenance::tick(&state).await?;
    let now = state.clock.now();
    let patch = body.patch;
    let mut tx = state.db.begin().await?;
    let anchor = maintenance::by_id(&mut *tx, id).await?;
    if anchor.status() != MaintenanceStatus::Scheduled {
        return Err(ApiError::Conflict(format!(
            "window {id} is {}; only scheduled windows can be edited",
            anchor.status().as_str().replace('_', " ")
        )));
    }
    let targets = reached(&mut *tx, &anchor, body.scope).await?;
    let old = (anchor.starts_at, anchor.ends_at);
    let new = (
        patch.starts_at.unwrap_or(anchor.starts_at),
        patch.ends_at.unwrap_or(anchor.ends_at),
    );
    let moved = new != old;
    if moved {
        validate_times(new.0, new.1, now)?;
    }
    if let Some(title) = &patch.title {
        validate_text(title, patch.affected_components.as_deref().unwrap_or(&[]))?;
    } else if let Some(components) = &patch.affected_components {
        validate_text(&anchor.title, components)?;
    }
    let placed: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = targets
        .iter()
        .map(|w| {
            let (s, e) = if moved {
                recurrence::shift_occurrence(old, new, (w.starts_at, w.ends_at))
            } else {
                (w.starts_at, w.ends_at)
            };
            (w.id, s, e)
        })
        .collect();
    if moved {
        if let Some((_, s, _)) = placed.iter().find(|(_, s, _)| *s <= now) {
            return Err(ApiError::invalid(
                "starts_at",
                format!("an occurrence would start at {s}, which is already past"),
            ));
        }
        let ids: Vec<i64> = placed.iter().map(|(id, _, _)| *id).collect();
        // The occurrences being moved are checked as their new selves, not their old ones.
        let stored: Vec<Row> = maintenance::all(&mut *tx)
            .await?
            .into_iter()
            .filter(|w| !ids.contains(&w.id))
            .collect();
        let candidates: Vec<rules::Window> = placed
            .iter()
            .map(|&(id, starts_at, ends_at)| rules::Window {
                id: Some(id),
                starts_at,
                ends_at,
                announced_at: Some(now),
                cancelled: false,
            })
            .collect();
        maintenance::check(&candidates, &stored)?;
    }
    let components = patch
        .affected_components
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    for (wid, starts_at, ends_at) in &placed {
        sqlx::query(
            "UPDATE maintenance_windows SET title = COALESCE(?, title), \
             description = COALESCE(?, description), impact = COALESCE(?, impact), \
             affected_components = COALESCE(?, affected_components), starts_at = ?, ends_at = ?, \
             announced_at = CASE WHEN ? THEN ? ELSE announced_at END WHERE id = ?",
        )
        .bind(patch.title.as_deref().map(str::trim))
        .bind(&patch.description)
        .bind(&patch.impact)
        .bind(&components)
        .bind(starts_at)
        .bind(ends_at)
        .bind(moved)
        .bind(now)
        .bind(wid)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let mut out = Vec::with_capacity(placed.len());
    for (wid, _, _) in &placed {
        out.push(maintenance::by_id(&state.db, *wid).await?.to_api());
    }
    if moved {
        if let Some(first) = out.first() {
            let msg = format!(
                "Maintenance series moved: {} ({} windows, the next now {})",
                first.title,
                out.len(),
                describe_times(first.starts_at, first.ends_at)
            );
            notify_managers(&state.db, now, Kind::MaintenanceAnnounced, &msg).await?;
        }
    }
    Ok(Json(out))
}

/// Cancels every scheduled occurrence of a window's series, or this one and the later ones.
/// They stay listed as cancelled and count toward nothing.
#[utoipa::path(delete, path = "/api/v1/maintenance-windows/{id}/series", tag = "maintenance",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "an occurrence of the series"), ScopeQuery),
    responses((status = 200, body = [MaintenanceWindow]), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn cancel_series(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(WindowPath { id }): Path<WindowPath>,
    Query(ScopeQuery { scope }): Query<ScopeQuery>,
) -> ApiResult<Json<Vec<MaintenanceWindow>>> {
    require_operator(&state, &caller, "cancel maintenance").await?;
    maintenance::tick(&state).await?;
    let mut tx = state.db.begin().await?;
    let anchor = maintenance::by_id(&mut *tx, id).await?;
    if anchor.status() != MaintenanceStatus::Scheduled {
        return Err(ApiError::Conflict(format!(
            "window {id} is {}; only scheduled windows can be cancelled",
            anchor.status().as_str().replace('_', " ")
        )));
    }
    let targets = reached(&mut *tx, &anchor, scope).await?;
    for w in &targets {
        sqlx::query("UPDATE maintenance_windows SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'")
            .bind(w.id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let msg = format!(
        "Maintenance cancelled: {} ({} windows from {})",
        anchor.title,
        targets.len(),
        describe_times(
            targets.first().map_or(anchor.starts_at, |w| w.starts_at),
            targets.first().map_or(anchor.ends_at, |w| w.ends_at)
        )
    );
    notify_managers(
        &state.db,
        state.clock.now(),
        Kind::MaintenanceCancelled,
        &msg,
    )
    .await?;
    let mut out = Vec::with_capacity(targets.len());
    for w in &targets {
        out.push(maintenance::by_id(&state.db, w.id).await?.to_api());
    }
    Ok(Json(out))
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

/// What the sign-in page shows now, without signing in: maintenance that starts within
/// 7 days or is under way (4S-MAINT-NOTICE), and larger changes not yet shipped
/// (4S-CHANGE-NOTICE).
#[utoipa::path(get, path = "/api/v1/announcements", tag = "maintenance",
    responses((status = 200, body = [Announcement])))]
pub async fn announcements(State(state): State<AppState>) -> ApiResult<Json<Vec<Announcement>>> {
    maintenance::tick(&state).await?;
    let now = state.clock.now();
    let horizon = now + Duration::hours(MAINT_NOTICE_HOURS);
    let mut out: Vec<Announcement> = maintenance::all(&state.db)
        .await?
        .iter()
        .filter(|w| {
            matches!(
                w.status(),
                MaintenanceStatus::Scheduled | MaintenanceStatus::InProgress
            ) && w.starts_at <= horizon
                && w.ends_at > now
                && w.announced_at.is_some_and(|at| at <= now)
        })
        .map(|w| Announcement {
            kind: AnnouncementKind::Maintenance,
            title: w.title.clone(),
            message: if w.impact.is_empty() {
                describe_times(w.starts_at, w.ends_at)
            } else {
                format!("{}. {}", describe_times(w.starts_at, w.ends_at), w.impact)
            },
            at: w.starts_at,
            ends_at: Some(w.ends_at),
        })
        .collect();
    let changes: Vec<(String, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT title, description, ships_at FROM releases \
         WHERE larger_change = 1 AND ships_at > ? AND announced_at <= ? ORDER BY ships_at",
    )
    .bind(now)
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    out.extend(
        changes
            .into_iter()
            .map(|(title, description, ships_at)| Announcement {
                kind: AnnouncementKind::LargerChange,
                title,
                message: description,
                at: ships_at,
                ends_at: None,
            }),
    );
    out.sort_by_key(|a| a.at);
    Ok(Json(out))
}

/// Announces a release; a larger change must ship 7 days or more from now (4S-CHANGE-NOTICE).
#[utoipa::path(post, path = "/api/v1/releases", tag = "maintenance", security(("bearer" = [])),
    request_body = NewRelease,
    responses((status = 201, body = Release), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_release(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(new): JsonBody<NewRelease>,
) -> ApiResult<(StatusCode, Json<Release>)> {
    require_operator(&state, &caller, "announce releases").await?;
    if new.title.trim().is_empty() {
        return Err(ApiError::invalid("title", "a release needs a title"));
    }
    let now = state.clock.now();
    if let Some(breach) = rules::check_change(new.larger_change, Some(now), new.ships_at) {
        return Err(ApiError::PolicyViolation(vec![Violation::from(&breach)]));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO releases (title, description, ships_at, larger_change, announced_at) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.title.trim())
    .bind(&new.description)
    .bind(new.ships_at)
    .bind(new.larger_change)
    .bind(now)
    .fetch_one(&state.db)
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Release {
            id,
            title: new.title.trim().to_string(),
            description: new.description,
            ships_at: new.ships_at,
            larger_change: new.larger_change,
            announced_at: now,
        }),
    ))
}
