//! Uptime monitors: samples, SLA, daily bars, latency, incidents, the business calendar.
//! Over 500 lines while issue 14 reworks these handlers; SLA figures and incidents split out after.

use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::monitoring::Calendars;
use crate::{monitoring, users, AppState};
use admin_api::{
    IncidentNote, IncidentView, LatencyPoint, Monitor, MonitorKind, MonitorPatch, NewMonitor,
    Problem, PushResult, PushSample, Role,
};
use admin_policy::sla;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct MonitorPath {
    pub id: i64,
}

#[derive(Deserialize)]
pub struct IncidentPath {
    id: i64,
    /// Unix seconds of the incident's first down sample.
    started: i64,
}

pub(super) async fn require(
    state: &AppState,
    caller: &CurrentUser,
    roles: &[Role],
    what: &str,
) -> ApiResult<()> {
    users::require_any_role(&state.db, caller.user.id, roles, what).await
}

pub(super) const OPERATE: &[Role] = &[Role::ServiceOperator];
pub(super) const READ: &[Role] = &[Role::ServiceOperator, Role::AccountManager];

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

fn check_grace(grace_s: u32) -> ApiResult<u32> {
    (grace_s <= 86_400)
        .then_some(grace_s)
        .ok_or_else(|| ApiError::invalid("grace_s", "grace_s must be between 0 and 86400 seconds"))
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
    let grace = check_grace(new.grace_s.unwrap_or(60))?;
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
    let id: i64 = db::query_scalar(
        "INSERT INTO monitors (name, kind, target, interval_s, grace_s, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.name.trim())
    .bind(kind)
    .bind(&new.target)
    .bind(interval)
    .bind(grace)
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
    if let Some(grace) = patch.grace_s {
        check_grace(grace)?;
    }
    if let Some(target) = &patch.target {
        if current.kind == MonitorKind::Push {
            return Err(ApiError::invalid("target", "a push monitor has no target"));
        }
        check_target(target)?;
    }
    db::query(
        "UPDATE monitors SET name = COALESCE(?, name), target = COALESCE(?, target), \
         interval_s = COALESCE(?, interval_s), paused = COALESCE(?, paused), \
         grace_s = COALESCE(?, grace_s) WHERE id = ?",
    )
    .bind(patch.name.as_deref().map(str::trim))
    .bind(&patch.target)
    .bind(patch.interval_s)
    .bind(patch.paused)
    .bind(patch.grace_s)
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
    db::query("DELETE FROM monitors WHERE id = ?")
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
    let mut tx = crate::db::begin_write(&state.db).await?;
    if let Some(earliest) = batch.iter().map(|s| s.at).min() {
        crate::sla_report::forget_from(&mut *tx, id, earliest).await?;
    }
    let mut accepted = 0;
    for sample in &batch {
        let done = db::query("INSERT INTO monitor_samples (monitor_id, at, up, latency_ms) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
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
    let rows: Vec<(i64, f64, f64)> = db::query_as(
        // DOUBLE PRECISION: PostgreSQL's AVG of integers is NUMERIC and its REAL is 4 bytes.
        "SELECT (at / ?) * ? AS bucket, CAST(AVG(latency_ms) AS DOUBLE PRECISION), \
         CAST(MAX(latency_ms) AS DOUBLE PRECISION) FROM monitor_samples \
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
    let calendars = Calendars::of(&state.db, caller.user.account_id).await?;
    let samples = monitoring::samples(&state.db, id, from, to).await?;
    let notes: Vec<(i64, String)> =
        db::query_as("SELECT started_at, note FROM incident_notes WHERE monitor_id = ?")
            .bind(id)
            .fetch_all(&state.db)
            .await?;
    // An incident is judged in the calendar in force for the month it started in.
    let calendar_at = |at: DateTime<Utc>| calendars.current(at).1;
    let views = sla::incidents(&samples)
        .into_iter()
        .map(|incident| IncidentView {
            started_at: incident.start,
            ended_at: incident.end,
            duration_s: incident.end.map(|end| (end - incident.start).num_seconds()),
            time_to_fix_business_s: incident.time_to_fix_business_s(&calendar_at(incident.start)),
            fixed_same_business_day: incident.fixed_same_business_day(&calendar_at(incident.start)),
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
        db::query_scalar("SELECT up = FALSE FROM monitor_samples WHERE monitor_id = ? AND at = ?")
            .bind(id)
            .bind(started)
            .fetch_optional(&state.db)
            .await?;
    if down != Some(true) {
        return Err(ApiError::NotFound(format!(
            "monitor {id} has no incident starting at {started}"
        )));
    }
    db::query(
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
