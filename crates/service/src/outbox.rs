//! Messages to addresses (the old and the new e-mail or phone of a contact change). They
//! are written in the same transaction as the change, then delivered: over SMTP when a
//! relay is configured, retried with backoff on failure, given up after a few attempts.
//! The console shows each message's status.

use crate::db;
use crate::error::ApiResult;
use crate::{residency, AppState};
use admin_api::{DeliveryStatus, OutboundPath, OutboxMessage};
use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Attempts before a message is marked failed for good.
pub const MAX_ATTEMPTS: u32 = 4;

/// A plain SMTP relay, e.g. the local MTA, which forwards mail onwards.
#[derive(Debug, Clone)]
pub struct SmtpRelay {
    pub host: String,
    pub port: u16,
    pub from: String,
}

pub struct NewMessage<'a> {
    pub user_id: i64,
    pub channel: &'a str,
    pub address: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub async fn enqueue(
    db: impl crate::db::Executor<'_>,
    now: DateTime<Utc>,
    m: NewMessage<'_>,
) -> ApiResult<i64> {
    Ok(db::query_scalar(
        "INSERT INTO outbox (user_id, channel, address, subject, body, created_at, next_attempt_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(m.user_id)
    .bind(m.channel)
    .bind(m.address)
    .bind(m.subject)
    .bind(m.body)
    .bind(now)
    .bind(now)
    .fetch_one(db)
    .await?)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    user_id: i64,
    channel: String,
    address: String,
    subject: String,
    body: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    held_reason: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
}

impl Row {
    fn to_message(&self) -> OutboxMessage {
        OutboxMessage {
            id: self.id,
            user_id: self.user_id,
            channel: self.channel.clone(),
            address: self.address.clone(),
            subject: self.subject.clone(),
            status: match self.status.as_str() {
                "sent" => DeliveryStatus::Sent,
                "retrying" => DeliveryStatus::Retrying,
                "failed" => DeliveryStatus::Failed,
                "held" => DeliveryStatus::Held,
                _ => DeliveryStatus::Queued,
            },
            attempts: self.attempts as u32,
            last_error: self.last_error.clone(),
            held_reason: self.held_reason.clone(),
            created_at: self.created_at,
            sent_at: self.sent_at,
        }
    }
}

const COLUMNS: &str = "id, user_id, channel, address, subject, body, status, attempts, last_error, held_reason, created_at, sent_at";

pub async fn for_user(state: &AppState, user_id: i64) -> ApiResult<Vec<OutboxMessage>> {
    let rows: Vec<Row> = db::query_as(format!(
        "SELECT {COLUMNS} FROM outbox WHERE user_id = ? ORDER BY id"
    ))
    .bind(user_id)
    .fetch_all(&state.db)
    .await?;
    Ok(rows.iter().map(Row::to_message).collect())
}

pub async fn by_ids(state: &AppState, ids: &[i64]) -> ApiResult<Vec<OutboxMessage>> {
    let mut out = Vec::new();
    for id in ids {
        let row: Row = db::query_as(format!("SELECT {COLUMNS} FROM outbox WHERE id = ?"))
            .bind(id)
            .fetch_one(&state.db)
            .await?;
        out.push(row.to_message());
    }
    Ok(out)
}

/// Tries every message that is due. Without a transport for its channel (no SMTP relay
/// configured; this service has no SMS gateway) a message stays queued. A message for an
/// account that keeps its data in Europe is held when the transport's sub-processor is
/// outside Europe (4S-SUBPROC), with the reason kept.
pub async fn deliver_due(state: &AppState) -> ApiResult<usize> {
    let _round = state.outbox_lock.lock().await;
    let now = state.clock.now();
    let due: Vec<Row> = db::query_as(format!(
        "SELECT {COLUMNS} FROM outbox WHERE status IN ('queued', 'retrying') AND next_attempt_at <= ? ORDER BY id"
    ))
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    let mut sent = 0;
    for row in due {
        let (path, relay) = match (row.channel.as_str(), &state.config.smtp_relay) {
            ("email", Some(relay)) => (OutboundPath::Mail, relay),
            _ => continue,
        };
        if let Some(reason) = residency::hold_reason(state, row.user_id, path).await? {
            db::query("UPDATE outbox SET status = 'held', held_reason = ? WHERE id = ?")
                .bind(reason)
                .bind(row.id)
                .execute(&state.db)
                .await?;
            tracing::info!(message = row.id, reason, "outbox message held");
            continue;
        }
        let result = send_mail(relay, &row).await;
        let attempts = row.attempts + 1;
        match result {
            Ok(()) => {
                sent += 1;
                db::query(
                    "UPDATE outbox SET status = 'sent', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                )
                .bind(attempts)
                .bind(now)
                .bind(row.id)
                .execute(&state.db)
                .await?;
            }
            Err(error) => {
                let status = if attempts >= MAX_ATTEMPTS as i64 {
                    "failed"
                } else {
                    "retrying"
                };
                let next = now + Duration::seconds(30 << attempts.min(10));
                tracing::warn!(message = row.id, attempts, %error, "outbox delivery failed");
                db::query(
                    "UPDATE outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                )
                .bind(status)
                .bind(attempts)
                .bind(error)
                .bind(next)
                .bind(row.id)
                .execute(&state.db)
                .await?;
            }
        }
    }
    Ok(sent)
}

async fn send_mail(relay: &SmtpRelay, row: &Row) -> Result<(), String> {
    let from: Mailbox = relay.from.parse().map_err(|e| format!("sender: {e}"))?;
    let to: Mailbox = row.address.parse().map_err(|e| format!("address: {e}"))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(&row.subject)
        .body(row.body.clone())
        .map_err(|e| e.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&relay.host)
        .port(relay.port)
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    transport
        .send(message)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Delivers due messages now and then for as long as the service runs.
pub fn spawn_worker(state: AppState, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let round = deliver_due(&state);
            if let Err(error) =
                crate::jobs::run_alone(&state.db, crate::jobs::Job::Outbox, round).await
            {
                tracing::warn!(%error, "outbox round failed");
            }
        }
    })
}
