//! Per-account security settings and TOTP enrolment.
//!
//! The settings behind UQ-PW-MIN6, UQ-LOCKOUT-3, 4S-SSO and UQ-NO-SOCIAL-LOGIN.

use crate::audit::AuditActor;
use crate::audit_tx::{Audit, Recorded};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, Json, Path};
use crate::{notifications, passwords, scope, totp, users, AppState};
use admin_api::{Problem, SecuritySettings, TotpEnrolment, TotpEnrolmentRequest};
use admin_policy::delegation;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AccountPath {
    id: i64,
}

/// The longest lock an account may set: a day. Longer is a block, which is the operator's.
const MAX_LOCKOUT_MINUTES: i64 = 24 * 60;

pub async fn settings_of(state: &AppState, id: i64) -> ApiResult<SecuritySettings> {
    let row: Option<(i64, i64, bool, bool, bool)> = db::query_as(
        "SELECT min_password_len, lockout_minutes, require_two_factor, third_party_only, social_sign_in \
         FROM accounts WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (min, lock, two, third, social) =
        row.ok_or_else(|| ApiError::NotFound(format!("no account {id}")))?;
    Ok(SecuritySettings {
        min_password_length: min,
        lockout_minutes: lock,
        require_two_factor: two,
        third_party_only: third,
        social_sign_in: social,
    })
}

pub(crate) async fn check_reach(
    state: &AppState,
    caller: &CurrentUser,
    id: i64,
    change: bool,
) -> ApiResult<()> {
    let org = scope::org(&state.db).await?;
    let held = scope::grants(&state.db, caller.user.id).await?;
    if !delegation::access(&held, &org).accounts.contains(&id) {
        return Err(ApiError::NotFound(format!("no account {id}")));
    }
    let allowed = if change {
        delegation::administers_account(&held, id)
    } else {
        delegation::manages_account(&held, Some(id), &org)
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only the account's Account Managers change its security settings".into(),
        ))
    }
}

/// The account's sign-in rules; managers in the account may read them.
#[utoipa::path(get, path = "/api/v1/accounts/{id}/security", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    responses((status = 200, body = SecuritySettings), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_settings(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(AccountPath { id }): Path<AccountPath>,
) -> ApiResult<axum::Json<SecuritySettings>> {
    check_reach(&state, &caller, id, false).await?;
    Ok(axum::Json(settings_of(&state, id).await?))
}

/// Changes the account's sign-in rules (Account Managers of the account, Service
/// Operators); every user of the account is told.
#[utoipa::path(put, path = "/api/v1/accounts/{id}/security", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    request_body = SecuritySettings,
    responses((status = 200, body = SecuritySettings), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn put_settings(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(AccountPath { id }): Path<AccountPath>,
    Json(new): Json<SecuritySettings>,
) -> ApiResult<(Extension<Recorded>, axum::Json<SecuritySettings>)> {
    check_reach(&state, &caller, id, true).await?;
    let min = usize::try_from(new.min_password_length).unwrap_or(0);
    admin_policy::password::validate_minimum(min)
        .map_err(|e| ApiError::invalid("min_password_length", e.to_string()))?;
    if min > admin_policy::password::MAX_PASSWORD_LEN {
        return Err(ApiError::invalid(
            "min_password_length",
            "the minimum cannot exceed the maximum password length",
        ));
    }
    if !(1..=MAX_LOCKOUT_MINUTES).contains(&new.lockout_minutes) {
        return Err(ApiError::invalid(
            "lockout_minutes",
            format!("the lockout period is 1 to {MAX_LOCKOUT_MINUTES} minutes"),
        ));
    }
    let old = settings_of(&state, id).await?;
    if new.third_party_only {
        third_party_only_allowed(&state, &caller, id, &old, &new).await?;
    }
    // A Service Operator turning third-party-only off is the break-glass path for an
    // account locked out by its provider: allowed, audited like every change, and said
    // plainly to every user of the account and in the service's log.
    let break_glass =
        old.third_party_only && !new.third_party_only && caller.user.account_id != Some(id);
    if break_glass {
        tracing::warn!(
            account = id,
            operator = %caller.user.username,
            "break-glass: a Service Operator turned third-party-only sign-in off"
        );
    }
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query(
        "UPDATE accounts SET min_password_len = ?, lockout_minutes = ?, require_two_factor = ?, \
         third_party_only = ?, social_sign_in = ? WHERE id = ?",
    )
    .bind(new.min_password_length)
    .bind(new.lockout_minutes)
    .bind(new.require_two_factor)
    .bind(new.third_party_only)
    .bind(new.social_sign_in)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if old != new {
        let members: Vec<i64> = db::query_scalar("SELECT id FROM users WHERE account_id = ?")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        for member in members {
            notifications::notify(
                &mut *tx,
                member,
                now,
                notifications::Kind::SecuritySettingsChanged,
                if break_glass {
                    "A Service Operator turned third-party-only sign-in off for your account \
                     (break-glass): passwords work again."
                } else {
                    "Your account's sign-in rules changed."
                },
            )
            .await?;
        }
    }
    let recorded = audit.commit(&state, tx, StatusCode::OK).await?;
    Ok((recorded, axum::Json(settings_of(&state, id).await?)))
}

/// Third-party-only sign-in needs a way in (4S-SSO): a provider the account's users may
/// use (a social one only with social sign-in on, UQ-NO-SOCIAL-LOGIN), and, when it is
/// switched on, proof that it lets someone in: the Account Manager signed in through it
/// in this session, or, for a Service Operator, a user of the account linked to it.
async fn third_party_only_allowed(
    state: &AppState,
    caller: &CurrentUser,
    id: i64,
    old: &SecuritySettings,
    new: &SecuritySettings,
) -> ApiResult<()> {
    let usable: Vec<_> = crate::third_party::providers(&state.db, id)
        .await?
        .into_iter()
        .filter(|p| crate::third_party::usable(p, new.social_sign_in))
        .collect();
    if usable.is_empty() {
        return Err(ApiError::invalid(
            "third_party_only",
            "no identity provider its users may sign in through is configured for this \
             account: third-party-only sign-in would lock every user of the account out",
        ));
    }
    if old.third_party_only {
        return Ok(());
    }
    if caller.user.account_id == Some(id) {
        let via = crate::third_party::session_provider(&state.db, caller.session_id).await?;
        if !usable.iter().any(|p| Some(p.id) == via) {
            let names: Vec<_> = usable.iter().map(|p| p.name.as_str()).collect();
            return Err(ApiError::invalid(
                "third_party_only",
                format!(
                    "sign in through {} first: third-party-only sign-in is turned on from a \
                     session that proved the provider lets you in",
                    names.join(" or ")
                ),
            ));
        }
    } else if !usable.iter().any(|p| p.linked_users > 0) {
        return Err(ApiError::invalid(
            "third_party_only",
            "no user of the account is linked to its identity provider yet: nobody could sign in",
        ));
    }
    Ok(())
}

/// Starts TOTP enrolment with username and password (4S-SSO): answers the seed once.
/// The first sign-in with a right code completes it; an enrolled user cannot be
/// re-enrolled with the password alone.
#[utoipa::path(post, path = "/api/v1/totp-enrolments", tag = "sessions",
    request_body = TotpEnrolmentRequest,
    responses((status = 201, body = TotpEnrolment), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "already enrolled", body = Problem),
        (status = 423, body = Problem), (status = 429, body = Problem)))]
pub async fn enrol(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(req): Json<TotpEnrolmentRequest>,
) -> Response {
    let username = match super::sessions::sign_in_gate(&state, addr, &req.username) {
        Ok(username) => username,
        Err(e) => return e.into_response(),
    };
    let user = match users::by_username(&state.db, &username).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            return super::sessions::unknown_user(&req.password)
                .await
                .into_response()
        }
        Err(e) => return e.into_response(),
    };
    let account_id = user.account_id;
    let mut response = match enrol_user(&state, user, &req).await {
        Ok(answer) => (StatusCode::CREATED, axum::Json(answer)).into_response(),
        Err(e) => e.into_response(),
    };
    response.extensions_mut().insert(AuditActor {
        username,
        account_id,
    });
    response
}

async fn enrol_user(
    state: &AppState,
    user: users::UserRow,
    req: &TotpEnrolmentRequest,
) -> ApiResult<TotpEnrolment> {
    let lock = state.sign_in_lock(user.id);
    let _one_at_a_time = lock.lock().await;
    let user = users::by_id(&state.db, user.id)
        .await?
        .ok_or(ApiError::InvalidCredentials)?;
    if !passwords::verify(&req.password, &user.password_hash).await? {
        // Counted like a failed sign-in, so enrolment is no way around the lockout, and
        // answered like one: states are told only to the right password (UQ-SCOPE).
        return Err(super::sessions::wrong_password(state, &user).await);
    }
    if user.blocked {
        return Err(ApiError::Blocked);
    }
    let now = state.clock.now();
    if admin_policy::lockout::is_locked(user.locked_until, now) {
        return Err(ApiError::Locked(user.locked_until.unwrap_or(now)));
    }
    totp::enrol(&state.db, &state.config.totp_key, user.id, &user.username).await
}
