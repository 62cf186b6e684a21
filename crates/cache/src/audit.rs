//! Over 500 lines: the audit cache's queries share one keyset paging and filter builder.
//! The cached audit log: pages written with their cursor in one transaction, searched with
//! FTS5, filtered and paged by sequence, re-verified over the whole chain on demand.

use crate::{Cache, CacheError, CacheResult};
use admin_api::audit::{ChainBreak, ChainVerifier};
use admin_api::{AuditEvent, AuditOutcome};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::io::Write;
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
    /// Rows to pass over first: for a jump to a position whose neighbours are not loaded
    /// (a dragged scrollbar). Scrolling pages by `after` instead, which stays fast.
    #[ts(type = "number")]
    pub offset: u64,
    pub limit: u32,
}

/// What the cached log exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Json,
}

/// One cached event and whether it fits its chain, for the event drawer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEventDetail {
    pub event: AuditEvent,
    /// The stored hash is the hash of the event's content.
    pub hash_valid: bool,
    /// It links to the previous cached event of its partition (or, the first, to the start).
    pub linked: bool,
    /// The first event of this cache that broke its chain when it was synced, if any.
    #[ts(type = "number | null")]
    pub broken_seq: Option<i64>,
}

/// How many events the cached chain holds and the first that does not fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainCheck {
    #[ts(type = "number")]
    pub checked: u64,
    #[ts(type = "number | null")]
    pub broken_seq: Option<i64>,
    pub broken_reason: Option<ChainBreak>,
}

const CSV_HEADER: &str =
    "seq,at,actor,action,target,subject,outcome,status,client_addr,account_id,prev_hash,hash\n";

/// One CSV field (RFC 4180). A cell a spreadsheet would run as a formula (a sign-in
/// attempted with the username `=HYPERLINK(...)`) gets a leading apostrophe; phone-number
/// usernames (`+358...`) are data, not formulas, and stay as they are.
pub fn csv_field(out: &mut String, value: &str) {
    let formula = match value.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !value[1..].bytes().all(|b| b.is_ascii_digit()) || value.len() == 1,
        _ => false,
    };
    let quote = formula || value.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    out.push_str(&value.replace('"', "\"\""));
    if quote {
        out.push('"');
    }
}

/// One event as a CSV line, in the order of [`CSV_HEADER`].
pub fn csv_line(e: &AuditEvent) -> String {
    let mut out = String::with_capacity(256);
    let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let fields: [&str; 12] = [
        &e.seq.to_string(),
        &at,
        e.actor.as_deref().unwrap_or(""),
        &e.action,
        &e.target,
        e.subject.as_deref().unwrap_or(""),
        e.outcome.as_str(),
        &e.status.to_string(),
        e.client_addr.as_deref().unwrap_or(""),
        &e.account_id.map(|a| a.to_string()).unwrap_or_default(),
        &e.prev_hash,
        &e.hash,
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(&mut out, f);
    }
    out.push('\n');
    out
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
    subject: Option<String>,
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
            subject: self.subject,
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
    "e.seq, e.at, e.actor, e.action, e.target, e.subject, e.outcome, e.status, e.client_addr, e.account_id, e.prev_hash, e.hash";

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
    // 15 parameters a row: 2000 rows stay under SQLite's bound-parameter limit.
    for chunk in events.chunks(2000) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_events (source, seq, at, actor, action, target, subject, outcome, \
             status, client_addr, account_id, prev_hash, hash, sync_run) ",
        );
        q.push_values(chunk, |mut b, e| {
            b.push_bind(source)
                .push_bind(e.seq)
                .push_bind(e.at)
                .push_bind(e.actor.as_deref())
                .push_bind(e.action.as_str())
                .push_bind(e.target.as_str())
                .push_bind(e.subject.as_deref())
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

/// The explorer's filters as index seeks: a window of 100 rows of one actor, action or
/// outcome, from any cursor, reads about 100 index entries instead of scanning the sequence
/// index until 100 rows match (a rare actor: thousands of rows). Built once after a sync
/// rather than kept up while a million events are bulk-loaded: maintained row by row they
/// halve the raw insert rate (measured 128k -> 55k rows/s); built afterwards they take a few
/// seconds per million events, and later syncs keep them up page by page.
const FILTER_INDEXES: [(&str, &str); 3] = [
    ("audit_events_actor", "(source, actor, seq)"),
    ("audit_events_action", "(source, action, seq)"),
    ("audit_events_outcome", "(source, outcome, seq)"),
];

impl Cache {
    /// Creates the filter indexes that are missing; true when it built any.
    pub async fn ensure_audit_indexes(&self) -> CacheResult<bool> {
        let mut built = false;
        for (name, columns) in FILTER_INDEXES {
            let exists: Option<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?",
            )
            .bind(name)
            .fetch_optional(&self.db)
            .await?;
            if exists.is_none() {
                // One index per statement: the write lock is held seconds, not all of them.
                sqlx::query(&format!(
                    "CREATE INDEX IF NOT EXISTS {name} ON audit_events {columns}"
                ))
                .execute(&self.db)
                .await?;
                built = true;
            }
        }
        Ok(built)
    }

    /// The small id of a source (a profile id), created on first use.
    pub async fn source_id(&self, key: &str) -> CacheResult<i64> {
        // A read first: a page query must not wait for the write lock a running sync holds.
        let known: Option<i64> = sqlx::query_scalar("SELECT id FROM sources WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.db)
            .await?;
        if let Some(id) = known {
            return Ok(id);
        }
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
        if q.offset > 0 {
            b.push(" OFFSET ").push_bind(q.offset as i64);
        }
        let rows: Vec<Row> = b.build_query_as().fetch_all(&self.db).await?;
        Ok(rows.into_iter().map(Row::into_event).collect())
    }

    /// How many cached events match the query (for the table's scroll height).
    pub async fn count_audit_events(&self, source: &str, q: &AuditQuery) -> CacheResult<i64> {
        let source = self.source_id(source).await?;
        let q = AuditQuery {
            after: None,
            offset: 0,
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
            // The latest run brought exactly the events after the cursor it started from;
            // as a sequence bound this rides the (source, seq) index.
            let run_from: Option<i64> =
                sqlx::query_scalar("SELECT run_from FROM sync_state WHERE source = ? AND feed = ?")
                    .bind(source)
                    .bind(AUDIT_FEED)
                    .fetch_optional(&self.db)
                    .await?;
            b.push(" AND e.seq > ").push_bind(run_from.unwrap_or(0));
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
        let check = self.check_audit_chain(source).await?;
        Ok(check.broken_seq.zip(check.broken_reason))
    }

    /// Re-checks every cached event's hash and link, oldest first, and counts them.
    pub async fn check_audit_chain(&self, source: &str) -> CacheResult<ChainCheck> {
        let mut verifier = ChainVerifier::default();
        let mut checked = 0;
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
                return Ok(ChainCheck {
                    checked,
                    broken_seq: None,
                    broken_reason: None,
                });
            };
            after = last.seq;
            for e in &page {
                checked += 1;
                if let Err(why) = verifier.check(e) {
                    return Ok(ChainCheck {
                        checked,
                        broken_seq: Some(e.seq),
                        broken_reason: Some(why),
                    });
                }
            }
        }
    }

    /// One cached event with its chain status: its own hash, and its link to the cached
    /// event before it in its partition.
    pub async fn audit_event(
        &self,
        source: &str,
        seq: i64,
    ) -> CacheResult<Option<AuditEventDetail>> {
        let source_id = self.source_id(source).await?;
        let row: Option<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM audit_events e WHERE e.source = ? AND e.seq = ?"
        ))
        .bind(source_id)
        .bind(seq)
        .fetch_optional(&self.db)
        .await?;
        let Some(event) = row.map(Row::into_event) else {
            return Ok(None);
        };
        let previous: Option<String> = sqlx::query_scalar(
            "SELECT hash FROM audit_events WHERE source = ? AND account_id IS ? AND seq < ? \
             ORDER BY seq DESC LIMIT 1",
        )
        .bind(source_id)
        .bind(event.account_id)
        .bind(seq)
        .fetch_optional(&self.db)
        .await?;
        let linked = event.prev_hash
            == previous
                .as_deref()
                .unwrap_or(admin_api::audit::GENESIS_HASH);
        Ok(Some(AuditEventDetail {
            hash_valid: event.hash_is_valid(),
            linked,
            broken_seq: self.sync_state(source, AUDIT_FEED).await?.broken_seq,
            event,
        }))
    }

    /// Writes every cached event matching the query (its order; `after`, `offset` and
    /// `limit` ignored) as CSV or a JSON array, page by page, so a million events never sit
    /// in memory. `progress(written, total)` follows each page. Returns the count written.
    pub async fn export_audit<W: std::io::Write>(
        &self,
        source: &str,
        q: &AuditQuery,
        format: ExportFormat,
        out: W,
        mut progress: impl FnMut(u64, u64),
    ) -> CacheResult<u64> {
        let mut out = std::io::BufWriter::new(out);
        let total = self.count_audit_events(source, q).await? as u64;
        let mut page_q = AuditQuery {
            after: None,
            offset: 0,
            limit: 5000,
            ..q.clone()
        };
        out.write_all(match format {
            ExportFormat::Csv => CSV_HEADER.as_bytes(),
            ExportFormat::Json => &b"["[..],
        })?;
        let mut written = 0u64;
        progress(0, total);
        loop {
            let page = self.audit_events(source, &page_q).await?;
            let Some(last) = page.last() else { break };
            page_q.after = Some(last.seq);
            for e in &page {
                match format {
                    ExportFormat::Csv => out.write_all(csv_line(e).as_bytes())?,
                    ExportFormat::Json => {
                        out.write_all(if written == 0 {
                            &b"\n"[..]
                        } else {
                            &b",\n"[..]
                        })?;
                        serde_json::to_writer(&mut out, e)
                            .map_err(|err| CacheError::Io(err.into()))?;
                    }
                }
                written += 1;
            }
            progress(written, total);
        }
        if format == ExportFormat::Json {
            out.write_all(b"\n]\n")?;
        }
        out.flush()?;
        Ok(written)
    }

    /// Records that the user viewed, searched or exported the cached log (audit the
    /// auditor); sent to the service at the next sync. A card number typed into a search
    /// is masked first (FZ-NO-CARD): the cache never holds one, and the service, which
    /// refuses one in any body, takes the record.
    pub async fn record_local_audit(
        &self,
        source: &str,
        at: DateTime<Utc>,
        action: &str,
        detail: &str,
    ) -> CacheResult<()> {
        self.writing(async {
            let source = self.source_id(source).await?;
            sqlx::query("INSERT INTO local_audit (source, at, action, detail) VALUES (?, ?, ?, ?)")
                .bind(source)
                .bind(at)
                .bind(action)
                .bind(admin_policy::card::mask(detail).as_ref())
                .execute(&self.db)
                .await?;
            Ok(())
        })
        .await
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
        self.writing(async {
            for id in ids {
                sqlx::query("UPDATE local_audit SET sent_at = ? WHERE id = ?")
                    .bind(at)
                    .bind(id)
                    .execute(&self.db)
                    .await?;
            }
            Ok(())
        })
        .await
    }
}
