//! What the caller's roles let them see and do (UQ-SCOPE), read from the database on
//! every request (UQ-REVOKE-LIVE) and judged by `admin_policy::delegation`.

use crate::db;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::users;
use admin_policy::acting;
use admin_policy::delegation::{self, Grant, OrgTree};

/// The whole org tree: small (accounts and channels), read per request like the roles.
pub async fn org(db: &Db) -> ApiResult<OrgTree> {
    let accounts: Vec<i64> = db::query_scalar("SELECT id FROM accounts ORDER BY id")
        .fetch_all(db)
        .await?;
    let channels: Vec<(i64, i64)> =
        db::query_as("SELECT account_id, id FROM channels ORDER BY account_id, id")
            .fetch_all(db)
            .await?;
    Ok(OrgTree {
        accounts: accounts
            .into_iter()
            .map(|a| {
                let chans = channels
                    .iter()
                    .filter(|(acc, _)| *acc == a)
                    .map(|(_, c)| *c)
                    .collect();
                (a, chans)
            })
            .collect(),
    })
}

/// A user's roles as policy grants, fresh from the database.
pub async fn grants(db: &Db, user_id: i64) -> ApiResult<Vec<Grant>> {
    Ok(users::assignments(db, user_id)
        .await?
        .into_iter()
        .map(|a| Grant {
            role: a.role,
            scope: a.scope,
        })
        .collect())
}

/// Authorization for acting on a user (unlock, block, reset two-factor, contact details,
/// their outbox), decided before any state check: 404 when the caller may not see the
/// user (UQ-SCOPE), 403 when they see but may not act (`admin_policy::acting`).
pub async fn require_may_act(
    db: &Db,
    caller_id: i64,
    target: &users::UserRow,
    what: &str,
) -> ApiResult<()> {
    let org = org(db).await?;
    let held = grants(db, caller_id).await?;
    let theirs = grants(db, target.id).await?;
    if !delegation::may_see_user(&held, target.account_id, &theirs, &org) {
        return Err(ApiError::NotFound(format!("no user {}", target.id)));
    }
    if acting::may_act_on_user(&held, target.account_id, &theirs, &org) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "{what} needs a managing role at or above every role the user holds, \
             in a scope containing all their assignments"
        )))
    }
}

/// The user, or 404 whether they do not exist or the caller may not see them.
pub async fn visible_user(db: &Db, caller_id: i64, id: i64) -> ApiResult<users::UserRow> {
    let not_found = || ApiError::NotFound(format!("no user {id}"));
    let user = users::by_id(db, id).await?.ok_or_else(not_found)?;
    if user.id == caller_id {
        return Ok(user);
    }
    let org = org(db).await?;
    let held = grants(db, caller_id).await?;
    let theirs = grants(db, id).await?;
    if delegation::may_see_user(&held, user.account_id, &theirs, &org) {
        Ok(user)
    } else {
        Err(not_found())
    }
}
