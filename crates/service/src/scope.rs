//! What the caller's roles let them see and do (UQ-SCOPE), read from the database on
//! every request (UQ-REVOKE-LIVE) and judged by `admin_policy::delegation`.

use crate::error::ApiResult;
use crate::users;
use admin_policy::delegation::{Grant, OrgTree};
use sqlx::SqlitePool;

/// The whole org tree: small (accounts and channels), read per request like the roles.
pub async fn org(db: &SqlitePool) -> ApiResult<OrgTree> {
    let accounts: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts ORDER BY id")
        .fetch_all(db)
        .await?;
    let channels: Vec<(i64, i64)> =
        sqlx::query_as("SELECT account_id, id FROM channels ORDER BY account_id, id")
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
pub async fn grants(db: &SqlitePool, user_id: i64) -> ApiResult<Vec<Grant>> {
    Ok(users::assignments(db, user_id)
        .await?
        .into_iter()
        .map(|a| Grant {
            role: a.role,
            scope: a.scope,
        })
        .collect())
}
