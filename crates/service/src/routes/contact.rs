//! Contact details (UQ-NOTIFY-CONTACT) and marketing consents (UQ-GDPR).

use super::audit_feed::manager_visibility;
use crate::audit::Visibility;
use crate::audit_tx::{Audit, Recorded};
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::users::{self, Activity};
use crate::{notifications, outbox, scope, AppState};
use admin_api::{
    Consent, ConsentChange, ConsentPurpose, Consents, ContactChange, ContactChangeReceipt,
    OutboxMessage, Problem,
};
use admin_policy::username::{self, UsernameKind};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct UserPath {
    id: i64,
}

/// The user themself, or an operator or Account Manager who may act on them
/// (`admin_policy::acting`).
async fn may_manage(
    state: &AppState,
    caller: &CurrentUser,
    user: &users::UserRow,
) -> ApiResult<()> {
    if caller.user.id == user.id {
        return Ok(());
    }
    scope::require_may_act(&state.db, caller.user.id, user, "changing contact details").await?;
    match manager_visibility(state, caller).await? {
        Some(Visibility::All) => Ok(()),
        Some(Visibility::Account(a)) if user.account_id == Some(a) => Ok(()),
        _ => Err(ApiError::Forbidden(
            "only the user, their account manager or an operator may change contact details".into(),
        )),
    }
}

/// The new value in its one stored spelling; `Some(None)` removes it.
fn normalise(
    field: &str,
    value: Option<String>,
    kind: UsernameKind,
) -> ApiResult<Option<Option<String>>> {
    let Some(value) = value else { return Ok(None) };
    if value.trim().is_empty() {
        return Ok(Some(None));
    }
    match username::parse(&value) {
        Ok(u) if u.kind == kind => Ok(Some(Some(u.value))),
        _ => Err(ApiError::invalid(
            field,
            match kind {
                UsernameKind::Phone => "a phone number is + and 7-15 digits",
                _ => "not an e-mail address",
            },
        )),
    }
}

/// Changes a user's e-mail or phone. The user gets a notification (UQ-NOTIFY-CONTACT) and
/// both the old and the new address get a message through the outbox, so whoever loses
/// the address hears of it; the receipt lists the messages with their delivery status.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")), request_body = ContactChange,
    responses((status = 200, body = ContactChangeReceipt), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn change_contact(
    State(state): State<AppState>,
    caller: CurrentUser,
    audit: Audit,
    Path(UserPath { id }): Path<UserPath>,
    Json(req): Json<ContactChange>,
) -> ApiResult<(Extension<Recorded>, axum::Json<ContactChangeReceipt>)> {
    let user = scope::visible_user(&state.db, caller.user.id, id).await?;
    may_manage(&state, &caller, &user).await?;
    let email = normalise("email", req.email, UsernameKind::Email)?;
    let phone = normalise("phone", req.phone, UsernameKind::Phone)?;
    let now = state.clock.now();
    let mut tx = crate::db::begin_write(&state.db).await?;
    let mut queued = Vec::new();
    let changes = [
        (
            "email",
            "e-mail address",
            email,
            user.email.clone(),
            notifications::Kind::EmailChanged,
        ),
        (
            "sms",
            "phone number",
            phone,
            user.phone.clone(),
            notifications::Kind::PhoneChanged,
        ),
    ];
    for (channel, what, new, old, kind) in changes {
        let Some(new) = new else { continue };
        if new == old {
            continue;
        }
        let column = if channel == "email" { "email" } else { "phone" };
        db::query(format!("UPDATE users SET {column} = ? WHERE id = ?"))
            .bind(&new)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
        let message = format!(
            "Your {what} was changed from {} to {} by {}.",
            shown(&old),
            shown(&new),
            caller.user.username
        );
        notifications::notify(&mut *tx, id, now, kind, &message).await?;
        users::record_activity(&mut *tx, id, now, Activity::ContactChanged, column).await?;
        let subject = format!("Your {what} was changed");
        for address in [old.as_deref(), new.as_deref()].into_iter().flatten() {
            queued.push(
                outbox::enqueue(
                    &mut *tx,
                    now,
                    outbox::NewMessage {
                        user_id: id,
                        channel,
                        address,
                        subject: &subject,
                        body: &message,
                    },
                )
                .await?,
            );
        }
    }
    let recorded = audit.commit(&state, tx, StatusCode::OK).await?;
    // Delivered in the background: the change stands even when the relay is down.
    let worker_state = state.clone();
    tokio::spawn(async move {
        if let Err(error) = outbox::deliver_due(&worker_state).await {
            tracing::warn!(%error, "outbox delivery after contact change failed");
        }
    });
    let user = users::by_id(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no user {id}")))?;
    Ok((
        recorded,
        axum::Json(ContactChangeReceipt {
            user: user.to_user(),
            messages: outbox::by_ids(&state, &queued).await?,
        }),
    ))
}

/// The messages sent (or being sent) about a user, with their delivery status.
#[utoipa::path(get, path = "/api/v1/users/{id}/outbox", tag = "users", security(("bearer" = [])),
    params(("id" = i64, Path, description = "user id")),
    responses((status = 200, body = [OutboxMessage]), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn user_outbox(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(UserPath { id }): Path<UserPath>,
) -> ApiResult<axum::Json<Vec<OutboxMessage>>> {
    let user = scope::visible_user(&state.db, caller.user.id, id).await?;
    may_manage(&state, &caller, &user).await?;
    Ok(axum::Json(outbox::for_user(&state, id).await?))
}

async fn consents_of(state: &AppState, user_id: i64) -> ApiResult<Consents> {
    let mut items = Vec::new();
    for purpose in ConsentPurpose::ALL {
        let last: Option<(bool, chrono::DateTime<chrono::Utc>)> = db::query_as(
            "SELECT granted, at FROM consent_changes WHERE user_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(user_id)
        .bind(purpose.as_str())
        .fetch_optional(&state.db)
        .await?;
        items.push(Consent {
            purpose,
            granted: last.is_some_and(|(g, _)| g),
            changed_at: last.map(|(_, at)| at),
        });
    }
    Ok(Consents { items })
}

/// The caller's marketing permissions; none is granted until the user grants it.
#[utoipa::path(get, path = "/api/v1/me/consents", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Consents)))]
pub async fn consents(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Consents>> {
    Ok(axum::Json(consents_of(&state, caller.user.id).await?))
}

/// Grants or revokes a marketing permission (UQ-GDPR). Every change is kept as a row of its
/// own, recorded as an activity, and a revocation is confirmed by a notification.
#[utoipa::path(post, path = "/api/v1/me/consents", tag = "me", security(("bearer" = [])),
    request_body = ConsentChange,
    responses((status = 200, body = Consents), (status = 400, body = Problem)))]
pub async fn change_consent(
    State(state): State<AppState>,
    caller: CurrentUser,
    Json(req): Json<ConsentChange>,
) -> ApiResult<axum::Json<Consents>> {
    let now = state.clock.now();
    let id = caller.user.id;
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query("INSERT INTO consent_changes (user_id, purpose, granted, at) VALUES (?, ?, ?, ?)")
        .bind(id)
        .bind(req.purpose.as_str())
        .bind(req.granted)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let detail = format!(
        "{} {}",
        req.purpose.as_str(),
        if req.granted { "granted" } else { "revoked" }
    );
    users::record_activity(&mut *tx, id, now, Activity::ConsentChanged, &detail).await?;
    let (kind, message) = if req.granted {
        (
            notifications::Kind::ConsentGranted,
            "You allowed marketing messages",
        )
    } else {
        (
            notifications::Kind::ConsentRevoked,
            "You revoked your permission for marketing messages",
        )
    };
    let channel = match req.purpose {
        ConsentPurpose::MarketingEmail => "by e-mail",
        ConsentPurpose::MarketingSms => "by text message",
    };
    notifications::notify(&mut *tx, id, now, kind, &format!("{message} {channel}.")).await?;
    tx.commit().await?;
    Ok(axum::Json(consents_of(&state, id).await?))
}
