//! A maintenance series: editing or cancelling its scheduled occurrences, from one on or all.

use super::maintenance::{require_operator, validate_text, validate_times, WindowPath};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json as JsonBody, Path, Query};
use crate::maintenance::{self, describe_times, notify_managers, Row};
use crate::notifications::Kind;
use crate::AppState;
use admin_api::{MaintenanceStatus, MaintenanceWindow, Problem, SeriesPatch, SeriesScope};
use admin_policy::maintenance as rules;
use admin_policy::recurrence;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ScopeQuery {
    /// `following` (this occurrence and the later ones) or `all` (every scheduled one).
    scope: SeriesScope,
}

/// The scheduled occurrences a series change reaches, oldest first: the window's series
/// (a window outside any series is a series of one), from the window on or all of it.
async fn reached(
    db: impl crate::db::Executor<'_>,
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
    let mut tx = crate::db::begin_write(&state.db).await?;
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
        db::query(
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
    let mut tx = crate::db::begin_write(&state.db).await?;
    let anchor = maintenance::by_id(&mut *tx, id).await?;
    if anchor.status() != MaintenanceStatus::Scheduled {
        return Err(ApiError::Conflict(format!(
            "window {id} is {}; only scheduled windows can be cancelled",
            anchor.status().as_str().replace('_', " ")
        )));
    }
    let targets = reached(&mut *tx, &anchor, scope).await?;
    for w in &targets {
        db::query("UPDATE maintenance_windows SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'")
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
