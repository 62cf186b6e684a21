//! Outside probers (4S-SLA): registered by Service Operators, they fetch the http monitors
//! to check and report samples and heartbeats with their own token. Push monitors take
//! heartbeats with a prober token too.

use super::monitors::MonitorPath;
use crate::auth::{self, CurrentUser};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::extract::Path;
use crate::{monitoring, users, AppState};
use admin_api::{
    MonitorKind, NewProber, ProbeReport, ProbeReportResult, ProbeTarget, Prober, ProberCreated,
    Problem, Role,
};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use chrono::DateTime;

/// A request that carries a registered prober's token.
pub struct ProberCaller {
    pub id: i64,
}

impl FromRequestParts<AppState> for ProberCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let token = auth::bearer(&parts.headers).ok_or(ApiError::Unauthenticated)?;
        let id: Option<i64> = db::query_scalar("SELECT id FROM probers WHERE token_hash = ?")
            .bind(auth::token_hash(token))
            .fetch_optional(&state.db)
            .await?;
        id.map(|id| ProberCaller { id })
            .ok_or(ApiError::Unauthenticated)
    }
}

async fn prober(state: &AppState, id: i64) -> ApiResult<Prober> {
    let (name, last): (String, Option<i64>) = db::query_as(
        "SELECT name, (SELECT MAX(at) FROM prober_heartbeats h WHERE h.prober_id = p.id) \
         FROM probers p WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&state.db)
    .await?;
    Ok(Prober {
        id,
        name,
        last_heartbeat_at: last.and_then(|at| DateTime::from_timestamp(at, 0)),
    })
}

/// Service Operators register a prober; its token is in this answer only.
#[utoipa::path(post, path = "/api/v1/probers", tag = "monitoring", security(("bearer" = [])),
    request_body = NewProber,
    responses((status = 201, body = ProberCreated), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    Json(new): Json<NewProber>,
) -> ApiResult<(StatusCode, axum::Json<ProberCreated>)> {
    users::require_any_role(
        &state.db,
        caller.user.id,
        &[Role::ServiceOperator],
        "registering a prober",
    )
    .await?;
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid(
            "name",
            "a prober needs a name of 1-100 characters",
        ));
    }
    let token = auth::new_token();
    let id: Option<i64> = db::query_scalar(
        "INSERT INTO probers (name, token_hash, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (name) DO NOTHING RETURNING id",
    )
    .bind(name)
    .bind(auth::token_hash(token.expose()))
    .bind(state.clock.now())
    .fetch_optional(&state.db)
    .await?;
    let id = id.ok_or_else(|| ApiError::Conflict(format!("a prober named '{name}' exists")))?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ProberCreated {
            prober: prober(&state, id).await?,
            token: token.expose().to_string(),
        }),
    ))
}

/// The registered probers and when each last ran.
#[utoipa::path(get, path = "/api/v1/probers", tag = "monitoring", security(("bearer" = [])),
    responses((status = 200, body = Vec<Prober>), (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Vec<Prober>>> {
    users::require_any_role(
        &state.db,
        caller.user.id,
        &[Role::ServiceOperator, Role::AccountManager],
        "reading probers",
    )
    .await?;
    let ids: Vec<i64> = db::query_scalar("SELECT id FROM probers ORDER BY id")
        .fetch_all(&state.db)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(prober(&state, id).await?);
    }
    Ok(axum::Json(out))
}

/// The unpaused http monitors a prober checks (prober token).
#[utoipa::path(get, path = "/api/v1/probe/targets", tag = "monitoring", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProbeTarget>), (status = 401, body = Problem)))]
pub async fn targets(
    State(state): State<AppState>,
    _prober: ProberCaller,
) -> ApiResult<axum::Json<Vec<ProbeTarget>>> {
    let rows: Vec<(i64, String, i64)> = db::query_as(
        "SELECT id, target, interval_s FROM monitors \
         WHERE kind = 'http' AND paused = FALSE AND target IS NOT NULL ORDER BY id",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|(monitor_id, target, interval_s)| ProbeTarget {
                monitor_id,
                target,
                interval_s: interval_s as u32,
            })
            .collect(),
    ))
}

/// A prober's heartbeats and samples, perhaps held back while the service was down.
/// Idempotent: a sample already recorded for its monitor and second is left as it is.
#[utoipa::path(post, path = "/api/v1/probe/reports", tag = "monitoring", security(("bearer" = [])),
    request_body = ProbeReport,
    responses((status = 200, body = ProbeReportResult), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn report(
    State(state): State<AppState>,
    prober: ProberCaller,
    Json(report): Json<ProbeReport>,
) -> ApiResult<axum::Json<ProbeReportResult>> {
    if report.samples.len() > 100_000 || report.heartbeats.len() > 100_000 {
        return Err(ApiError::invalid(
            "samples",
            "at most 100000 samples and 100000 heartbeats a report",
        ));
    }
    let http: Vec<i64> = db::query_scalar("SELECT id FROM monitors WHERE kind = 'http'")
        .fetch_all(&state.db)
        .await?;
    if let Some(bad) = report
        .samples
        .iter()
        .find(|s| !http.contains(&s.monitor_id))
    {
        return Err(ApiError::invalid(
            "samples",
            format!("monitor {} is not an http monitor", bad.monitor_id),
        ));
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    for at in &report.heartbeats {
        db::query(
            "INSERT INTO prober_heartbeats (prober_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(prober.id)
        .bind(at.timestamp())
        .execute(&mut *tx)
        .await?;
    }
    let mut earliest: std::collections::BTreeMap<i64, chrono::DateTime<chrono::Utc>> =
        Default::default();
    for sample in &report.samples {
        let at = earliest.entry(sample.monitor_id).or_insert(sample.at);
        *at = (*at).min(sample.at);
    }
    for (monitor_id, at) in earliest {
        crate::sla_report::forget_from(&mut *tx, monitor_id, at).await?;
    }
    let mut accepted = 0;
    for sample in &report.samples {
        let done = db::query(
            "INSERT INTO monitor_samples (monitor_id, at, up, status_code, latency_ms) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(sample.monitor_id)
        .bind(sample.at.timestamp())
        .bind(sample.up)
        .bind(sample.status_code)
        .bind(sample.latency_ms)
        .execute(&mut *tx)
        .await?;
        accepted += done.rows_affected() as u32;
    }
    tx.commit().await?;
    Ok(axum::Json(ProbeReportResult {
        accepted,
        duplicates: report.samples.len() as u32 - accepted,
    }))
}

/// A push monitor's heartbeat, timed by the service (prober token): the monitored system
/// calls this every interval; silence past interval plus grace is down.
#[utoipa::path(post, path = "/api/v1/monitors/{id}/heartbeat", tag = "monitoring", security(("bearer" = [])),
    params(("id" = i64, Path, description = "monitor id")),
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "not a push monitor", body = Problem)))]
pub async fn heartbeat(
    State(state): State<AppState>,
    _prober: ProberCaller,
    Path(MonitorPath { id }): Path<MonitorPath>,
) -> ApiResult<StatusCode> {
    if monitoring::get(&state.db, id).await?.kind != MonitorKind::Push {
        return Err(ApiError::Conflict(format!(
            "monitor {id} is probed, not pushed to"
        )));
    }
    let now = state.clock.now();
    crate::sla_report::forget_from(&state.db, id, now).await?;
    db::query("INSERT INTO monitor_samples (monitor_id, at, up) VALUES (?, ?, TRUE) ON CONFLICT DO NOTHING")
        .bind(id)
        .bind(now.timestamp())
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
