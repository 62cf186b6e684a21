//! Every request, allowed or refused, leaves an audit event (FZ-AUDIT), chained by hash.

use crate::auth::{self, Caller};
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use admin_api::audit::GENESIS_HASH;
use admin_api::{AuditEvent, AuditOutcome};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Set by a handler whose actor is not the signed-in user: a sign-in names the
/// username it was attempted with.
#[derive(Debug, Clone)]
pub struct AuditActor {
    pub username: String,
    pub account_id: Option<i64>,
}

/// Resolves the caller, runs the handler, then records what happened.
pub async fn middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let action = match req.extensions().get::<MatchedPath>() {
        Some(path) => format!("{} {}", req.method(), path.as_str()),
        None => format!("{} (no route)", req.method()),
    };
    let target = req.uri().path().to_string();
    let client_addr = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let caller = match auth::resolve(&state, req.headers()).await {
        Ok(caller) => caller,
        Err(err) => return err.into_response(),
    };
    let mut actor = match &caller {
        Caller::User(u) => Some((u.user.username.clone(), u.user.account_id)),
        _ => None,
    };
    req.extensions_mut().insert(caller);
    let response = next.run(req).await;
    if let Some(named) = response.extensions().get::<AuditActor>() {
        actor = Some((named.username.clone(), named.account_id));
    }
    let status = response.status().as_u16();
    let (actor, account_id) = actor.unzip();
    let entry = NewEvent {
        actor,
        account_id: account_id.flatten(),
        action,
        target,
        status,
        client_addr,
    };
    if let Err(err) = append(&state, entry).await {
        // An access that cannot be audited must not succeed silently.
        tracing::error!(error = %err, "audit append failed");
        return ApiError::Internal("audit log unavailable".into()).into_response();
    }
    response
}

pub struct NewEvent {
    pub actor: Option<String>,
    pub account_id: Option<i64>,
    pub action: String,
    pub target: String,
    pub status: u16,
    pub client_addr: Option<String>,
}

pub async fn append(state: &AppState, new: NewEvent) -> ApiResult<AuditEvent> {
    // One writer at a time, so each event links to the true previous one.
    let _guard = state.audit_lock.lock().await;
    // IMMEDIATE: take the write lock before reading the last hash. A deferred transaction
    // that reads first cannot upgrade to a write while another request writes, and SQLite
    // then fails at once with "database is locked" instead of waiting (busy_timeout).
    let mut tx = state.db.begin_with("BEGIN IMMEDIATE").await?;
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?;
    let (last_seq, prev_hash) = last.unwrap_or((0, GENESIS_HASH.to_string()));
    let now = state.clock.now();
    // Stored and hashed at microsecond precision so the text round-trips exactly.
    let at = chrono::DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now);
    let mut event = AuditEvent {
        seq: last_seq + 1,
        at,
        actor: new.actor,
        action: new.action,
        target: new.target,
        outcome: AuditOutcome::from_status(new.status),
        status: new.status,
        client_addr: new.client_addr,
        account_id: new.account_id,
        prev_hash,
        hash: String::new(),
    };
    event.hash = event.compute_hash();
    sqlx::query(
        "INSERT INTO audit_events (seq, at, actor, action, target, outcome, status, client_addr, \
         account_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(event.seq)
    .bind(event.at)
    .bind(&event.actor)
    .bind(&event.action)
    .bind(&event.target)
    .bind(event.outcome.as_str())
    .bind(event.status)
    .bind(&event.client_addr)
    .bind(event.account_id)
    .bind(&event.prev_hash)
    .bind(&event.hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(event)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    seq: i64,
    at: chrono::DateTime<chrono::Utc>,
    actor: Option<String>,
    action: String,
    target: String,
    outcome: String,
    status: i64,
    client_addr: Option<String>,
    account_id: Option<i64>,
    prev_hash: String,
    hash: String,
}

impl EventRow {
    fn into_event(self) -> AuditEvent {
        let outcome = match self.outcome.as_str() {
            "allowed" => AuditOutcome::Allowed,
            "refused" => AuditOutcome::Refused,
            _ => AuditOutcome::Failed,
        };
        AuditEvent {
            seq: self.seq,
            at: self.at,
            actor: self.actor,
            action: self.action,
            target: self.target,
            outcome,
            status: self.status as u16,
            client_addr: self.client_addr,
            account_id: self.account_id,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

/// Who may read which events: everyone's for the platform, one account's otherwise.
#[derive(Debug, Clone, Copy)]
pub enum Visibility {
    All,
    Account(i64),
}

/// A page of events after `after`, oldest first, and the newest visible sequence.
pub async fn page(
    state: &AppState,
    visibility: Visibility,
    after: i64,
    limit: i64,
) -> ApiResult<(Vec<AuditEvent>, i64)> {
    let account = match visibility {
        Visibility::All => None,
        Visibility::Account(id) => Some(id),
    };
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT seq, at, actor, action, target, outcome, status, client_addr, account_id, prev_hash, hash \
         FROM audit_events WHERE seq > ? AND (? IS NULL OR account_id = ?) ORDER BY seq LIMIT ?",
    )
    .bind(after)
    .bind(account)
    .bind(account)
    .bind(limit)
    .fetch_all(&state.db)
    .await?;
    let high_water: Option<i64> =
        sqlx::query_scalar("SELECT MAX(seq) FROM audit_events WHERE (? IS NULL OR account_id = ?)")
            .bind(account)
            .bind(account)
            .fetch_one(&state.db)
            .await?;
    Ok((
        rows.into_iter().map(EventRow::into_event).collect(),
        high_water.unwrap_or(0),
    ))
}
