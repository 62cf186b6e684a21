//! Granting and revoking roles (UQ-DELEGATE-ACCOUNT, UQ-DELEGATE-CHANNEL).
//!
//! The caller's roles are read for this request only, so a revoked delegator is refused at once
//! (UQ-REVOKE-LIVE).

use crate::audit_tx::{Audit, Recorded};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::{notifications, scope, users, AppState};
use admin_api::{GrantRequest, Problem, RevocationReceipt, RoleAssignment, Scope};
use admin_policy::delegation::{self, Grant};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use serde::Deserialize;

fn scope_parts(scope: Scope) -> (&'static str, i64) {
    match scope {
        Scope::Platform => ("platform", 0),
        Scope::Account { id } => ("account", id),
        Scope::Channel { id } => ("channel", id),
    }
}

/// A readable name of a scope for notification texts.
async fn scope_name(state: &AppState, scope: Scope) -> ApiResult<String> {
    let name: Option<String> = match scope {
        Scope::Platform => return Ok("the platform".into()),
        Scope::Account { id } => {
            db::query_scalar("SELECT name FROM accounts WHERE id = ?")
                .bind(id)
                .fetch_optional(&state.db)
                .await?
        }
        Scope::Channel { id } => {
            db::query_scalar("SELECT name FROM channels WHERE id = ?")
                .bind(id)
                .fetch_optional(&state.db)
                .await?
        }
    };
    Ok(name.unwrap_or_else(|| "an unknown scope".into()))
}

/// Grants a role at a scope, if the caller's own roles cover it.
#[utoipa::path(post, path = "/api/v1/role-assignments", tag = "users", security(("bearer" = [])),
    request_body = GrantRequest,
    responses((status = 201, body = RoleAssignment),
        (status = 400, description = "role_scope_mismatch or bad input", body = Problem),
        (status = 401, body = Problem),
        (status = 403, description = "not_a_delegator, delegation_above_own_level, delegation_outside_scope, user_outside_account", body = Problem),
        (status = 404, body = Problem), (status = 409, description = "already held", body = Problem)))]
pub async fn grant(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Json(req): Json<GrantRequest>,
) -> ApiResult<(StatusCode, Extension<Recorded>, axum::Json<RoleAssignment>)> {
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    let target = Grant {
        role: req.role,
        scope: req.scope,
    };
    let unknown_scope = match req.scope {
        Scope::Platform => false,
        Scope::Account { id } => !org.accounts.iter().any(|(a, _)| *a == id),
        Scope::Channel { id } => delegation::Org::account_of(&org, id).is_none(),
    };
    if unknown_scope {
        return Err(ApiError::invalid("scope", "no such account or channel"));
    }
    let user = users::by_id(&state.db, req.user_id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no user {}", req.user_id)))?;
    delegation::may_grant(&held, target, user.account_id, &org)?;
    let now = state.clock.now();
    let (level, scope_id) = scope_parts(req.scope);
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id: Option<i64> = db::query_scalar(
        "INSERT INTO role_assignments (user_id, role, scope_level, scope_id, granted_by, granted_at) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(user.id)
    .bind(req.role.as_str())
    .bind(level)
    .bind(scope_id)
    .bind(caller.user.id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Err(ApiError::Conflict(
            "the user already holds this role here".into(),
        ));
    };
    let place = scope_name(&state, req.scope).await?;
    let message = format!("You were made {} of {place}.", req.role.display_name());
    notifications::notify(
        &mut *tx,
        user.id,
        now,
        notifications::Kind::RoleGranted,
        &message,
    )
    .await?;
    let detail = format!(
        "{} of {place}, by {}",
        req.role.display_name(),
        caller.user.username
    );
    users::record_activity(
        &mut *tx,
        user.id,
        now,
        users::Activity::RoleGranted,
        &detail,
    )
    .await?;
    let recorded = audit
        .about(&user.username)
        .commit(&state, tx, StatusCode::CREATED)
        .await?;
    Ok((
        StatusCode::CREATED,
        recorded,
        axum::Json(RoleAssignment {
            id,
            role: req.role,
            scope: req.scope,
        }),
    ))
}

#[derive(Deserialize)]
pub struct AssignmentPath {
    id: i64,
}

/// Revokes an assignment. The user stays signed in, and their very next request is
/// judged without the role (UQ-REVOKE-LIVE); the receipt says how many of their live
/// sessions that concerned.
#[utoipa::path(delete, path = "/api/v1/role-assignments/{id}", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "assignment id")),
    responses((status = 200, body = RevocationReceipt), (status = 401, body = Problem),
        (status = 403, description = "not_a_delegator, delegation_above_own_level, delegation_outside_scope", body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "last_account_manager", body = Problem)))]
pub async fn revoke(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(AssignmentPath { id }): Path<AssignmentPath>,
) -> ApiResult<(Extension<Recorded>, axum::Json<RevocationReceipt>)> {
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    let row: Option<(i64,)> = db::query_as("SELECT user_id FROM role_assignments WHERE id = ?")
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    let Some((user_id,)) = row else {
        return Err(ApiError::NotFound(format!("no role assignment {id}")));
    };
    let assignment = users::assignments(&state.db, user_id)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| ApiError::NotFound(format!("no role assignment {id}")))?;
    // Someone outside the caller's scopes does not learn that the assignment exists.
    if !delegation::may_see_scope(&held, assignment.scope, &org) {
        return Err(ApiError::NotFound(format!("no role assignment {id}")));
    }
    let now = state.clock.now();
    // Read before the transaction: inside it, a second pooled connection would wait while
    // this one holds the write lock and the others wait for it.
    let place = scope_name(&state, assignment.scope).await?;
    let whom = users::by_id(&state.db, user_id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no role assignment {id}")))?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let (level, scope_id) = scope_parts(assignment.scope);
    // Counted in the same transaction as the delete, so two revocations cannot both
    // take the last two Account Managers.
    let managers: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.role = 'account_manager' AND r.scope_level = ? AND r.scope_id = ? AND u.blocked = FALSE",
    )
    .bind(level)
    .bind(scope_id)
    .fetch_one(&mut *tx)
    .await?;
    let target = Grant {
        role: assignment.role,
        scope: assignment.scope,
    };
    delegation::may_revoke(&held, target, managers as usize, &org)?;
    db::query("DELETE FROM role_assignments WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let live_sessions: i64 =
        db::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = ? AND ended_at IS NULL")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    let message = format!(
        "Your role {} of {place} was removed.",
        assignment.role.display_name()
    );
    notifications::notify(
        &mut *tx,
        user_id,
        now,
        notifications::Kind::RoleRevoked,
        &message,
    )
    .await?;
    let detail = format!(
        "{} of {place}, by {}",
        assignment.role.display_name(),
        caller.user.username
    );
    users::record_activity(
        &mut *tx,
        user_id,
        now,
        users::Activity::RoleRevoked,
        &detail,
    )
    .await?;
    let recorded = audit
        .about(&whom.username)
        .commit(&state, tx, StatusCode::OK)
        .await?;
    Ok((
        recorded,
        axum::Json(RevocationReceipt {
            assignment,
            user_id,
            live_sessions: live_sessions as u64,
            at: now,
        }),
    ))
}
