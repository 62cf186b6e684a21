//! Signing in (password, TOTP, lockout: UQ-LOCKOUT-3) and signing out.

use crate::audit::AuditActor;
use crate::auth::{self, CurrentUser};
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, Json};
use crate::notifications::{self, Kind};
use crate::totp::{self, Verdict};
use crate::users::{self, Activity};
use crate::{passwords, AppState};
use admin_api::{Problem, ProblemCode, SignInRequest, SignInResponse};
use admin_policy::lockout::{self, AfterFailure};
use admin_policy::maintenance::HELSINKI;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What every password check passes first: the per-address quota, then the username's
/// form, which comes back in its one stored spelling.
pub(super) fn sign_in_gate(
    state: &AppState,
    addr: Option<std::net::IpAddr>,
    raw_username: &str,
) -> Result<String, ApiError> {
    if let Some(addr) = addr {
        state
            .sign_in_limiter
            .check(addr, state.clock.now())
            .map_err(ApiError::RateLimited)?;
    }
    admin_policy::username::parse(raw_username)
        .map(|name| name.value)
        .map_err(|e| ApiError::invalid("username", e.to_string()))
}

/// Signs in with username and password; three failures lock the account (UQ-LOCKOUT-3).
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = SignInRequest,
    responses(
        (status = 201, body = SignInResponse),
        (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, description = "user blocked", body = Problem),
        (status = 423, description = "account locked", body = Problem),
        (status = 429, description = "too many attempts from this address", body = Problem)))]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(req): Json<SignInRequest>,
) -> Response {
    let username = match sign_in_gate(&state, addr, &req.username) {
        Ok(username) => username,
        Err(e) => return e.into_response(),
    };
    let user = users::by_username(&state.db, &username).await;
    let account_id = user
        .as_ref()
        .ok()
        .and_then(|u| u.as_ref())
        .and_then(|u| u.account_id);
    let mut response = match user {
        Ok(Some(user)) => {
            let lock = state.sign_in_lock(user.id);
            let _one_at_a_time = lock.lock().await;
            // Read again under the lock: an attempt that waited sees the failures before it.
            match users::by_id(&state.db, user.id).await {
                Ok(Some(user)) => attempt(&state, user, &req).await.into_response(),
                Ok(None) => ApiError::InvalidCredentials.into_response(),
                Err(e) => e.into_response(),
            }
        }
        Ok(None) => unknown_user(&req.password).await.into_response(),
        Err(e) => e.into_response(),
    };
    response.extensions_mut().insert(AuditActor {
        username,
        account_id,
    });
    response
}

/// An unknown username: the same work and the same answer as a wrong password.
pub(super) async fn unknown_user(password: &admin_api::Secret) -> ApiError {
    match passwords::verify_unknown_user(password).await {
        Ok(_) => ApiError::InvalidCredentials,
        Err(e) => e,
    }
}

/// A wrong password, counted (UQ-LOCKOUT-3, also while locked: the lock then runs again
/// from now, so a lock is no window for free guesses) and answered like an unknown user:
/// whether the account exists or just locked is told only to the right password (UQ-SCOPE).
pub(super) async fn wrong_password(state: &AppState, user: &users::UserRow) -> ApiError {
    match record_failure(state, user).await {
        Ok(_) => ApiError::InvalidCredentials,
        Err(e) => e,
    }
}

async fn attempt(
    state: &AppState,
    user: users::UserRow,
    req: &SignInRequest,
) -> ApiResult<(StatusCode, axum::Json<SignInResponse>)> {
    let now = state.clock.now();
    // The password first: block, lock and the account's rules are told only to a caller
    // who knows it (UQ-SCOPE).
    if !passwords::verify(&req.password, &user.password_hash).await? {
        return Err(wrong_password(state, &user).await);
    }
    if user.blocked {
        return Err(ApiError::Blocked);
    }
    if lockout::is_locked(user.locked_until, now) {
        return Err(ApiError::Locked(user.locked_until.unwrap_or(now)));
    }
    let rules = users::rules_for(&state.db, user.account_id).await?;
    if rules.third_party_only {
        return Err(ApiError::SignInPolicy(
            ProblemCode::ThirdPartySignInOnly,
            "this account signs in only through its third-party provider",
        ));
    }
    if rules.require_two_factor {
        let code = req.totp.as_ref();
        match totp::check_sign_in(
            &state.db,
            &state.config.totp_key,
            user.id,
            &user.username,
            code,
            now,
        )
        .await?
        {
            Verdict::Pass => {}
            Verdict::WrongCode => return Err(record_failure(state, &user).await?),
            Verdict::Refuse(why) => return Err(why),
        }
    }
    // The password is at hand only now: a hash made with other parameters is redone.
    let rehashed = if passwords::needs_rehash(&user.password_hash) {
        Some(passwords::hash(&req.password).await?)
    } else {
        None
    };
    open_session(state, user, rehashed, None).await
}

/// Issues the service's own session once every check passed: a password sign-in, or a
/// third-party one (`via`, the provider, kept so that the session may turn on
/// third-party-only sign-in, 4S-SSO).
pub(super) async fn open_session(
    state: &AppState,
    user: users::UserRow,
    rehashed: Option<String>,
    via: Option<i64>,
) -> ApiResult<(StatusCode, axum::Json<SignInResponse>)> {
    let now = state.clock.now();
    let token = auth::new_token();
    let mut tx = crate::db::begin_write(&state.db).await?;
    if let Some(hash) = rehashed {
        db::query("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?")
            .bind(hash)
            .bind(user.id)
            .bind(&user.password_hash)
            .execute(&mut *tx)
            .await?;
    }
    db::query("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?")
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    let session_id: i64 = db::query_scalar(
        "INSERT INTO sessions (user_id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?) \
         RETURNING id",
    )
    .bind(user.id)
    .bind(auth::token_hash(token.expose()))
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(provider_id) = via {
        crate::third_party::record_session(&mut *tx, session_id, provider_id).await?;
    }
    users::record_activity(&mut *tx, user.id, now, Activity::SignIn, "").await?;
    tx.commit().await?;
    let fresh = users::by_id(&state.db, user.id).await?.unwrap_or(user);
    Ok((
        StatusCode::CREATED,
        axum::Json(SignInResponse {
            token,
            idle_expires_at: admin_policy::session::idle_expires_at(now),
            user: fresh.to_user(),
        }),
    ))
}

/// Counts the failure, locking on the third; the answer says which happened.
pub(crate) async fn record_failure(state: &AppState, user: &users::UserRow) -> ApiResult<ApiError> {
    let now = state.clock.now();
    let rules = users::rules_for(&state.db, user.account_id).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    users::record_activity(&mut *tx, user.id, now, Activity::SignInFailed, "").await?;
    // The count as stored now, the row locked until commit: another instance sharing the
    // database may have counted a failure since `user` was read (UQ-LOCKOUT-3).
    let failures_before: i64 = db::query_scalar(format!(
        "SELECT failed_attempts FROM users WHERE id = ?{}",
        tx.for_update()
    ))
    .bind(user.id)
    .fetch_one(&mut *tx)
    .await?;
    let answer = match lockout::after_failure(failures_before as u32, now, rules.lockout_minutes) {
        AfterFailure::Counted(n) => {
            db::query("UPDATE users SET failed_attempts = ? WHERE id = ?")
                .bind(n as i64)
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
            ApiError::InvalidCredentials
        }
        AfterFailure::Locked(until) => {
            db::query("UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?")
                .bind(until)
                .bind(user.id)
                .execute(&mut *tx)
                .await?;
            let detail = format!("locked until {until}");
            users::record_activity(&mut *tx, user.id, now, Activity::LockedOut, &detail).await?;
            // Those who may unlock them hear of it at once (issue 19), in the same
            // transaction as the lock.
            let message = format!(
                "Account locked: {} ({}) after {} failed sign-ins, until {} Helsinki time",
                user.display_name,
                user.username,
                lockout::MAX_FAILED_ATTEMPTS,
                until.with_timezone(&HELSINKI).format("%a %-d %b %Y %H:%M"),
            );
            let told = notifications::answerable_for(&mut *tx, user.account_id).await?;
            // Not the locked person: they are the one who cannot get in to read it.
            for person in told.into_iter().filter(|&p| p != user.id) {
                notifications::notify(&mut *tx, person, now, Kind::LockedOut, &message).await?;
            }
            ApiError::Locked(until)
        }
    };
    tx.commit().await?;
    if matches!(answer, ApiError::Locked(_)) {
        // The attempt's audit event names whom it locked; the 401 alone does not say.
        crate::audit::note_subject(&user.username);
    }
    Ok(answer)
}

/// Ends the calling session.
#[utoipa::path(delete, path = "/api/v1/sessions/current", tag = "sessions",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem)))]
pub async fn sign_out(State(state): State<AppState>, caller: CurrentUser) -> ApiResult<StatusCode> {
    auth::end_session(&state, caller.session_id, "signed_out").await?;
    Ok(StatusCode::NO_CONTENT)
}
