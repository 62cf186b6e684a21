//! Backups, restore drills, backup alerts and restore requests (4S-BACKUP-NIGHTLY).

use super::backup_view;
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::{users, AppState};
use admin_api::{
    Backup, BackupAlert, BackupAlertKind, BackupDrill, BackupStatus, NewRestoreRequest, Problem,
    RestoreRequest, RestoreRequestPatch, RestoreScope, RestoreStatus, RestoreStep, RetentionClass,
    Role,
};
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

const READ: &[Role] = &[Role::ServiceOperator, Role::AccountManager];

#[derive(Deserialize)]
pub struct IdPath {
    id: i64,
}

#[derive(sqlx::FromRow)]
struct BackupRow {
    id: i64,
    started_at: DateTime<Utc>,
    local_date: String,
    status: String,
    size_bytes: Option<i64>,
    sha256: Option<String>,
    row_counts: Option<String>,
    duration_ms: Option<i64>,
    error: Option<String>,
    retention: String,
}

impl BackupRow {
    fn into_backup(self) -> Backup {
        Backup {
            id: self.id,
            started_at: self.started_at,
            local_date: self.local_date.parse().unwrap_or(NaiveDate::MIN),
            status: if self.status == "ok" {
                BackupStatus::Ok
            } else {
                BackupStatus::Failed
            },
            size_bytes: self.size_bytes,
            sha256: self.sha256,
            row_counts: self.row_counts.and_then(|c| serde_json::from_str(&c).ok()),
            duration_ms: self.duration_ms,
            error: self.error,
            retention: match self.retention.as_str() {
                "daily" => RetentionClass::Daily,
                "weekly" => RetentionClass::Weekly,
                _ => RetentionClass::Expired,
            },
        }
    }
}

const BACKUP_COLUMNS: &str =
    "id, started_at, local_date, status, size_bytes, sha256, row_counts, duration_ms, error, retention";

/// Every nightly backup on record, newest first, with its retention class (4S-BACKUP-NIGHTLY).
#[utoipa::path(get, path = "/api/v1/backups", tag = "backups", security(("bearer" = [])),
    responses((status = 200, body = Vec<Backup>), (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Vec<Backup>>> {
    users::require_any_role(&state.db, caller.user.id, READ, "reading backups").await?;
    let rows: Vec<BackupRow> = db::query_as(format!(
        "SELECT {BACKUP_COLUMNS} FROM backups ORDER BY started_at DESC, id DESC"
    ))
    .fetch_all(&state.db)
    .await?;
    let all = is_operator(&state, &caller).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(BackupRow::into_backup)
            .map(|b| if all { b } else { backup_view::backup(b) })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/backups/{id}", tag = "backups", security(("bearer" = [])),
    params(("id" = i64, Path, description = "backup id")),
    responses((status = 200, body = Backup), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn one(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<axum::Json<Backup>> {
    users::require_any_role(&state.db, caller.user.id, READ, "reading backups").await?;
    let found = backup(&state, id).await?;
    Ok(axum::Json(if is_operator(&state, &caller).await? {
        found
    } else {
        backup_view::backup(found)
    }))
}

async fn backup(state: &AppState, id: i64) -> ApiResult<Backup> {
    let row: Option<BackupRow> =
        db::query_as(format!("SELECT {BACKUP_COLUMNS} FROM backups WHERE id = ?"))
            .bind(id)
            .fetch_optional(&state.db)
            .await?;
    row.map(BackupRow::into_backup)
        .ok_or_else(|| ApiError::NotFound(format!("no backup {id}")))
}

/// Restore drills and their results (UQ-RESTORE-DRILL), newest first.
#[utoipa::path(get, path = "/api/v1/backup-drills", tag = "backups", security(("bearer" = [])),
    responses((status = 200, body = Vec<BackupDrill>), (status = 403, body = Problem)))]
pub async fn drills(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Vec<BackupDrill>>> {
    users::require_any_role(&state.db, caller.user.id, READ, "reading restore drills").await?;
    let rows: Vec<(i64, i64, DateTime<Utc>, bool, Option<String>, i64)> = db::query_as(
        "SELECT id, backup_id, started_at, passed, reason, duration_ms FROM backup_drills ORDER BY started_at DESC, id DESC",
    )
    .fetch_all(&state.db)
    .await?;
    let all = is_operator(&state, &caller).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(
                |(id, backup_id, started_at, passed, reason, duration_ms)| BackupDrill {
                    id,
                    backup_id,
                    started_at,
                    passed,
                    reason,
                    duration_ms,
                },
            )
            .map(|d| if all { d } else { backup_view::drill(d) })
            .collect(),
    ))
}

/// Missed nights, failed backups and failed drills (FZ-BACKUP-DAILY), newest first.
#[utoipa::path(get, path = "/api/v1/backup-alerts", tag = "backups", security(("bearer" = [])),
    responses((status = 200, body = Vec<BackupAlert>), (status = 403, body = Problem)))]
pub async fn alerts(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Vec<BackupAlert>>> {
    users::require_any_role(&state.db, caller.user.id, READ, "reading backup alerts").await?;
    let rows: Vec<(i64, DateTime<Utc>, String, String)> =
        db::query_as("SELECT id, at, kind, message FROM backup_alerts ORDER BY at DESC, id DESC")
            .fetch_all(&state.db)
            .await?;
    let all = is_operator(&state, &caller).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|(id, at, kind, message)| BackupAlert {
                id,
                at,
                kind: match kind.as_str() {
                    "missed_backup" => BackupAlertKind::MissedBackup,
                    "failed_backup" => BackupAlertKind::FailedBackup,
                    _ => BackupAlertKind::FailedDrill,
                },
                message,
            })
            .map(|a| if all { a } else { backup_view::alert(a) })
            .collect(),
    ))
}

async fn request(state: &AppState, id: i64) -> ApiResult<RestoreRequest> {
    let row: Option<(i64, String, Option<i64>, i64, String, Option<f64>)> = db::query_as(
        "SELECT account_id, scope, channel_id, backup_id, status, estimate_hours FROM restore_requests WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (account_id, scope, channel_id, backup_id, status, estimate_hours) =
        row.ok_or_else(|| ApiError::NotFound(format!("no restore request {id}")))?;
    let steps: Vec<(String, DateTime<Utc>, String, Option<String>)> =
        db::query_as("SELECT status, at, by_user, note FROM restore_request_steps WHERE request_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(&state.db)
            .await?;
    Ok(RestoreRequest {
        id,
        account_id,
        scope: if scope == "full" {
            RestoreScope::Full
        } else {
            RestoreScope::Channel
        },
        channel_id,
        backup_id,
        status: RestoreStatus::parse(&status).unwrap_or(RestoreStatus::Requested),
        estimate_hours,
        steps: steps
            .into_iter()
            .map(|(status, at, by, note)| RestoreStep {
                status: RestoreStatus::parse(&status).unwrap_or(RestoreStatus::Requested),
                at,
                by,
                note,
            })
            .collect(),
    })
}

async fn is_operator(state: &AppState, caller: &CurrentUser) -> ApiResult<bool> {
    users::has_role(&state.db, caller.user.id, Role::ServiceOperator).await
}

/// Restore requests: all for operators, the own account's for account managers.
#[utoipa::path(get, path = "/api/v1/restore-requests", tag = "backups", security(("bearer" = [])),
    responses((status = 200, body = Vec<RestoreRequest>), (status = 403, body = Problem)))]
pub async fn requests(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Vec<RestoreRequest>>> {
    users::require_any_role(&state.db, caller.user.id, READ, "reading restore requests").await?;
    let account = if is_operator(&state, &caller).await? {
        None
    } else {
        caller.user.account_id
    };
    let ids: Vec<i64> = db::query_scalar(
        "SELECT id FROM restore_requests WHERE (? IS NULL OR account_id = ?) ORDER BY id DESC",
    )
    .bind(account)
    .bind(account)
    .fetch_all(&state.db)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(request(&state, id).await?);
    }
    Ok(axum::Json(out))
}

/// An Account Manager asks for a full or one-channel restore of their account to a kept
/// snapshot (4S-RESTORE-REQUEST). The work is billed by the hour, estimated next.
#[utoipa::path(post, path = "/api/v1/restore-requests", tag = "backups", security(("bearer" = [])),
    request_body = NewRestoreRequest,
    responses((status = 201, body = RestoreRequest), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    Json(new): Json<NewRestoreRequest>,
) -> ApiResult<(StatusCode, axum::Json<RestoreRequest>)> {
    users::require_any_role(
        &state.db,
        caller.user.id,
        &[Role::AccountManager],
        "requesting a restore",
    )
    .await?;
    let account = caller.user.account_id.ok_or_else(|| {
        ApiError::Forbidden("only a user of an account can request its restore".into())
    })?;
    let snapshot = backup(&state, new.backup_id).await.map_err(|_| {
        ApiError::invalid("backup_id", format!("there is no backup {}", new.backup_id))
    })?;
    if snapshot.status != BackupStatus::Ok || snapshot.retention == RetentionClass::Expired {
        return Err(ApiError::invalid(
            "backup_id",
            "pick a kept daily or weekly snapshot",
        ));
    }
    let (scope, channel) = match (new.scope, new.channel_id) {
        (RestoreScope::Full, None) => ("full", None),
        (RestoreScope::Full, Some(_)) => {
            return Err(ApiError::invalid(
                "channel_id",
                "a full restore names no channel",
            ))
        }
        (RestoreScope::Channel, None) => {
            return Err(ApiError::invalid(
                "channel_id",
                "name the channel to restore",
            ))
        }
        (RestoreScope::Channel, Some(channel)) => {
            let owner: Option<i64> =
                db::query_scalar("SELECT account_id FROM channels WHERE id = ?")
                    .bind(channel)
                    .fetch_optional(&state.db)
                    .await?;
            if owner != Some(account) {
                return Err(ApiError::invalid(
                    "channel_id",
                    format!("channel {channel} is not in your account"),
                ));
            }
            ("channel", Some(channel))
        }
    };
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO restore_requests (account_id, requested_by, scope, channel_id, backup_id, status, note, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, 'requested', ?, ?, ?) RETURNING id",
    )
    .bind(account)
    .bind(caller.user.id)
    .bind(scope)
    .bind(channel)
    .bind(new.backup_id)
    .bind(&new.note)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    db::query("INSERT INTO restore_request_steps (request_id, status, at, by_user, note) VALUES (?, 'requested', ?, ?, ?)")
        .bind(id)
        .bind(now)
        .bind(&caller.user.username)
        .bind(&new.note)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(request(&state, id).await?)))
}

/// Moves a restore request one step; each step is recorded with who took it.
#[utoipa::path(patch, path = "/api/v1/restore-requests/{id}", tag = "backups", security(("bearer" = [])),
    params(("id" = i64, Path, description = "restore request id")), request_body = RestoreRequestPatch,
    responses((status = 200, body = RestoreRequest), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, description = "not a next step", body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IdPath { id }): Path<IdPath>,
    Json(patch): Json<RestoreRequestPatch>,
) -> ApiResult<axum::Json<RestoreRequest>> {
    users::require_any_role(
        &state.db,
        caller.user.id,
        READ,
        "changing a restore request",
    )
    .await?;
    let current = request(&state, id).await?;
    let operator = is_operator(&state, &caller).await?;
    if !operator && caller.user.account_id != Some(current.account_id) {
        return Err(ApiError::NotFound(format!("no restore request {id}")));
    }
    let role = current.status.step_by(patch.status).ok_or_else(|| {
        ApiError::Conflict(format!(
            "a restore request cannot go from {} to {}",
            current.status.as_str(),
            patch.status.as_str()
        ))
    })?;
    users::require_any_role(&state.db, caller.user.id, &[role], "this step").await?;
    let estimate = match (patch.status, patch.estimate_hours) {
        (RestoreStatus::Estimated, Some(h)) if h > 0.0 && h <= 1000.0 => Some(h),
        (RestoreStatus::Estimated, _) => {
            return Err(ApiError::invalid(
                "estimate_hours",
                "an estimate is between 0 and 1000 hours",
            ))
        }
        _ => current.estimate_hours,
    };
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query(
        "UPDATE restore_requests SET status = ?, estimate_hours = ?, updated_at = ? WHERE id = ?",
    )
    .bind(patch.status.as_str())
    .bind(estimate)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    db::query("INSERT INTO restore_request_steps (request_id, status, at, by_user, note) VALUES (?, ?, ?, ?, ?)")
        .bind(id)
        .bind(patch.status.as_str())
        .bind(now)
        .bind(&caller.user.username)
        .bind(&patch.note)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(axum::Json(request(&state, id).await?))
}
