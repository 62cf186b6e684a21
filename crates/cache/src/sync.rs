//! The sync engine: pulls the audit feed page by page into the cache. Each page and the
//! cursor after it are one transaction (WAL), so a killed sync resumes with no gap and no
//! duplicate. The chain is verified while ingesting; the first break is kept. A 429 is
//! waited out for as long as Retry-After says; other transient errors back off.

use crate::audit::{heads_to_json, insert_events, SyncState, AUDIT_FEED};
use crate::{Cache, CacheError};
use admin_api::audit::{ChainBreak, ChainVerifier};
use admin_api::AuditPage;
use admin_client::{Client, ClientError};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use ts_rs::TS;

#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub page_size: u32,
    /// Transient failures in a row before the sync gives up (429 waits do not count).
    pub max_attempts: u32,
    pub base_backoff: Duration,
    pub max_backoff: Duration,
    /// How long one page may take, body included: a server that trickles is a timeout.
    pub page_timeout: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            page_size: 5000,
            max_attempts: 5,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(60),
            page_timeout: Duration::from_secs(30),
        }
    }
}

/// How a running sync is doing, for the progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    /// Events written in this run.
    #[ts(type = "number")]
    pub synced: u64,
    #[ts(type = "number")]
    pub cursor: i64,
    #[ts(type = "number")]
    pub high_water: i64,
    pub events_per_sec: f64,
    pub seconds_left: Option<f64>,
    /// Set while waiting out a 429 or backing off after an error.
    pub waiting_secs: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Client(#[from] ClientError),
}

/// The service answered pages that do not move the cursor: a protocol error, so the
/// console's existing mapping of `SyncError` shows it as an unexpected answer.
fn cursor_stuck(after: i64, high_water: i64) -> SyncError {
    SyncError::Client(ClientError::Protocol(format!(
        "the audit cursor did not advance past {after} (high water mark {high_water})"
    )))
}

/// The fetcher stopped without saying the log was read to its mark.
fn incomplete() -> SyncError {
    SyncError::Client(ClientError::Protocol(
        "the audit sync stopped before the end of the log".into(),
    ))
}

impl From<sqlx::Error> for SyncError {
    fn from(e: sqlx::Error) -> Self {
        SyncError::Cache(e.into())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    /// Events written in this call.
    pub fetched: u64,
    pub state: SyncState,
}

/// How long to wait before trying again, or None to give up.
fn retry_delay(err: &ClientError, failures: u32, opts: &SyncOptions) -> Option<Duration> {
    let backoff = opts
        .base_backoff
        .saturating_mul(1 << failures.min(16))
        .min(opts.max_backoff);
    match err {
        ClientError::Api {
            problem,
            retry_after,
        } if problem.status == 429 || problem.status == 503 => Some(retry_after.unwrap_or(backoff)),
        _ if failures >= opts.max_attempts => None,
        ClientError::Unreachable { .. } | ClientError::Timeout { .. } => Some(backoff),
        ClientError::Api { problem, .. } if problem.status >= 500 => Some(backoff),
        // A cut or garbled body is retried once: a reset mid-page is the network's doing,
        // a server that keeps answering garbage is not.
        ClientError::Protocol(_) if failures < 2 => Some(backoff),
        _ => None,
    }
}

/// Sends what was recorded locally about reading the cached log, so the service's log has
/// it before the pages that follow are fetched.
async fn send_local_audit(cache: &Cache, source: &str, client: &Client) -> Result<(), SyncError> {
    let unsent = cache.unsent_local_audit(source).await?;
    for chunk in unsent.chunks(1000) {
        let batch = admin_api::audit::ConsoleAuditBatch {
            items: chunk
                .iter()
                .map(
                    |(_, at, action, detail)| admin_api::audit::ConsoleAuditRecord {
                        at: *at,
                        action: action.clone(),
                        detail: detail.clone(),
                    },
                )
                .collect(),
        };
        client.send_console_audit(&batch).await?;
        let ids: Vec<i64> = chunk.iter().map(|(id, ..)| *id).collect();
        cache.mark_local_audit_sent(&ids, Utc::now()).await?;
    }
    Ok(())
}

/// What the fetcher hands the writer: a page verified against the chain, with the
/// verifier's state after it (saved in the page's transaction), or a wait, or the end.
/// Only `End` says the log was read to its mark: a channel closed without it (a fetcher
/// that panicked or was cut short) is a failed sync, never a complete one.
enum Fetched {
    Page {
        page: AuditPage,
        heads: String,
        broken: Option<(i64, ChainBreak)>,
    },
    Waiting(Duration),
    Failed(SyncError),
    End,
}

/// The next thing the fetcher says; its silence is an error.
async fn next_fetched(
    pages: &mut tokio::sync::mpsc::Receiver<Fetched>,
) -> Result<Fetched, SyncError> {
    pages.recv().await.ok_or_else(incomplete)
}

/// Aborts the fetcher when the sync is dropped, so a cancelled sync stops reading.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Fetches, decodes and verifies pages ahead of the writer (up to `AHEAD` pages), so the
/// network, JSON and SHA-256 work of the next pages overlaps the SQLite work of this one.
fn spawn_fetcher(
    client: &Client,
    mut after: i64,
    mut verifier: ChainVerifier,
    mut broken: Option<(i64, ChainBreak)>,
    opts: &SyncOptions,
) -> (tokio::sync::mpsc::Receiver<Fetched>, AbortOnDrop) {
    const AHEAD: usize = 2;
    let (tx, rx) = tokio::sync::mpsc::channel(AHEAD);
    // The engine decides about retries itself, so it can report waits as progress.
    let client = client.clone().with_retry(admin_client::RetryPolicy::none());
    let opts = opts.clone();
    let task = tokio::spawn(async move {
        let mut failures = 0u32;
        let mut stuck = false;
        let mut refetched = false;
        loop {
            let answer =
                tokio::time::timeout(opts.page_timeout, client.audit_page(after, opts.page_size))
                    .await
                    .unwrap_or_else(|_| {
                        Err(ClientError::Timeout {
                            url: client.base_url().as_str().trim_end_matches('/').into(),
                        })
                    });
            let page = match answer {
                Ok(page) => page,
                Err(err) => {
                    failures += 1;
                    let Some(delay) = retry_delay(&err, failures, &opts) else {
                        let _ = tx.send(Fetched::Failed(err.into())).await;
                        return;
                    };
                    tracing::debug!(error = %err, ?delay, "audit sync waits");
                    if tx.send(Fetched::Waiting(delay)).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(delay).await;
                    continue;
                }
            };
            failures = 0;
            // Below the mark a page must move the cursor. Once may be a race with a write
            // (the mark is read after the items); twice is a server that would loop us.
            if page.next_after <= after && after < page.high_water {
                if stuck {
                    let _ = tx
                        .send(Fetched::Failed(cursor_stuck(after, page.high_water)))
                        .await;
                    return;
                }
                tracing::warn!(
                    after,
                    high_water = page.high_water,
                    "audit cursor did not advance"
                );
                stuck = true;
                continue;
            }
            stuck = false;
            // SHA-256 over a page is milliseconds of CPU: off the async workers.
            let (before, broken_before) = (verifier.clone(), broken);
            let (verifier_after, broken_after, page, breaks) =
                tokio::task::spawn_blocking(move || {
                    let mut page = page;
                    let breaks = verify_page(&mut verifier, &mut broken, &mut page);
                    (verifier, broken, page, breaks)
                })
                .await
                .expect("chain verification does not panic");
            // A break may be the wire's doing (an event left out, one sent twice): the page
            // is read once more before a break is believed and kept.
            if breaks && !refetched {
                tracing::warn!(after, "audit page breaks the chain; reading it again");
                (verifier, broken, refetched) = (before, broken_before, true);
                continue;
            }
            refetched = false;
            verifier = verifier_after;
            broken = broken_after;
            // Every read is itself audited: stop at the mark the page reported, not at "empty".
            let done = page.next_after >= page.high_water;
            after = page.next_after.max(after);
            let heads = heads_to_json(&verifier);
            if tx
                .send(Fetched::Page {
                    page,
                    heads,
                    broken,
                })
                .await
                .is_err()
            {
                return;
            }
            if done {
                let _ = tx.send(Fetched::End).await;
                return;
            }
        }
    });
    (rx, AbortOnDrop(task))
}

/// Checks every event of a page against the chain; the first break is kept, and the
/// chain goes on from the event as it is, so later pages still verify on their own. An
/// event whose seq does not grow (sent twice, or out of order) is dropped from the page:
/// the cache holds one event per seq, and a duplicate must not become a constraint error
/// that fails this sync and every later one. True when the page broke the chain.
fn verify_page(
    verifier: &mut ChainVerifier,
    broken: &mut Option<(i64, ChainBreak)>,
    page: &mut AuditPage,
) -> bool {
    let mut breaks = false;
    page.items.retain(|e| {
        let Err(why) = verifier.check(e) else {
            return true;
        };
        breaks = true;
        if broken.is_none() {
            tracing::warn!(seq = e.seq, ?why, "audit chain broken");
            *broken = Some((e.seq, why));
        }
        if why == ChainBreak::OutOfOrder {
            return false;
        }
        verifier.last_seq = e.seq.max(verifier.last_seq);
        verifier.heads.insert(e.account_id, e.hash.clone());
        true
    });
    breaks
}

/// Syncs the audit feed of `source` (a profile id) from `client` until the high water mark.
pub async fn sync_audit(
    cache: &Cache,
    source: &str,
    client: &Client,
    opts: &SyncOptions,
    progress: impl FnMut(&SyncProgress),
) -> Result<SyncReport, SyncError> {
    // A full disk fails the page's transaction (the cache stays as it was) and is named.
    match sync_audit_pages(cache, source, client, opts, progress).await {
        Err(SyncError::Cache(e)) => Err(SyncError::Cache(cache.name_full_disk(e))),
        other => other,
    }
}

async fn sync_audit_pages(
    cache: &Cache,
    source: &str,
    client: &Client,
    opts: &SyncOptions,
    mut progress: impl FnMut(&SyncProgress),
) -> Result<SyncReport, SyncError> {
    let source_id = cache.source_id(source).await?;
    send_local_audit(cache, source, client).await?;
    let mut state = cache.sync_state(source, AUDIT_FEED).await?;
    let run_done: Option<bool> =
        sqlx::query_scalar("SELECT run_done FROM sync_state WHERE source = ? AND feed = ?")
            .bind(source_id)
            .bind(AUDIT_FEED)
            .fetch_optional(cache.pool())
            .await?;
    if run_done.unwrap_or(true) {
        state.run += 1;
        state.run_from = state.cursor;
    }
    sqlx::query(
        "INSERT INTO sync_state (source, feed, run, run_from, run_done) VALUES (?, ?, ?, ?, 0) \
         ON CONFLICT(source, feed) DO UPDATE SET run = excluded.run, run_from = excluded.run_from, run_done = 0",
    )
    .bind(source_id)
    .bind(AUDIT_FEED)
    .bind(state.run)
    .bind(state.run_from)
    .execute(cache.pool())
    .await?;

    let started = Instant::now();
    let mut fetched = 0u64;
    let broken = state.broken_seq.zip(state.broken_reason);
    let (mut pages, _fetcher) =
        spawn_fetcher(client, state.cursor, state.verifier.clone(), broken, opts);
    loop {
        let (page, heads, broken) = match next_fetched(&mut pages).await? {
            Fetched::Page {
                page,
                heads,
                broken,
            } => (page, heads, broken),
            Fetched::Waiting(delay) => {
                progress(&SyncProgress {
                    synced: fetched,
                    cursor: state.cursor,
                    high_water: state.high_water,
                    events_per_sec: 0.0,
                    seconds_left: None,
                    waiting_secs: Some(delay.as_secs_f64()),
                });
                continue;
            }
            Fetched::Failed(err) => return Err(err),
            Fetched::End => break,
        };
        let mut tx = cache.begin_write().await?;
        insert_events(&mut tx, source_id, state.run, &page.items).await?;
        state.cursor = page.next_after.max(state.cursor);
        state.high_water = page.high_water;
        state.broken_seq = broken.map(|(seq, _)| seq);
        state.broken_reason = broken.map(|(_, why)| why);
        sqlx::query(
            "UPDATE sync_state SET cursor = ?, high_water = ?, chain_heads = ?, broken_seq = ?, broken_reason = ? \
             WHERE source = ? AND feed = ?",
        )
        .bind(state.cursor)
        .bind(state.high_water)
        .bind(heads)
        .bind(state.broken_seq)
        .bind(state.broken_reason.and_then(|r| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
        }))
        .bind(source_id)
        .bind(AUDIT_FEED)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        fetched += page.items.len() as u64;
        let secs = started.elapsed().as_secs_f64().max(1e-6);
        let rate = fetched as f64 / secs;
        progress(&SyncProgress {
            synced: fetched,
            cursor: state.cursor,
            high_water: state.high_water,
            events_per_sec: rate,
            seconds_left: (rate > 0.0)
                .then(|| (state.high_water - state.cursor).max(0) as f64 / rate),
            waiting_secs: None,
        });
    }
    let now = Utc::now();
    sqlx::query("UPDATE sync_state SET run_done = 1, synced_at = ? WHERE source = ? AND feed = ?")
        .bind(now)
        .bind(source_id)
        .bind(AUDIT_FEED)
        .execute(cache.pool())
        .await?;
    // As stored, with the verifier's heads after the last page.
    let state = cache.sync_state(source, AUDIT_FEED).await?;
    Ok(SyncReport { fetched, state })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fetcher gone without its end marker is a failed sync, not a finished one.
    #[tokio::test]
    async fn channel_closed_without_end_marker_is_incomplete() {
        let (tx, mut rx) = tokio::sync::mpsc::channel(2);
        tx.send(Fetched::Waiting(Duration::ZERO)).await.unwrap();
        drop(tx);
        assert!(matches!(
            next_fetched(&mut rx).await,
            Ok(Fetched::Waiting(_))
        ));
        let err = next_fetched(&mut rx).await.err().unwrap();
        assert!(err.to_string().contains("before the end"), "{err}");
    }
}
