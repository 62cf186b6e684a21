//! The signed-in user as they are now, and changing their own password (UQ-PW-SELF).

use crate::audit_tx::{Audit, Recorded};
use crate::auth::{self, CurrentUser};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::users::{self, Activity};
use crate::{passwords, AppState};
use admin_api::{ChangePasswordRequest, Me, Problem};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;

/// The signed-in user, their account and their roles as they are now.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
pub async fn me(State(state): State<AppState>, caller: CurrentUser) -> ApiResult<axum::Json<Me>> {
    Ok(axum::Json(Me {
        account: users::account(&state.db, caller.user.account_id).await?,
        assignments: users::assignments(&state.db, caller.user.id).await?,
        idle_expires_at: caller.idle_expires_at,
        user: caller.user.to_user(),
    }))
}

/// Changes one's own password (UQ-PW-SELF), recorded as a user activity (UQ-ACTIVITY-PW).
/// The user's other sessions end: whoever knew the old password is out.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "me", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses((status = 204), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 423, description = "the third wrong current password locked the account",
            body = Problem)))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Json(req): Json<ChangePasswordRequest>,
) -> ApiResult<(StatusCode, Extension<Recorded>)> {
    // Under the sign-in lock and read fresh: a wrong current password counts like a failed
    // sign-in (UQ-LOCKOUT-3), so this route is no way to guess around the lockout.
    let lock = state.sign_in_lock(caller.user.id);
    let _one_at_a_time = lock.lock().await;
    let user = &users::by_id(&state.db, caller.user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if !passwords::verify(&req.current_password, &user.password_hash).await? {
        return Err(match super::sessions::record_failure(&state, user).await? {
            locked @ ApiError::Locked(_) => {
                auth::end_user_sessions(&state, user.id, "locked", None).await?;
                locked
            }
            _ => ApiError::invalid("current_password", "the current password is wrong"),
        });
    }
    let rules = users::rules_for(&state.db, user.account_id).await?;
    admin_policy::password::validate(req.new_password.expose(), rules.min_password_len)
        .map_err(|e| ApiError::invalid("new_password", e.to_string()))?;
    let hash = passwords::hash(&req.new_password).await?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    users::record_activity(&mut *tx, user.id, now, Activity::PasswordChanged, "").await?;
    auth::end_user_sessions_in(
        &mut tx,
        now,
        user.id,
        "password_changed",
        Some(caller.session_id),
    )
    .await?;
    let recorded = audit.commit(&state, tx, StatusCode::NO_CONTENT).await?;
    Ok((StatusCode::NO_CONTENT, recorded))
}
