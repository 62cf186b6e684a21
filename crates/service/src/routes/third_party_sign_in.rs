//! Signing in through an account's OpenID provider (4S-SSO, UQ-NO-SOCIAL-LOGIN).
//!
//! 1. `POST /api/v1/sign-in-flows {username}`: the providers the user's account offers
//!    now, a flow id and the nonce the ID token must carry (valid ten minutes).
//! 2. The console sends the browser to the provider (authorization code with PKCE,
//!    RFC 8252) and exchanges the code for the ID token itself, as a public client.
//! 3. `POST /api/v1/sessions/third-party {flow_id, provider_id, id_token, totp?}`: the
//!    service checks the token, finds the linked user, applies the account's rules and
//!    opens its own session as for a password sign-in. The token is then dropped.
//!
//! Where the account requires two factors and the provider asserts none, a user with no
//! authenticator enrols one with the flow's token (`POST /api/v1/totp-enrolments/third-party`),
//! then finishes step 3 with its first code.

use super::sessions::{open_session, record_failure, sign_in_gate};
use crate::audit::AuditActor;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, Json};
use crate::totp::{self, Verdict};
use crate::{auth, oidc, third_party, users, AppState};
use admin_api::{
    IdentityProvider, IdentityProviderKind, Problem, ProblemCode, SignInFlow, SignInFlowRequest,
    SignInOption, SignInResponse, ThirdPartySignIn, TotpEnrolment,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Starts a third-party sign-in. An unknown username gets a flow with no options, the
/// same answer as a user of a password-only account; a known one learns which providers
/// its account uses (home-realm discovery, as any "Sign in with" page shows them).
#[utoipa::path(post, path = "/api/v1/sign-in-flows", tag = "sessions",
    request_body = SignInFlowRequest,
    responses((status = 201, body = SignInFlow), (status = 400, body = Problem),
        (status = 429, description = "too many attempts from this address", body = Problem)))]
pub async fn start(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(req): Json<SignInFlowRequest>,
) -> ApiResult<(StatusCode, axum::Json<SignInFlow>)> {
    let username = sign_in_gate(&state, addr, &req.username)?;
    let account_id = users::by_username(&state.db, &username)
        .await?
        .and_then(|u| u.account_id);
    let mut options = Vec::new();
    if let Some(account) = account_id {
        let social = super::security::settings_of(&state, account)
            .await?
            .social_sign_in;
        for p in third_party::providers(&state.db, account).await? {
            if third_party::usable(&p, social) {
                options.push(SignInOption {
                    provider_id: p.id,
                    name: p.name,
                    kind: p.kind,
                    issuer: p.issuer,
                    client_id: p.client_id,
                });
            }
        }
    }
    let flow_id = auth::new_token();
    let nonce = auth::new_token();
    let expires_at = third_party::start_flow(
        &state.db,
        &auth::token_hash(flow_id.expose()),
        nonce.expose(),
        account_id,
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SignInFlow {
            flow_id,
            nonce: nonce.expose().to_string(),
            expires_at,
            options,
        }),
    ))
}

/// Finishes a third-party sign-in with the provider's ID token.
#[utoipa::path(post, path = "/api/v1/sessions/third-party", tag = "sessions",
    request_body = ThirdPartySignIn,
    responses(
        (status = 201, body = SignInResponse),
        (status = 400, body = Problem),
        (status = 401, description = "the flow expired or the ID token failed a check", body = Problem),
        (status = 403, description = "unlinked subject, social sign-in off, blocked user, or two-factor needed", body = Problem),
        (status = 423, description = "account locked", body = Problem),
        (status = 429, description = "too many attempts from this address", body = Problem),
        (status = 502, description = "the identity provider cannot be reached", body = Problem)))]
pub async fn finish(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(req): Json<ThirdPartySignIn>,
) -> Response {
    let mut actor = None;
    let answer = finish_flow(&state, addr, &req, &mut actor).await;
    audited_as(answer, actor)
}

async fn finish_flow(
    state: &AppState,
    addr: Option<std::net::IpAddr>,
    req: &ThirdPartySignIn,
    actor: &mut Option<AuditActor>,
) -> ApiResult<(StatusCode, axum::Json<SignInResponse>)> {
    let proven = prove(state, addr, req).await?;
    let lock = state.sign_in_lock(proven.user_id);
    let _one_at_a_time = lock.lock().await;
    let user = admissible_user(state, &proven, actor).await?;
    let now = state.clock.now();
    if proven.require_two_factor && !admin_policy::sso::asserts_multi_factor(&proven.claims.amr) {
        match totp::check_sign_in(
            &state.db,
            &state.config.totp_key,
            user.id,
            &user.username,
            req.totp.as_ref(),
            now,
        )
        .await?
        {
            Verdict::Pass => {}
            Verdict::WrongCode => return Err(record_failure(state, &user).await?),
            Verdict::Refuse(why) => return Err(why),
        }
    }
    if !third_party::end_flow(&state.db, proven.flow_id).await? {
        return Err(ApiError::SignInFlowExpired);
    }
    open_session(state, user, None, Some(proven.provider.id)).await
}

/// Starts TOTP enrolment with a flow's ID token in place of a password (4S-SSO): a user of
/// a third-party-only account that requires two factors, whose provider does not assert
/// multi-factor, has no password to enrol with. The flow stays open, so the same token then
/// finishes the sign-in with the first code. An enrolled user cannot enrol again this way.
#[utoipa::path(post, path = "/api/v1/totp-enrolments/third-party", tag = "sessions",
    request_body(content = ThirdPartySignIn, description = "the sign-in's flow and ID token; `totp` is not read"),
    responses(
        (status = 201, body = TotpEnrolment),
        (status = 400, body = Problem),
        (status = 401, description = "the flow expired or the ID token failed a check", body = Problem),
        (status = 403, description = "unlinked subject, social sign-in off, or blocked user", body = Problem),
        (status = 409, description = "already enrolled", body = Problem),
        (status = 423, description = "account locked", body = Problem),
        (status = 429, description = "too many attempts from this address", body = Problem),
        (status = 502, description = "the identity provider cannot be reached", body = Problem)))]
pub async fn enrol(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    Json(req): Json<ThirdPartySignIn>,
) -> Response {
    let mut actor = None;
    let answer = enrol_flow(&state, addr, &req, &mut actor)
        .await
        .map(|enrolment| (StatusCode::CREATED, axum::Json(enrolment)));
    audited_as(answer, actor)
}

/// The answer, with the user the token proved as the audit event's actor once known (the
/// request carries no session to name them).
fn audited_as(answer: ApiResult<impl IntoResponse>, actor: Option<AuditActor>) -> Response {
    let mut response = match answer {
        Ok(answer) => answer.into_response(),
        Err(e) => e.into_response(),
    };
    if let Some(actor) = actor {
        response.extensions_mut().insert(actor);
    }
    response
}

async fn enrol_flow(
    state: &AppState,
    addr: Option<std::net::IpAddr>,
    req: &ThirdPartySignIn,
    actor: &mut Option<AuditActor>,
) -> ApiResult<TotpEnrolment> {
    let proven = prove(state, addr, req).await?;
    let lock = state.sign_in_lock(proven.user_id);
    let _one_at_a_time = lock.lock().await;
    let user = admissible_user(state, &proven, actor).await?;
    totp::enrol(&state.db, &state.config.totp_key, user.id, &user.username).await
}

/// What a flow's ID token proves: whom the provider vouches for, in which account.
struct Proven {
    flow_id: i64,
    provider: IdentityProvider,
    require_two_factor: bool,
    claims: oidc::IdClaims,
    user_id: i64,
}

/// Checks the flow, the provider and the ID token (signature, iss, aud, exp, nonce), and
/// finds the linked user.
async fn prove(
    state: &AppState,
    addr: Option<std::net::IpAddr>,
    req: &ThirdPartySignIn,
) -> ApiResult<Proven> {
    if let Some(addr) = addr {
        state
            .sign_in_limiter
            .check(addr, state.clock.now())
            .map_err(ApiError::RateLimited)?;
    }
    let now = state.clock.now();
    let flow = third_party::flow(&state.db, &auth::token_hash(req.flow_id.expose()), now)
        .await?
        .ok_or(ApiError::SignInFlowExpired)?;
    let provider = third_party::provider(&state.db, req.provider_id)
        .await?
        .filter(|p| Some(p.account_id) == flow.account_id)
        .ok_or_else(|| {
            ApiError::invalid(
                "provider_id",
                "not a provider of the account this sign-in was started for",
            )
        })?;
    let settings = super::security::settings_of(state, provider.account_id).await?;
    if !third_party::usable(&provider, settings.social_sign_in) {
        return Err(ApiError::ThirdParty(
            ProblemCode::SocialSignInOff,
            format!(
                "{} is a social sign-in, and the account has not turned social sign-in on",
                provider.name
            ),
        ));
    }
    let claims = oidc::verify(
        &state.oidc_keys,
        req.id_token.expose(),
        &oidc::Expected {
            issuer: &provider.issuer,
            client_id: &provider.client_id,
            nonce: &flow.nonce,
            now,
        },
    )
    .await?;
    let user_id = linked_user(state, &provider, &claims).await?;
    Ok(Proven {
        flow_id: flow.id,
        provider,
        require_two_factor: settings.require_two_factor,
        claims,
        user_id,
    })
}

/// The proven user as stored now (the caller holds their sign-in lock), if they may sign
/// in at all: of the provider's account, not blocked, not locked.
async fn admissible_user(
    state: &AppState,
    proven: &Proven,
    actor: &mut Option<AuditActor>,
) -> ApiResult<users::UserRow> {
    let user = users::by_id(&state.db, proven.user_id)
        .await?
        .filter(|u| u.account_id == Some(proven.provider.account_id))
        .ok_or_else(|| not_linked(&proven.provider, &proven.claims))?;
    *actor = Some(AuditActor {
        username: user.username.clone(),
        account_id: user.account_id,
    });
    if user.blocked {
        return Err(ApiError::Blocked);
    }
    let now = state.clock.now();
    if admin_policy::lockout::is_locked(user.locked_until, now) {
        return Err(ApiError::Locked(user.locked_until.unwrap_or(now)));
    }
    Ok(user)
}

/// The user the token's subject is linked to, linking by a verified e-mail address on a
/// first sign-in when the provider allows it.
async fn linked_user(
    state: &AppState,
    provider: &IdentityProvider,
    claims: &oidc::IdClaims,
) -> ApiResult<i64> {
    if let Some(user) = third_party::linked_user(&state.db, provider.id, &claims.sub).await? {
        return Ok(user);
    }
    let verified_email = claims
        .email
        .as_deref()
        .filter(|_| claims.email_verified == Some(true));
    if let (true, Some(email)) = (provider.link_by_email, verified_email) {
        if let Some(user) =
            third_party::user_by_email(&state.db, provider.id, provider.account_id, email).await?
        {
            third_party::link(&state.db, provider.id, &claims.sub, user, state.clock.now()).await?;
            return Ok(user);
        }
    }
    Err(not_linked(provider, claims))
}

fn not_linked(provider: &IdentityProvider, claims: &oidc::IdClaims) -> ApiError {
    let who = claims.email.as_deref().unwrap_or(&claims.sub);
    let kind = match provider.kind {
        IdentityProviderKind::Workforce => "",
        IdentityProviderKind::Social => " social",
    };
    ApiError::ThirdParty(
        ProblemCode::IdentityNotLinked,
        format!(
            "the{kind} sign-in {who} at {} is linked to no user of this account; an Account \
             Manager links it in the account's security settings",
            provider.name
        ),
    )
}
