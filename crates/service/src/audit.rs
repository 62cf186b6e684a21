//! Every request, allowed or refused, leaves an audit event (FZ-AUDIT), chained by hash.

use crate::auth::{self, Caller};
use crate::db::{self, Backend};
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

tokio::task_local! {
    /// Whom the request did something to, noted deep inside it: a failed sign-in that
    /// locked its user is refused, so no handler answers with a subject of its own.
    static SUBJECT: std::cell::Cell<Option<String>>;
}

/// Names the user the current request locked (or otherwise did something to) in its
/// audit event. Outside a request (a job, a test) there is no event, and nothing to name.
pub fn note_subject(username: &str) {
    let _ = SUBJECT.try_with(|s| s.set(Some(username.to_owned())));
}

/// Resolves the caller, runs the handler, then records what happened.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    SUBJECT
        .scope(Default::default(), record(state, req, next))
        .await
}

async fn record(state: AppState, mut req: Request, next: Next) -> Response {
    let action = match req.extensions().get::<MatchedPath>() {
        Some(path) => format!("{} {}", req.method(), path.as_str()),
        None => format!("{} (no route)", req.method()),
    };
    // A card number typed into a URL is masked before it is chained (FZ-NO-CARD).
    let target = crate::no_card::mask_path(req.uri().path()).into_owned();
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
    req.extensions_mut().insert(crate::audit_tx::RequestAudit {
        actor: actor.clone(),
        action: action.clone(),
        target: target.clone(),
        client_addr: client_addr.clone(),
    });
    let response = next.run(req).await;
    if response
        .extensions()
        .get::<crate::audit_tx::Recorded>()
        .is_some()
    {
        // Committed with the change it records (FZ-AUDIT).
        return response;
    }
    if let Some(named) = response.extensions().get::<AuditActor>() {
        actor = Some((named.username.clone(), named.account_id));
    }
    let status = response.status().as_u16();
    let (actor, account_id) = actor.unzip();
    let subject = SUBJECT.try_with(std::cell::Cell::take).ok().flatten();
    let entry = NewEvent {
        actor,
        account_id: account_id.flatten(),
        action,
        target,
        subject,
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
    /// Whom the action was done to (`AuditEvent::subject`).
    pub subject: Option<String>,
    pub status: u16,
    pub client_addr: Option<String>,
}

pub async fn append(state: &AppState, new: NewEvent) -> ApiResult<AuditEvent> {
    // One writer at a time, so each event links to the true previous one.
    let _guard = state.audit_lock.lock().await;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let event = write_event(&mut tx, state.clock.now(), new).await?;
    tx.commit().await?;
    Ok(event)
}

/// Links and inserts one event on a connection that holds the write lock: its own
/// IMMEDIATE transaction, or the transaction of the change it records (`audit_tx`).
pub(crate) async fn write_event(
    tx: &mut crate::db::Conn,
    now: chrono::DateTime<chrono::Utc>,
    new: NewEvent,
) -> ApiResult<AuditEvent> {
    let last_seq = last_seq(&mut *tx).await?;
    let prev_hash = partition_head(&mut *tx, new.account_id).await?;
    // Stored and hashed at microsecond precision so the text round-trips exactly.
    let at = chrono::DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now);
    let mut event = AuditEvent {
        seq: last_seq + 1,
        at,
        actor: new.actor,
        action: new.action,
        target: new.target,
        subject: new.subject,
        outcome: AuditOutcome::from_status(new.status),
        status: new.status,
        client_addr: new.client_addr,
        account_id: new.account_id,
        prev_hash,
        hash: String::new(),
    };
    event.hash = event.compute_hash();
    db::query(
        "INSERT INTO audit_events (seq, at, actor, action, target, subject, outcome, status, \
         client_addr, account_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(event.seq)
    .bind(event.at)
    .bind(&event.actor)
    .bind(&event.action)
    .bind(&event.target)
    .bind(&event.subject)
    .bind(event.outcome.as_str())
    .bind(event.status)
    .bind(&event.client_addr)
    .bind(event.account_id)
    .bind(&event.prev_hash)
    .bind(&event.hash)
    .execute(&mut *tx)
    .await?;
    Ok(event)
}

/// Who may read which events: everyone's for the platform, one account's otherwise.
#[derive(Debug, Clone, Copy)]
pub enum Visibility {
    All,
    Account(i64),
}

/// The newest sequence number, counting the globally chained events kept from before
/// chains were partitioned, so that sequence numbers never repeat.
pub(crate) async fn last_seq(conn: &mut crate::db::Conn) -> ApiResult<i64> {
    Ok(db::query_scalar(
        "SELECT COALESCE((SELECT MAX(seq) FROM audit_events), (SELECT MAX(seq) FROM audit_events_v1), 0)",
    )
    .fetch_one(conn)
    .await?)
}

/// The hash the next event of this partition links to: the platform's chain holds the
/// events with no account, every account has its own.
pub(crate) async fn partition_head(
    conn: &mut crate::db::Conn,
    account_id: Option<i64>,
) -> ApiResult<String> {
    let hash: Option<String> = db::query_scalar(
        "SELECT hash FROM audit_events WHERE account_id IS NOT DISTINCT FROM ? ORDER BY seq DESC LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(conn)
    .await?;
    Ok(hash.unwrap_or_else(|| GENESIS_HASH.to_string()))
}

/// Narrows a feed; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor: Option<String>,
    pub action: Option<String>,
    /// Events whose target path starts with this.
    pub target: Option<String>,
    pub outcome: Option<AuditOutcome>,
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}

/// A page of events after `after`, oldest first, as the feed's JSON body
/// (`{items, next_after, high_water}`). SQLite writes the items' JSON itself
/// (`json_group_array`): handing 5,000 rows one by one to the async side and serialising
/// them was most of the service's share of a sync. The shape is `AuditEvent`'s; an
/// unknown stored outcome reads as `failed`, as `AuditOutcome::parse` has it.
pub async fn page_json(
    state: &AppState,
    visibility: Visibility,
    filter: &Filter,
    after: i64,
    limit: i64,
) -> ApiResult<String> {
    let account = match visibility {
        Visibility::All => None,
        Visibility::Account(id) => Some(id),
    };
    // The same object on both backends; PostgreSQL names its JSON functions differently and
    // writes `at` from the TIMESTAMPTZ column in RFC 3339 (the session's time zone is UTC).
    let (array, object, empty) = match state.db.backend() {
        Backend::Sqlite => ("json_group_array", "json_object", "'[]'"),
        Backend::Postgres => ("json_agg", "json_build_object", "'[]'::json"),
    };
    let mut q = db::QueryBuilder::new(format!(
        "SELECT CAST(COALESCE({array}({object}('seq', seq, 'at', at, 'actor', actor, 'action', action, \
         'target', target, 'subject', subject, 'outcome', CASE outcome WHEN 'allowed' THEN 'allowed' WHEN 'refused' THEN 'refused' \
         ELSE 'failed' END, 'status', status, 'client_addr', client_addr, 'account_id', account_id, \
         'prev_hash', prev_hash, 'hash', hash) ORDER BY seq), {empty}) AS TEXT), MAX(seq) FROM (\
         SELECT seq, at, actor, action, target, subject, outcome, status, client_addr, account_id, \
         prev_hash, hash FROM audit_events WHERE seq > "
    ));
    q.push_bind(after);
    if let Some(account) = account {
        q.push(" AND account_id = ").push_bind(account);
    }
    if let Some(actor) = &filter.actor {
        q.push(" AND actor = ").push_bind(actor.clone());
    }
    if let Some(action) = &filter.action {
        q.push(" AND action = ").push_bind(action.clone());
    }
    if let Some(target) = &filter.target {
        // substr instead of LIKE: a path may hold % or _.
        q.push(" AND substr(target, 1, length(")
            .push_bind(target.clone())
            .push(")) = ")
            .push_bind(target.clone());
    }
    if let Some(outcome) = filter.outcome {
        q.push(" AND outcome = ").push_bind(outcome.as_str());
    }
    if let Some(from) = filter.from {
        q.push(" AND at >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" AND at < ").push_bind(to);
    }
    q.push(" ORDER BY seq LIMIT ")
        .push_bind(limit)
        .push(") AS page");
    let (items, last): (String, Option<i64>) = q.build_query_as().fetch_one(&state.db).await?;
    let high_water: Option<i64> = match account {
        None => {
            db::query_scalar("SELECT MAX(seq) FROM audit_events")
                .fetch_one(&state.db)
                .await?
        }
        Some(account) => {
            db::query_scalar("SELECT MAX(seq) FROM audit_events WHERE account_id = ?")
                .bind(account)
                .fetch_one(&state.db)
                .await?
        }
    };
    Ok(format!(
        "{{\"items\":{items},\"next_after\":{},\"high_water\":{}}}",
        last.unwrap_or(after),
        high_water.unwrap_or(0)
    ))
}

/// Appends many events in one transaction, each linked into its partition's chain: the
/// demo seed for benchmarks. Hashing happens here; SQLite only stores.
pub async fn append_bulk(db: &crate::db::Db, events: Vec<NewEventAt>) -> ApiResult<i64> {
    let mut tx = crate::db::begin_write(db).await?;
    let mut seq = last_seq(&mut tx).await?;
    let mut heads: std::collections::HashMap<Option<i64>, String> = Default::default();
    let mut rows = Vec::with_capacity(events.len());
    for new in events {
        let prev_hash = match heads.get(&new.event.account_id) {
            Some(h) => h.clone(),
            None => partition_head(&mut tx, new.event.account_id).await?,
        };
        seq += 1;
        let mut event = AuditEvent {
            seq,
            at: new.at,
            actor: new.event.actor,
            action: new.event.action,
            target: new.event.target,
            subject: new.event.subject,
            outcome: AuditOutcome::from_status(new.event.status),
            status: new.event.status,
            client_addr: new.event.client_addr,
            account_id: new.event.account_id,
            prev_hash,
            hash: String::new(),
        };
        event.hash = event.compute_hash();
        heads.insert(event.account_id, event.hash.clone());
        rows.push(event);
    }
    // 12 parameters a row stays well under SQLite's 32766 bound parameters per statement.
    for chunk in rows.chunks(1000) {
        let mut q = db::QueryBuilder::new(
            "INSERT INTO audit_events (seq, at, actor, action, target, subject, outcome, status, \
             client_addr, account_id, prev_hash, hash) ",
        );
        q.push("VALUES ");
        for (i, e) in chunk.iter().enumerate() {
            q.push(if i == 0 { "(" } else { ", (" });
            q.push_bind(e.seq)
                .push(", ")
                .push_bind(e.at)
                .push(", ")
                .push_bind(e.actor.as_deref())
                .push(", ")
                .push_bind(e.action.as_str())
                .push(", ")
                .push_bind(e.target.as_str())
                .push(", ")
                .push_bind(e.subject.as_deref())
                .push(", ")
                .push_bind(e.outcome.as_str())
                .push(", ")
                .push_bind(e.status)
                .push(", ")
                .push_bind(e.client_addr.as_deref())
                .push(", ")
                .push_bind(e.account_id)
                .push(", ")
                .push_bind(e.prev_hash.as_str())
                .push(", ")
                .push_bind(e.hash.as_str())
                .push(")");
        }
        q.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(seq)
}

/// An event to append with the time it happened.
pub struct NewEventAt {
    pub at: chrono::DateTime<chrono::Utc>,
    pub event: NewEvent,
}
