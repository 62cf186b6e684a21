//! Blocking (UQ-BLOCK) and unblocking users.

use crate::audit_tx::{Audit, Recorded};
use crate::auth::{self, CurrentUser};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::Path;
use crate::users::{self, Activity};
use crate::{notifications, scope, AppState};
use admin_api::{BlockReceipt, Problem, Role, User};
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;

/// Path parameters as a struct, so a bad value is named `id` in the answer.
#[derive(Deserialize)]
pub struct UserPath {
    id: i64,
}

async fn require_operator(state: &AppState, caller: &CurrentUser) -> ApiResult<()> {
    if users::has_role(&state.db, caller.user.id, Role::ServiceOperator).await? {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only a Service Operator may block or unblock users".into(),
        ))
    }
}

async fn set_blocked(
    state: &AppState,
    tx: &mut crate::db::Conn,
    id: i64,
    blocked: bool,
) -> ApiResult<()> {
    let done = db::query("UPDATE users SET blocked = ? WHERE id = ?")
        .bind(blocked)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::NotFound(format!("no user {id}")));
    }
    let kind = if blocked {
        Activity::Blocked
    } else {
        Activity::Unblocked
    };
    let now = state.clock.now();
    users::record_activity(&mut *tx, id, now, kind, "").await?;
    let (note, message) = if blocked {
        (
            notifications::Kind::Blocked,
            "A Service Operator blocked your access.",
        )
    } else {
        (
            notifications::Kind::Unblocked,
            "A Service Operator restored your access.",
        )
    };
    notifications::notify(&mut *tx, id, now, note, message).await?;
    Ok(())
}

async fn fresh(state: &AppState, id: i64) -> ApiResult<users::UserRow> {
    users::by_id(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no user {id}")))
}

/// Blocks a user and ends their open sessions at once (UQ-BLOCK); the receipt says how many.
#[utoipa::path(post, path = "/api/v1/users/{id}/block", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = BlockReceipt), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn block(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(UserPath { id }): Path<UserPath>,
) -> ApiResult<(Extension<Recorded>, Json<BlockReceipt>)> {
    // Who the caller may not see does not exist for them (UQ-SCOPE), whatever their role.
    let target = scope::visible_user(&state.db, caller.user.id, id).await?;
    require_operator(&state, &caller).await?;
    scope::require_may_act(&state.db, caller.user.id, &target, "blocking a user").await?;
    if id == caller.user.id {
        return Err(ApiError::Conflict("you cannot block yourself".into()));
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    set_blocked(&state, &mut tx, id, true).await?;
    let sessions_ended =
        auth::end_user_sessions_in(&mut tx, state.clock.now(), id, "blocked", None).await?;
    let recorded = audit
        .about(&target.username)
        .commit(&state, tx, StatusCode::OK)
        .await?;
    Ok((
        recorded,
        Json(BlockReceipt {
            user: fresh(&state, id).await?.to_user(),
            sessions_ended,
            at: state.clock.now(),
        }),
    ))
}

/// Lets a blocked user sign in again.
#[utoipa::path(post, path = "/api/v1/users/{id}/unblock", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = User), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn unblock(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(UserPath { id }): Path<UserPath>,
) -> ApiResult<(Extension<Recorded>, Json<User>)> {
    // Who the caller may not see does not exist for them (UQ-SCOPE), whatever their role.
    let target = scope::visible_user(&state.db, caller.user.id, id).await?;
    require_operator(&state, &caller).await?;
    scope::require_may_act(&state.db, caller.user.id, &target, "unblocking a user").await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    set_blocked(&state, &mut tx, id, false).await?;
    let recorded = audit
        .about(&target.username)
        .commit(&state, tx, StatusCode::OK)
        .await?;
    Ok((recorded, Json(fresh(&state, id).await?.to_user())))
}
