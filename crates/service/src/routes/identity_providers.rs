//! An account's identity providers and the links to its users (4S-SSO,
//! UQ-NO-SOCIAL-LOGIN): the account's managers read them, its Account Managers (and
//! Service Operators) change them, as for the other security settings.

use super::security::{check_reach, settings_of};
use crate::audit_tx::{Audit, Recorded};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::{third_party, users, AppState};
use admin_api::{
    IdentityLink, IdentityLinkList, IdentityProvider, IdentityProviderList,
    IdentityProviderSettings, NewIdentityLink, Problem,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct IdPath {
    id: i64,
}

#[derive(Deserialize)]
pub struct LinkPath {
    id: i64,
    user_id: i64,
}

/// The provider, once the caller may reach its account (404 outside scope, UQ-SCOPE).
async fn reach_provider(
    state: &AppState,
    caller: &CurrentUser,
    id: i64,
    change: bool,
) -> ApiResult<IdentityProvider> {
    let provider = third_party::provider(&state.db, id).await?;
    let Some(provider) = provider else {
        return Err(ApiError::NotFound(format!("no identity provider {id}")));
    };
    check_reach(state, caller, provider.account_id, change)
        .await
        .map_err(|e| match e {
            ApiError::NotFound(_) => ApiError::NotFound(format!("no identity provider {id}")),
            other => other,
        })?;
    Ok(provider)
}

/// Refuses a change that leaves a third-party-only account with no provider its users
/// may sign in through: it would lock everyone out (4S-SSO).
async fn keeps_a_way_in(
    state: &AppState,
    account_id: i64,
    after: impl Fn(&IdentityProvider) -> Option<IdentityProvider>,
) -> ApiResult<()> {
    let settings = settings_of(state, account_id).await?;
    if !settings.third_party_only {
        return Ok(());
    }
    let left = third_party::providers(&state.db, account_id)
        .await?
        .iter()
        .filter_map(&after)
        // A way in: a provider its users may use, through which someone is linked or can
        // link by a verified e-mail address on first sign-in.
        .filter(|p| third_party::usable(p, settings.social_sign_in))
        .filter(|p| p.linked_users > 0 || p.link_by_email)
        .count();
    if left == 0 {
        return Err(ApiError::Conflict(
            "the account signs in only through its third-party providers, and after this \
             nobody could sign in through them: turn third-party-only sign-in off first"
                .into(),
        ));
    }
    Ok(())
}

/// The account's identity providers.
#[utoipa::path(get, path = "/api/v1/accounts/{id}/identity-providers", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    responses((status = 200, body = IdentityProviderList), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<axum::Json<IdentityProviderList>> {
    check_reach(&state, &caller, id, false).await?;
    Ok(axum::Json(IdentityProviderList {
        items: third_party::providers(&state.db, id).await?,
    }))
}

/// Adds an OpenID provider to the account. Discovery is not fetched here: the provider
/// may not be reachable from where it is configured; a sign-in says when it is not.
#[utoipa::path(post, path = "/api/v1/accounts/{id}/identity-providers", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    request_body = IdentityProviderSettings,
    responses((status = 201, body = IdentityProvider), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the account has this issuer and client id", body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(IdPath { id }): Path<IdPath>,
    Json(new): Json<IdentityProviderSettings>,
) -> ApiResult<(
    StatusCode,
    Extension<Recorded>,
    axum::Json<IdentityProvider>,
)> {
    check_reach(&state, &caller, id, true).await?;
    let new = third_party::validate(&new)?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let provider_id = third_party::insert(&mut *tx, id, &new, state.clock.now()).await?;
    let provider = third_party::provider(&mut *tx, provider_id)
        .await?
        .ok_or_else(|| ApiError::Internal("the provider just added is gone".into()))?;
    let recorded = audit.commit(&state, tx, StatusCode::CREATED).await?;
    Ok((StatusCode::CREATED, recorded, axum::Json(provider)))
}

/// Changes a provider. Links stay: they belong to the issuer's subjects.
#[utoipa::path(put, path = "/api/v1/identity-providers/{id}", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "provider id")),
    request_body = IdentityProviderSettings,
    responses((status = 200, body = IdentityProvider), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the last provider of a third-party-only account, or a duplicate", body = Problem)))]
pub async fn update(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(IdPath { id }): Path<IdPath>,
    Json(new): Json<IdentityProviderSettings>,
) -> ApiResult<(Extension<Recorded>, axum::Json<IdentityProvider>)> {
    let old = reach_provider(&state, &caller, id, true).await?;
    let new = third_party::validate(&new)?;
    keeps_a_way_in(&state, old.account_id, |p| {
        Some(if p.id == id {
            IdentityProvider {
                kind: new.kind,
                ..p.clone()
            }
        } else {
            p.clone()
        })
    })
    .await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    third_party::update(&mut *tx, id, &new).await?;
    let provider = third_party::provider(&mut *tx, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no identity provider {id}")))?;
    let recorded = audit.commit(&state, tx, StatusCode::OK).await?;
    Ok((recorded, axum::Json(provider)))
}

/// Removes a provider and its links; its sessions stay until they end.
#[utoipa::path(delete, path = "/api/v1/identity-providers/{id}", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "provider id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the last provider of a third-party-only account", body = Problem)))]
pub async fn delete(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<(StatusCode, Extension<Recorded>)> {
    let old = reach_provider(&state, &caller, id, true).await?;
    keeps_a_way_in(&state, old.account_id, |p| (p.id != id).then(|| p.clone())).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    third_party::delete(&mut *tx, id).await?;
    let recorded = audit.commit(&state, tx, StatusCode::NO_CONTENT).await?;
    Ok((StatusCode::NO_CONTENT, recorded))
}

/// Links a provider's subject to a user of the provider's account.
#[utoipa::path(post, path = "/api/v1/identity-providers/{id}/links", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "provider id")),
    request_body = NewIdentityLink,
    responses((status = 201, body = IdentityLink), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the subject or the user is linked already", body = Problem)))]
pub async fn link(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(IdPath { id }): Path<IdPath>,
    Json(new): Json<NewIdentityLink>,
) -> ApiResult<(StatusCode, Extension<Recorded>, axum::Json<IdentityLink>)> {
    let provider = reach_provider(&state, &caller, id, true).await?;
    let subject = new.subject.trim();
    if subject.is_empty() || subject.len() > 255 {
        return Err(ApiError::invalid(
            "subject",
            "the provider's subject (sub) of 1 to 255 characters",
        ));
    }
    let user = users::by_id(&state.db, new.user_id).await?;
    if user.as_ref().and_then(|u| u.account_id) != Some(provider.account_id) {
        return Err(ApiError::invalid(
            "user_id",
            "a provider links only users of its own account",
        ));
    }
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let link = third_party::link(&mut *tx, id, subject, new.user_id, now).await?;
    let recorded = audit.commit(&state, tx, StatusCode::CREATED).await?;
    Ok((StatusCode::CREATED, recorded, axum::Json(link)))
}

/// The users linked at a provider; read by whoever may read the account's providers.
#[utoipa::path(get, path = "/api/v1/identity-providers/{id}/links", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "provider id")),
    responses((status = 200, body = IdentityLinkList), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn links(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(IdPath { id }): Path<IdPath>,
) -> ApiResult<axum::Json<IdentityLinkList>> {
    reach_provider(&state, &caller, id, false).await?;
    let items = third_party::links(&state.db, id).await?;
    Ok(axum::Json(IdentityLinkList { items }))
}

/// Unlinks a user from a provider: their next sign-in through it is refused as an
/// unlinked subject. Removing a link that is not there is no error (the result is the
/// same), so a repeated click does not fail. The last way in of a third-party-only account
/// is refused: nobody could sign in after it.
#[utoipa::path(delete, path = "/api/v1/identity-providers/{id}/links/{user_id}", tag = "users",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "provider id"),
        ("user_id" = i64, Path, description = "the linked user")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the last linked user of a third-party-only account", body = Problem)))]
pub async fn unlink(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(LinkPath { id, user_id }): Path<LinkPath>,
) -> ApiResult<(StatusCode, Extension<Recorded>)> {
    let provider = reach_provider(&state, &caller, id, true).await?;
    if third_party::is_linked(&state.db, id, user_id).await? {
        keeps_a_way_in(&state, provider.account_id, |p| {
            let mut after = p.clone();
            if p.id == id {
                after.linked_users -= 1;
            }
            Some(after)
        })
        .await?;
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    third_party::unlink(&mut *tx, id, user_id).await?;
    let recorded = audit.commit(&state, tx, StatusCode::NO_CONTENT).await?;
    Ok((StatusCode::NO_CONTENT, recorded))
}
