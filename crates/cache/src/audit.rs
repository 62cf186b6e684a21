//! The cached audit log: pages written with their cursor in one transaction, searched with
//! FTS5, filtered and paged by sequence, re-verified over the whole chain on demand.

use crate::{Cache, CacheResult};
use admin_api::audit::{ChainBreak, ChainVerifier};
use admin_api::{AuditEvent, AuditOutcome};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

pub const AUDIT_FEED: &str = "audit";

/// Where a feed of a source stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncState {
    #[ts(type = "number")]
    pub cursor: i64,
    #[ts(type = "number")]
    pub high_water: i64,
    /// The first event that does not fit its chain, and why.
    #[ts(type = "number | null")]
    pub broken_seq: Option<i64>,
    pub broken_reason: Option<ChainBreak>,
    #[ts(type = "number")]
    pub run: i64,
    /// Events after this arrived in the latest run.
    #[ts(type = "number")]
    pub run_from: i64,
    pub synced_at: Option<DateTime<Utc>>,
    #[serde(skip)]
    #[ts(skip)]
    pub verifier: ChainVerifier,
}

/// Narrows the cached log; fields combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AuditQuery {
    /// Full-text search over actor, action, target and client address (FTS5 syntax words).
    pub text: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<AuditOutcome>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Only what the latest sync brought.
    pub new_since_last_sync: bool,
    /// Newest first.
    pub descending: bool,
    /// Keyset: events after (or, descending, before) this sequence number.
    #[ts(type = "number | null")]
    pub after: Option<i64>,
    pub limit: u32,
}

pub(crate) fn heads_to_json(v: &ChainVerifier) -> String {
    let mut heads: Vec<(Option<i64>, &String)> = v.heads.iter().map(|(k, h)| (*k, h)).collect();
    heads.sort();
    serde_json::to_string(&heads).unwrap_or_else(|_| "[]".into())
}

fn heads_from_json(json: &str, last_seq: i64) -> ChainVerifier {
    let heads: Vec<(Option<i64>, String)> = serde_json::from_str(json).unwrap_or_default();
    ChainVerifier {
        heads: heads.into_iter().collect(),
        last_seq,
    }
}

/// Quotes every word so user input is never FTS5 syntax; words must all match (prefix).
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    at: DateTime<Utc>,
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

impl Row {
    fn into_event(self) -> AuditEvent {
        AuditEvent {
            seq: self.seq,
            at: self.at,
            actor: self.actor,
            action: self.action,
            target: self.target,
            outcome: AuditOutcome::parse(&self.outcome),
            status: self.status as u16,
            client_addr: self.client_addr,
            account_id: self.account_id,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

const COLUMNS: &str =
    "e.seq, e.at, e.actor, e.action, e.target, e.outcome, e.status, e.client_addr, e.account_id, e.prev_hash, e.hash";

/// Inserts events and their full-text rows. The caller holds the transaction. Public for
/// the benchmark, which measures the same inserts without a network as the ceiling.
pub async fn insert_events(
    conn: &mut SqliteConnection,
    source: i64,
    run: i64,
    events: &[AuditEvent],
) -> CacheResult<()> {
    let Some(first) = events.first() else {
        return Ok(());
    };
    let first_id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM audit_events")
        .fetch_one(&mut *conn)
        .await?;
    // 14 parameters a row: 2000 rows stay under SQLite's bound-parameter limit.
    for chunk in events.chunks(2000) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_events (source, seq, at, actor, action, target, outcome, status, \
             client_addr, account_id, prev_hash, hash, sync_run) ",
        );
        q.push_values(chunk, |mut b, e| {
            b.push_bind(source)
                .push_bind(e.seq)
                .push_bind(e.at)
                .push_bind(e.actor.as_deref())
                .push_bind(e.action.as_str())
                .push_bind(e.target.as_str())
                .push_bind(e.outcome.as_str())
                .push_bind(e.status)
                .push_bind(e.client_addr.as_deref())
                .push_bind(e.account_id)
                .push_bind(e.prev_hash.as_str())
                .push_bind(e.hash.as_str())
                .push_bind(run);
        });
        q.build().execute(&mut *conn).await?;
    }
    sqlx::query(
        "INSERT INTO audit_fts (rowid, actor, action, target, client_addr) \
         SELECT id, actor, action, target, client_addr FROM audit_events WHERE id > ? AND source = ? AND seq >= ?",
    )
    .bind(first_id.unwrap_or(0))
    .bind(source)
    .bind(first.seq)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn has_text(q: &AuditQuery) -> bool {
    q.text.as_deref().and_then(fts_query).is_some()
}

fn from_clause(q: &AuditQuery) -> &'static str {
    if has_text(q) {
        "FROM audit_fts JOIN audit_events e ON e.id = audit_fts.rowid"
    } else {
        "FROM audit_events e"
    }
}

impl Cache {
    /// The small id of a source (a profile id), created on first use.
    pub async fn source_id(&self, key: &str) -> CacheResult<i64> {
        sqlx::query("INSERT INTO sources (key) VALUES (?) ON CONFLICT(key) DO NOTHING")
            .bind(key)
            .execute(&self.db)
            .await?;
        Ok(sqlx::query_scalar("SELECT id FROM sources WHERE key = ?")
            .bind(key)
            .fetch_one(&self.db)
            .await?)
    }

    pub async fn sync_state(&self, source: &str, feed: &str) -> CacheResult<SyncState> {
        let source = self.source_id(source).await?;
        #[allow(clippy::type_complexity)]
        let row: Option<(i64, i64, String, Option<i64>, Option<String>, i64, i64, Option<DateTime<Utc>>)> =
            sqlx::query_as(
                "SELECT cursor, high_water, chain_heads, broken_seq, broken_reason, run, run_from, synced_at \
                 FROM sync_state WHERE source = ? AND feed = ?",
            )
            .bind(source)
            .bind(feed)
            .fetch_optional(&self.db)
            .await?;
        Ok(match row {
            None => SyncState {
                cursor: 0,
                high_water: 0,
                broken_seq: None,
                broken_reason: None,
                run: 0,
                run_from: 0,
                synced_at: None,
                verifier: ChainVerifier::default(),
            },
            Some((cursor, high_water, heads, broken_seq, reason, run, run_from, synced_at)) => {
                SyncState {
                    cursor,
                    high_water,
                    broken_seq,
                    broken_reason: reason.and_then(|r| serde_json::from_value(r.into()).ok()),
                    run,
                    run_from,
                    synced_at,
                    verifier: heads_from_json(&heads, cursor),
                }
            }
        })
    }

    /// Cached events matching the query, in sequence order.
    pub async fn audit_events(&self, source: &str, q: &AuditQuery) -> CacheResult<Vec<AuditEvent>> {
        let source = self.source_id(source).await?;
        let mut b = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} {}", from_clause(q)));
        self.push_where(&mut b, source, q).await?;
        let order = if q.descending { "DESC" } else { "ASC" };
        // With a search, FTS5 walks its own rowid order (the cache's insertion order, which
        // is sequence order) and stops at the limit, instead of sorting every match.
        let key = if has_text(q) {
            "audit_fts.rowid"
        } else {
            "e.seq"
        };
        b.push(format!(" ORDER BY {key} {order} LIMIT "))
            .push_bind(q.limit.clamp(1, 10_000) as i64);
        let rows: Vec<Row> = b.build_query_as().fetch_all(&self.db).await?;
        Ok(rows.into_iter().map(Row::into_event).collect())
    }

    /// How many cached events match the query (for the table's scroll height).
    pub async fn count_audit_events(&self, source: &str, q: &AuditQuery) -> CacheResult<i64> {
        let source = self.source_id(source).await?;
        let q = AuditQuery {
            after: None,
            ..q.clone()
        };
        let mut b = QueryBuilder::<Sqlite>::new(format!("SELECT COUNT(*) {}", from_clause(&q)));
        self.push_where(&mut b, source, &q).await?;
        Ok(b.build_query_scalar().fetch_one(&self.db).await?)
    }

    async fn push_where(
        &self,
        b: &mut QueryBuilder<'_, Sqlite>,
        source: i64,
        q: &AuditQuery,
    ) -> CacheResult<()> {
        b.push(" WHERE e.source = ").push_bind(source);
        if let Some(text) = q.text.as_deref().and_then(fts_query) {
            b.push(" AND audit_fts MATCH ").push_bind(text);
        }
        if let Some(actor) = &q.actor {
            b.push(" AND e.actor = ").push_bind(actor.clone());
        }
        if let Some(action) = &q.action {
            b.push(" AND e.action = ").push_bind(action.clone());
        }
        if let Some(outcome) = q.outcome {
            b.push(" AND e.outcome = ").push_bind(outcome.as_str());
        }
        if let Some(from) = q.from {
            b.push(" AND e.at >= ").push_bind(from);
        }
        if let Some(to) = q.to {
            b.push(" AND e.at < ").push_bind(to);
        }
        if q.new_since_last_sync {
            let run: Option<i64> =
                sqlx::query_scalar("SELECT run FROM sync_state WHERE source = ? AND feed = ?")
                    .bind(source)
                    .bind(AUDIT_FEED)
                    .fetch_optional(&self.db)
                    .await?;
            b.push(" AND e.sync_run = ").push_bind(run.unwrap_or(0));
        }
        if let Some(after) = q.after {
            b.push(if q.descending {
                " AND e.seq < "
            } else {
                " AND e.seq > "
            })
            .push_bind(after);
        }
        Ok(())
    }

    /// Re-checks every cached event's hash and link, oldest first. The first break, if any.
    pub async fn verify_audit_chain(&self, source: &str) -> CacheResult<Option<(i64, ChainBreak)>> {
        let mut verifier = ChainVerifier::default();
        let mut after = 0;
        loop {
            let page = self
                .audit_events(
                    source,
                    &AuditQuery {
                        after: Some(after),
                        limit: 10_000,
                        ..AuditQuery::default()
                    },
                )
                .await?;
            let Some(last) = page.last() else {
                return Ok(None);
            };
            after = last.seq;
            for e in &page {
                if let Err(why) = verifier.check(e) {
                    return Ok(Some((e.seq, why)));
                }
            }
        }
    }

    /// Records that the user viewed, searched or exported the cached log (audit the
    /// auditor); sent to the service at the next sync.
    pub async fn record_local_audit(
        &self,
        source: &str,
        at: DateTime<Utc>,
        action: &str,
        detail: &str,
    ) -> CacheResult<()> {
        let source = self.source_id(source).await?;
        sqlx::query("INSERT INTO local_audit (source, at, action, detail) VALUES (?, ?, ?, ?)")
            .bind(source)
            .bind(at)
            .bind(action)
            .bind(detail)
            .execute(&self.db)
            .await?;
        Ok(())
    }

    /// Local audit records not yet sent: (id, at, action, detail).
    pub async fn unsent_local_audit(
        &self,
        source: &str,
    ) -> CacheResult<Vec<(i64, DateTime<Utc>, String, String)>> {
        let source = self.source_id(source).await?;
        Ok(sqlx::query_as(
            "SELECT id, at, action, detail FROM local_audit WHERE source = ? AND sent_at IS NULL ORDER BY id",
        )
        .bind(source)
        .fetch_all(&self.db)
        .await?)
    }

    pub async fn mark_local_audit_sent(&self, ids: &[i64], at: DateTime<Utc>) -> CacheResult<()> {
        for id in ids {
            sqlx::query("UPDATE local_audit SET sent_at = ? WHERE id = ?")
                .bind(at)
                .bind(id)
                .execute(&self.db)
                .await?;
        }
        Ok(())
    }
}
