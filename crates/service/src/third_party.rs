//! Third-party sign-in's storage (4S-SSO, UQ-NO-SOCIAL-LOGIN): an account's providers,
//! the links from a provider's subject to a user, pending flows and the sessions opened
//! through a provider. Nothing of a provider's tokens is kept (FZ-THIRD-PARTY-PW).

use crate::db::{self, Db};
use crate::error::{ApiError, ApiResult};
use admin_api::{
    IdentityLink, IdentityProvider, IdentityProviderKind, IdentityProviderSettings, LinkedIdentity,
};
use chrono::{DateTime, Utc};

/// How long the browser step may take.
pub const FLOW_MINUTES: i64 = 10;

const PROVIDER_COLUMNS: &str = "p.id, p.account_id, p.name, p.issuer, p.client_id, p.kind, \
     p.link_by_email, (SELECT COUNT(*) FROM identity_links l WHERE l.provider_id = p.id)";

type ProviderRow = (i64, i64, String, String, String, String, bool, i64);

fn kind_str(kind: IdentityProviderKind) -> &'static str {
    match kind {
        IdentityProviderKind::Workforce => "workforce",
        IdentityProviderKind::Social => "social",
    }
}

fn from_row(r: ProviderRow) -> IdentityProvider {
    IdentityProvider {
        id: r.0,
        account_id: r.1,
        name: r.2,
        issuer: r.3,
        client_id: r.4,
        kind: if r.5 == "social" {
            IdentityProviderKind::Social
        } else {
            IdentityProviderKind::Workforce
        },
        link_by_email: r.6,
        linked_users: r.7,
    }
}

pub async fn providers(db: &Db, account_id: i64) -> ApiResult<Vec<IdentityProvider>> {
    let sql = format!(
        "SELECT {PROVIDER_COLUMNS} FROM identity_providers p WHERE p.account_id = ? ORDER BY p.id"
    );
    let rows: Vec<ProviderRow> = db::query_as(sql).bind(account_id).fetch_all(db).await?;
    Ok(rows.into_iter().map(from_row).collect())
}

pub async fn provider(db: impl db::Executor<'_>, id: i64) -> ApiResult<Option<IdentityProvider>> {
    let sql = format!("SELECT {PROVIDER_COLUMNS} FROM identity_providers p WHERE p.id = ?");
    let row: Option<ProviderRow> = db::query_as(sql).bind(id).fetch_optional(db).await?;
    Ok(row.map(from_row))
}

/// A provider may be used now: a workforce one always, a social one only when the
/// account turned social sign-in on (UQ-NO-SOCIAL-LOGIN).
pub fn usable(provider: &IdentityProvider, social_sign_in: bool) -> bool {
    provider.kind == IdentityProviderKind::Workforce || social_sign_in
}

/// Checks the settings' form: a name, a client id, an issuer over https (4S-TLS).
pub fn validate(new: &IdentityProviderSettings) -> ApiResult<IdentityProviderSettings> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(ApiError::invalid("name", "a name of 1 to 80 characters"));
    }
    let client_id = new.client_id.trim();
    if client_id.is_empty() || client_id.len() > 255 {
        return Err(ApiError::invalid(
            "client_id",
            "the console's client id at the provider (1 to 255 characters)",
        ));
    }
    let issuer =
        crate::oidc::check_issuer(&new.issuer).map_err(|e| ApiError::invalid("issuer", e))?;
    Ok(IdentityProviderSettings {
        name: name.to_string(),
        issuer,
        client_id: client_id.to_string(),
        kind: new.kind,
        link_by_email: new.link_by_email,
    })
}

pub async fn insert(
    db: impl db::Executor<'_>,
    account_id: i64,
    new: &IdentityProviderSettings,
    now: DateTime<Utc>,
) -> ApiResult<i64> {
    db::query_scalar(
        "INSERT INTO identity_providers (account_id, name, issuer, client_id, kind, link_by_email, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(account_id)
    .bind(&new.name)
    .bind(&new.issuer)
    .bind(&new.client_id)
    .bind(kind_str(new.kind))
    .bind(new.link_by_email)
    .bind(now)
    .fetch_one(db)
    .await
    .map_err(duplicate)
}

pub async fn update(
    db: impl db::Executor<'_>,
    id: i64,
    new: &IdentityProviderSettings,
) -> ApiResult<()> {
    db::query(
        "UPDATE identity_providers SET name = ?, issuer = ?, client_id = ?, kind = ?, link_by_email = ? \
         WHERE id = ?",
    )
    .bind(&new.name)
    .bind(&new.issuer)
    .bind(&new.client_id)
    .bind(kind_str(new.kind))
    .bind(new.link_by_email)
    .bind(id)
    .execute(db)
    .await
    .map_err(duplicate)?;
    Ok(())
}

pub async fn delete(db: impl db::Executor<'_>, id: i64) -> ApiResult<()> {
    db::query("DELETE FROM identity_providers WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

fn duplicate(e: sqlx::Error) -> ApiError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => ApiError::Conflict(
            "this account already has a provider with this issuer and client id".into(),
        ),
        _ => e.into(),
    }
}

/// The user linked to a provider's subject.
pub async fn linked_user(
    db: impl db::Executor<'_>,
    provider_id: i64,
    subject: &str,
) -> ApiResult<Option<i64>> {
    Ok(
        db::query_scalar(
            "SELECT user_id FROM identity_links WHERE provider_id = ? AND subject = ?",
        )
        .bind(provider_id)
        .bind(subject)
        .fetch_optional(db)
        .await?,
    )
}

pub async fn link(
    db: impl db::Executor<'_>,
    provider_id: i64,
    subject: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<IdentityLink> {
    db::query(
        "INSERT INTO identity_links (provider_id, subject, user_id, linked_at) VALUES (?, ?, ?, ?)",
    )
    .bind(provider_id)
    .bind(subject)
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => ApiError::Conflict(
            "this subject, or this user, is already linked at this provider".into(),
        ),
        _ => e.into(),
    })?;
    Ok(IdentityLink {
        provider_id,
        user_id,
        subject: subject.to_string(),
        linked_at: now,
    })
}

/// The users linked at a provider, by username.
pub async fn links(db: &Db, provider_id: i64) -> ApiResult<Vec<LinkedIdentity>> {
    let rows: Vec<(i64, String, String, DateTime<Utc>)> = db::query_as(
        "SELECT l.user_id, u.username, l.subject, l.linked_at FROM identity_links l \
         JOIN users u ON u.id = l.user_id WHERE l.provider_id = ? ORDER BY u.username",
    )
    .bind(provider_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(user_id, username, subject, linked_at)| LinkedIdentity {
            user_id,
            username,
            subject,
            linked_at,
        })
        .collect())
}

/// Removes a user's link at a provider; false when there was none.
pub async fn is_linked(db: &Db, provider_id: i64, user_id: i64) -> ApiResult<bool> {
    let links: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM identity_links WHERE provider_id = ? AND user_id = ?",
    )
    .bind(provider_id)
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok(links > 0)
}

pub async fn unlink(db: impl db::Executor<'_>, provider_id: i64, user_id: i64) -> ApiResult<bool> {
    let done = db::query("DELETE FROM identity_links WHERE provider_id = ? AND user_id = ?")
        .bind(provider_id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The one user of the account holding this e-mail address, if exactly one does and
/// is not linked at this provider yet.
pub async fn user_by_email(
    db: &Db,
    provider_id: i64,
    account_id: i64,
    email: &str,
) -> ApiResult<Option<i64>> {
    let ids: Vec<i64> = db::query_scalar(
        "SELECT id FROM users WHERE account_id = ? AND lower(email) = lower(?) \
         AND id NOT IN (SELECT user_id FROM identity_links WHERE provider_id = ?)",
    )
    .bind(account_id)
    .bind(email)
    .bind(provider_id)
    .fetch_all(db)
    .await?;
    Ok(match ids.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}

/// A started flow: its nonce and account.
pub struct Flow {
    pub id: i64,
    pub nonce: String,
    pub account_id: Option<i64>,
}

pub async fn start_flow(
    db: &Db,
    flow_hash: &str,
    nonce: &str,
    account_id: Option<i64>,
    now: DateTime<Utc>,
) -> ApiResult<DateTime<Utc>> {
    let expires_at = now + chrono::Duration::minutes(FLOW_MINUTES);
    let mut tx = crate::db::begin_write(db).await?;
    db::query("DELETE FROM sign_in_flows WHERE expires_at <= ?")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    db::query(
        "INSERT INTO sign_in_flows (flow_hash, nonce, account_id, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(flow_hash)
    .bind(nonce)
    .bind(account_id)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(expires_at)
}

pub async fn flow(db: &Db, flow_hash: &str, now: DateTime<Utc>) -> ApiResult<Option<Flow>> {
    let row: Option<(i64, String, Option<i64>)> = db::query_as(
        "SELECT id, nonce, account_id FROM sign_in_flows WHERE flow_hash = ? AND expires_at > ?",
    )
    .bind(flow_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, nonce, account_id)| Flow {
        id,
        nonce,
        account_id,
    }))
}

/// Uses the flow up; false when another request used it first.
pub async fn end_flow(db: &Db, id: i64) -> ApiResult<bool> {
    let done = db::query("DELETE FROM sign_in_flows WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_session(
    db: impl db::Executor<'_>,
    session_id: i64,
    provider_id: i64,
) -> ApiResult<()> {
    db::query("INSERT INTO third_party_sessions (session_id, provider_id) VALUES (?, ?)")
        .bind(session_id)
        .bind(provider_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The provider a session was opened through, if any.
pub async fn session_provider(db: &Db, session_id: i64) -> ApiResult<Option<i64>> {
    Ok(
        db::query_scalar("SELECT provider_id FROM third_party_sessions WHERE session_id = ?")
            .bind(session_id)
            .fetch_optional(db)
            .await?,
    )
}
