//! Users, their role assignments and their activity records, as stored.

use crate::db;
use crate::db::Db;
use crate::error::ApiResult;
use admin_api::{Account, Role, RoleAssignment, Scope, User, UserStatus};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub account_id: Option<i64>,
    pub password_hash: String,
    pub blocked: bool,
    pub locked_until: Option<DateTime<Utc>>,
    /// An authenticator is enrolled and proven (4S-SSO); the seed itself is never read here.
    pub two_factor_enrolled: bool,
}

impl UserRow {
    pub fn to_user(&self) -> User {
        User {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            account_id: self.account_id,
            status: if self.blocked {
                UserStatus::Blocked
            } else {
                UserStatus::Active
            },
            locked_until: self.locked_until,
        }
    }
}

pub(crate) const USER_COLUMNS: &str =
    "id, username, display_name, email, phone, account_id, password_hash, \
                            blocked, locked_until, \
                            totp_enrolled_at IS NOT NULL AS two_factor_enrolled";

pub async fn by_username(db: &Db, username: &str) -> ApiResult<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?");
    Ok(db::query_as(&sql).bind(username).fetch_optional(db).await?)
}

pub async fn by_id(db: impl crate::db::Executor<'_>, id: i64) -> ApiResult<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?");
    Ok(db::query_as(&sql).bind(id).fetch_optional(db).await?)
}

/// Per-account settings that sign-in and password changes obey.
pub struct AccountRules {
    pub min_password_len: usize,
    pub lockout_minutes: i64,
    pub require_two_factor: bool,
    pub third_party_only: bool,
}

pub async fn rules_for(db: &Db, account_id: Option<i64>) -> ApiResult<AccountRules> {
    let row: Option<(i64, i64, bool, bool)> = db::query_as(
        "SELECT min_password_len, lockout_minutes, require_two_factor, third_party_only \
         FROM accounts WHERE id = ?",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    let (min, lock, two_factor, third_party) = row.unwrap_or((
        admin_policy::password::MIN_PASSWORD_LEN as i64,
        admin_policy::lockout::DEFAULT_LOCK_MINUTES,
        false,
        false,
    ));
    Ok(AccountRules {
        min_password_len: min as usize,
        lockout_minutes: lock,
        require_two_factor: two_factor,
        third_party_only: third_party,
    })
}

pub async fn account(db: &Db, id: Option<i64>) -> ApiResult<Option<Account>> {
    let row: Option<(i64, String)> = db::query_as("SELECT id, name FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id, name)| Account { id, name }))
}

/// Read on every request, never cached in the token (UQ-REVOKE-LIVE).
pub async fn assignments(db: &Db, user_id: i64) -> ApiResult<Vec<RoleAssignment>> {
    let rows: Vec<(i64, String, String, i64)> = db::query_as(
        "SELECT id, role, scope_level, scope_id FROM role_assignments WHERE user_id = ? ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(assignment).collect())
}

/// The assignments of every user with an id in `(after, last]`, by user: one query for a
/// page of users instead of one per user (a loopback round trip each on PostgreSQL).
pub async fn assignments_between(
    db: &Db,
    after: i64,
    last: i64,
) -> ApiResult<HashMap<i64, Vec<RoleAssignment>>> {
    let rows: Vec<(i64, i64, String, String, i64)> = db::query_as(
        "SELECT user_id, id, role, scope_level, scope_id FROM role_assignments \
         WHERE user_id > ? AND user_id <= ? ORDER BY user_id, id",
    )
    .bind(after)
    .bind(last)
    .fetch_all(db)
    .await?;
    let mut by_user: HashMap<i64, Vec<RoleAssignment>> = HashMap::new();
    for (user_id, id, role, level, scope_id) in rows {
        if let Some(a) = assignment((id, role, level, scope_id)) {
            by_user.entry(user_id).or_default().push(a);
        }
    }
    Ok(by_user)
}

fn assignment((id, role, level, scope_id): (i64, String, String, i64)) -> Option<RoleAssignment> {
    let scope = match level.as_str() {
        "platform" => Scope::Platform,
        "account" => Scope::Account { id: scope_id },
        "channel" => Scope::Channel { id: scope_id },
        _ => return None,
    };
    Some(RoleAssignment {
        id,
        role: Role::parse(&role)?,
        scope,
    })
}

pub async fn has_role(db: &Db, user_id: i64, role: Role) -> ApiResult<bool> {
    let found: Option<i64> =
        db::query_scalar("SELECT id FROM role_assignments WHERE user_id = ? AND role = ? LIMIT 1")
            .bind(user_id)
            .bind(role.as_str())
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Refuses unless the user holds one of `roles` (at any scope); `what` names the action.
pub async fn require_any_role(db: &Db, user_id: i64, roles: &[Role], what: &str) -> ApiResult<()> {
    for role in roles {
        if has_role(db, user_id, *role).await? {
            return Ok(());
        }
    }
    let names: Vec<&str> = roles.iter().map(|r| r.display_name()).collect();
    Err(crate::error::ApiError::Forbidden(format!(
        "{what} needs one of: {}",
        names.join(", ")
    )))
}

/// Kinds of user activity, as stored and as shown (UQ-ACTIVITY-PW and friends).
#[derive(Debug, Clone, Copy)]
pub enum Activity {
    SignIn,
    SignInFailed,
    LockedOut,
    PasswordChanged,
    Blocked,
    Unblocked,
    Unlocked,
    TwoFactorReset,
    ContactChanged,
    ConsentChanged,
    RoleGranted,
    RoleRevoked,
    FeatureChanged,
}

impl Activity {
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::SignIn => "sign_in",
            Activity::SignInFailed => "sign_in_failed",
            Activity::LockedOut => "locked_out",
            Activity::PasswordChanged => "password_changed",
            Activity::Blocked => "blocked",
            Activity::Unblocked => "unblocked",
            Activity::Unlocked => "unlocked",
            Activity::TwoFactorReset => "two_factor_reset",
            Activity::ContactChanged => "contact_changed",
            Activity::ConsentChanged => "consent_changed",
            Activity::RoleGranted => "role_granted",
            Activity::RoleRevoked => "role_revoked",
            Activity::FeatureChanged => "feature_changed",
        }
    }
}

pub async fn record_activity(
    db: impl crate::db::Executor<'_>,
    user_id: i64,
    at: DateTime<Utc>,
    kind: Activity,
    detail: &str,
) -> ApiResult<()> {
    db::query("INSERT INTO user_activities (user_id, at, kind, detail) VALUES (?, ?, ?, ?)")
        .bind(user_id)
        .bind(at)
        .bind(kind.as_str())
        .bind(detail)
        .execute(db)
        .await?;
    Ok(())
}
