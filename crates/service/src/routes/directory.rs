//! Accounts, channels and users as far as the caller's roles reach (UQ-SCOPE).

use crate::audit_tx::{Audit, Recorded};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query};
use crate::users::{self, Activity, UserRow};
use crate::{notifications, scope, AppState};
use admin_api::{
    Account, Channel, Problem, Role, RoleAssignment, TwoFactorReset, User, UserPage, UserStatus,
    UserSummary,
};
use admin_policy::acting;
use admin_policy::delegation::{self, Grant, OrgTree};
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize)]
pub struct IdPath {
    id: i64,
}

/// Accounts the caller holds any role in, or all of them for the platform.
#[utoipa::path(get, path = "/api/v1/accounts", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = Vec<Account>), (status = 401, body = Problem)))]
pub async fn accounts(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<Json<Vec<Account>>> {
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    let visible = delegation::access(&held, &org).accounts;
    let rows: Vec<(i64, String)> = db::query_as("SELECT id, name FROM accounts ORDER BY id")
        .fetch_all(&state.db)
        .await?;
    Ok(Json(
        rows.into_iter()
            .filter(|(id, _)| visible.contains(id))
            .map(|(id, name)| Account { id, name })
            .collect(),
    ))
}

/// The account's channels the caller may see; 404 for an account they may not see.
#[utoipa::path(get, path = "/api/v1/accounts/{id}/channels", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    responses((status = 200, body = Vec<Channel>), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
pub async fn channels(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<Json<Vec<Channel>>> {
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    let access = delegation::access(&held, &org);
    if !access.accounts.contains(&id) {
        return Err(ApiError::NotFound(format!("no account {id}")));
    }
    let rows: Vec<(i64, String)> =
        db::query_as("SELECT id, name FROM channels WHERE account_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(&state.db)
            .await?;
    Ok(Json(
        rows.into_iter()
            .filter(|(c, _)| access.channels.contains(c))
            .map(|(c, name)| Channel {
                id: c,
                account_id: id,
                name,
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct UserQuery {
    /// Matches username, display name, e-mail or phone.
    q: Option<String>,
    role: Option<Role>,
    status: Option<UserStatus>,
    locked: Option<bool>,
    blocked: Option<bool>,
    /// Members of this account.
    account: Option<i64>,
    /// Users holding a role in this channel.
    channel: Option<i64>,
    /// Keyset cursor: the `next_after` of the previous page.
    after: Option<i64>,
    /// At most this many (1-200, default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

const PAGE_MAX: u32 = 200;

/// A user and their assignments, if the caller may see them; only the assignments
/// inside the caller's scopes are shown.
fn visible(
    held: &[Grant],
    org: &OrgTree,
    user: &UserRow,
    theirs: Vec<RoleAssignment>,
) -> Option<UserSummary> {
    let grants: Vec<Grant> = theirs
        .iter()
        .map(|a| Grant {
            role: a.role,
            scope: a.scope,
        })
        .collect();
    if !delegation::may_see_user(held, user.account_id, &grants, org) {
        return None;
    }
    // From every role they hold, also those the caller does not see.
    let may_act = acting::may_act_on_user(held, user.account_id, &grants, org);
    let mut shown = user.to_user();
    if !may_act {
        // Lock and two-factor state are security details: theirs who may act on the user.
        shown.locked_until = None;
    }
    Some(UserSummary {
        user: shown,
        assignments: theirs
            .into_iter()
            .filter(|a| delegation::may_see_scope(held, a.scope, org))
            .collect(),
        two_factor_enrolled: may_act.then_some(user.two_factor_enrolled),
        may_act,
    })
}

/// Users the caller may see (UQ-SCOPE), searched and filtered, in pages by id.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    params(UserQuery),
    responses((status = 200, body = UserPage), (status = 400, body = Problem),
        (status = 401, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    Query(query): Query<UserQuery>,
) -> ApiResult<Json<UserPage>> {
    let limit = query.limit.unwrap_or(50);
    if limit == 0 || limit > PAGE_MAX {
        return Err(ApiError::invalid(
            "limit",
            format!("limit is 1 to {PAGE_MAX}"),
        ));
    }
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    let now = state.clock.now();
    let blocked = match (query.blocked, query.status) {
        (Some(b), _) => Some(b),
        (None, Some(s)) => Some(s == UserStatus::Blocked),
        _ => None,
    };
    let pattern = query.q.as_deref().map(|q| {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    let sql = format!(
        "SELECT {} FROM users WHERE id > ? \
         AND (?2 IS NULL OR username LIKE ?2 ESCAPE '\\' OR display_name LIKE ?2 ESCAPE '\\' \
              OR email LIKE ?2 ESCAPE '\\' OR phone LIKE ?2 ESCAPE '\\') \
         AND (?3 IS NULL OR blocked = ?3) \
         AND (?4 IS NULL OR (locked_until IS NOT NULL AND locked_until > ?5) = ?4) \
         AND (?6 IS NULL OR EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = users.id AND r.role = ?6)) \
         AND (?8 IS NULL OR account_id = ?8) \
         AND (?9 IS NULL OR EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = users.id \
              AND r.scope_level = 'channel' AND r.scope_id = ?9)) \
         ORDER BY id LIMIT ?7",
        users::USER_COLUMNS
    );
    let mut out = Vec::new();
    let mut after = query.after.unwrap_or(0);
    // Rows the caller may not see are skipped, so a page may take several batches.
    'pages: loop {
        let batch: Vec<UserRow> = db::query_as(&sql)
            .bind(after)
            .bind(&pattern)
            .bind(blocked)
            .bind(query.locked)
            .bind(now)
            .bind(query.role.map(Role::as_str))
            .bind(PAGE_MAX as i64)
            .bind(query.account)
            .bind(query.channel)
            .fetch_all(&state.db)
            .await?;
        let exhausted = batch.len() < PAGE_MAX as usize;
        let last = batch.last().map_or(after, |row| row.id);
        let mut assignments = users::assignments_between(&state.db, after, last).await?;
        for row in batch {
            after = row.id;
            let theirs = assignments.remove(&row.id).unwrap_or_default();
            if let Some(summary) = visible(&held, &org, &row, theirs) {
                out.push(summary);
                if out.len() == limit as usize {
                    break 'pages;
                }
            }
        }
        if exhausted {
            after = 0;
            break;
        }
    }
    let next_after = (after != 0 && out.len() == limit as usize).then_some(after);
    Ok(Json(UserPage {
        users: out,
        next_after,
    }))
}

async fn visible_user(state: &AppState, caller: &CurrentUser, id: i64) -> ApiResult<UserSummary> {
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    let row = users::by_id(&state.db, id).await?;
    let found = match row {
        Some(row) if row.id == caller.user.id => Some(UserSummary {
            user: row.to_user(),
            assignments: users::assignments(&state.db, id).await?,
            two_factor_enrolled: Some(row.two_factor_enrolled),
            may_act: acting::may_act_on_user(&held, row.account_id, &held, &org),
        }),
        Some(row) => {
            let theirs = users::assignments(&state.db, id).await?;
            visible(&held, &org, &row, theirs)
        }
        None => None,
    };
    found.ok_or_else(|| ApiError::NotFound(format!("no user {id}")))
}

/// One user with their assignments; 404 for a user outside the caller's scopes.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = UserSummary), (status = 401, body = Problem),
        (status = 404, body = Problem)))]
pub async fn detail(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<Json<UserSummary>> {
    Ok(Json(visible_user(&state, &caller, id).await?))
}

/// Opens a locked user before the lock runs out: managers at or above every role the
/// user holds (UQ-LOCKOUT-3 leaves the decision to them; `admin_policy::acting`).
#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = User), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn unlock(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<(Extension<Recorded>, Json<User>)> {
    let target = scope::visible_user(&state.db, caller.user.id, id).await?;
    scope::require_may_act(&state.db, caller.user.id, &target, "unlocking a user").await?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let by = format!("by {}", caller.user.username);
    users::record_activity(&mut *tx, id, now, Activity::Unlocked, &by).await?;
    notifications::notify(
        &mut *tx,
        id,
        now,
        notifications::Kind::Unlocked,
        "A manager unlocked your sign-in.",
    )
    .await?;
    let recorded = audit
        .about(&target.username)
        .commit(&state, tx, StatusCode::OK)
        .await?;
    let row = users::by_id(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no user {id}")))?;
    Ok((recorded, Json(row.to_user())))
}

/// Clears a user's TOTP enrolment (a lost authenticator, 4S-SSO): managers at or above
/// every role the user holds, as for unlocking. The old authenticator stops working at
/// once and the user enrols a new one at their next sign-in; they are told. Nobody resets
/// their own: a stolen session alone must not be enough to strip the second factor.
#[utoipa::path(delete, path = "/api/v1/users/{id}/totp", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = TwoFactorReset), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, description = "no authenticator to reset", body = Problem)))]
pub async fn reset_two_factor(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<(Extension<Recorded>, Json<TwoFactorReset>)> {
    let target = scope::visible_user(&state.db, caller.user.id, id).await?;
    scope::require_may_act(
        &state.db,
        caller.user.id,
        &target,
        "resetting two-factor sign-in",
    )
    .await?;
    if id == caller.user.id {
        return Err(ApiError::Forbidden(
            "another manager must reset your own two-factor sign-in".into(),
        ));
    }
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let done = db::query(
        "UPDATE users SET totp_secret = NULL, totp_enrolled_at = NULL \
         WHERE id = ? AND totp_secret IS NOT NULL",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::Conflict(
            "the user has no authenticator to reset".into(),
        ));
    }
    let by = format!("by {}", caller.user.username);
    users::record_activity(&mut *tx, id, now, Activity::TwoFactorReset, &by).await?;
    notifications::notify(
        &mut *tx,
        id,
        now,
        notifications::Kind::TwoFactorReset,
        "A manager reset your two-factor sign-in: set up your authenticator again at your next sign-in.",
    )
    .await?;
    let recorded = audit
        .about(&target.username)
        .commit(&state, tx, StatusCode::OK)
        .await?;
    let row = users::by_id(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no user {id}")))?;
    Ok((
        recorded,
        Json(TwoFactorReset {
            user: row.to_user(),
            at: now,
        }),
    ))
}
