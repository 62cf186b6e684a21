//! The audit log panel's logic: the service's log synced into the cache (on "Sync now" and
//! in the background), and the cached copy paged, searched, verified and exported. Reading
//! the copy is itself recorded, offline too, and sent to the service at the next sync
//! (FZ-AUDIT: audit the auditor).

use crate::busy::Activity;
use crate::error::CommandError;
use crate::export_file::{self, ExportFile};
use crate::host::Host;
use crate::kept::Kept;
use admin_api::audit::ChainBreak;
use admin_api::AuditEvent;
use admin_cache::audit::AUDIT_FEED;
use admin_cache::{
    sync_audit, AuditEventDetail, AuditQuery, CacheError, ChainCheck, ExportFormat, SyncError,
    SyncOptions, SyncProgress,
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Where the cached copy stands, for the panel's header. It comes as a `Kept` whose time
/// is when the latest sync finished: what the copy shows is as of then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditStatus {
    #[ts(type = "number")]
    pub cached: i64,
    /// Events the latest sync brought.
    #[ts(type = "number")]
    pub new_in_last_sync: i64,
    /// The first event that broke its chain while syncing, and why.
    #[ts(type = "number | null")]
    pub broken_seq: Option<i64>,
    pub broken_reason: Option<ChainBreak>,
    pub syncing: bool,
}

/// A running sync, sent as the `audit-sync-progress` event after every page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditSyncProgress {
    #[ts(type = "number")]
    pub synced: u64,
    /// At most this many in all: the service's high water mark counts every partition's
    /// events, a manager syncs only their account's.
    #[ts(type = "number")]
    pub total: u64,
    pub events_per_sec: f64,
    pub seconds_left: Option<f64>,
    /// Set while waiting out a 429 or backing off after an error.
    pub waiting_secs: Option<f64>,
    /// The sync ended (done or failed): the panel reloads.
    pub done: bool,
}

/// An export under way, sent as the `audit-export-progress` event after every page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditExportProgress {
    #[ts(type = "number")]
    pub written: u64,
    #[ts(type = "number")]
    pub total: u64,
}

impl AuditSyncProgress {
    fn of(p: &SyncProgress) -> Self {
        AuditSyncProgress {
            synced: p.synced,
            total: p.synced + (p.high_water - p.cursor).max(0) as u64,
            events_per_sec: p.events_per_sec,
            seconds_left: p.seconds_left,
            waiting_secs: p.waiting_secs,
            done: false,
        }
    }
}

/// The page the panel may ask for at once.
const MAX_PAGE: u32 = 1000;

fn sync_options() -> SyncOptions {
    // "Sync now" offline gives up after two short waits instead of the engine's minute.
    SyncOptions {
        max_attempts: 3,
        ..SyncOptions::default()
    }
}

/// What was searched for, in words, for the audit record of the search or export.
pub fn describe(q: &AuditQuery) -> String {
    let mut parts = Vec::new();
    if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
        parts.push(format!("text={text:?}"));
    }
    if let Some(actor) = &q.actor {
        parts.push(format!("actor={actor}"));
    }
    if let Some(action) = &q.action {
        parts.push(format!("action={action}"));
    }
    if let Some(outcome) = q.outcome {
        parts.push(format!("outcome={}", outcome.as_str()));
    }
    if let Some(from) = q.from {
        parts.push(format!("from={}", from.to_rfc3339()));
    }
    if let Some(to) = q.to {
        parts.push(format!("to={}", to.to_rfc3339()));
    }
    if q.new_since_last_sync {
        parts.push("new since last sync".into());
    }
    if parts.is_empty() {
        "all events".into()
    } else {
        parts.join(" ")
    }
}

fn is_search(q: &AuditQuery) -> bool {
    describe(q) != "all events"
}

/// The background sync: only while signed in and online, quietly.
pub async fn background_audit_sync(host: &impl Host) {
    if host.profile_id().await.is_none() || !host.is_online() {
        return;
    }
    if let Err(e) = crate::origin::in_background(audit_sync_now(host)).await {
        tracing::debug!(error = %e, "background audit sync");
    }
}

/// Writes the events of the filter to `path`, streaming, with progress events; the
/// export is recorded. Returns how many were written.
pub async fn export_audit(
    host: &impl Host,
    path: &Path,
    query: AuditQuery,
    format: ExportFormat,
) -> Result<u64, CommandError> {
    let _no_update_meanwhile = host.busy().try_hold(Activity::Export)?;
    let source = audit_source(host).await?;
    let notifier = host.notifier();
    let mut progress = AuditExportProgress {
        written: 0,
        total: 0,
    };
    let result = match ExportFile::create(path) {
        Err(why) => Err(why),
        Ok(mut file) => {
            let written = host
                .cache()
                .export_audit(&source, &query, format, file.writer(), |written, total| {
                    progress = AuditExportProgress { written, total };
                    notifier.audit_export_progress(progress)
                })
                .await;
            match written {
                Ok(written) => file.finish().map(|()| written),
                Err(CacheError::Io(e)) => Err(export_file::why(path, &e)),
                Err(other) => Err(other.to_string()),
            }
        }
    };
    let format = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "json",
    };
    let detail = match &result {
        Ok(written) => format!("{format}, {written} events: {}", describe(&query)),
        Err(why) => format!(
            "{format}, failed after {} of {} events, nothing saved ({why}): {}",
            progress.written,
            progress.total,
            describe(&query)
        ),
    };
    host.cache()
        .record_local_audit(&source, host.now(), "exported", &detail)
        .await?;
    result.map_err(|why| {
        CommandError::internal(format!(
            "the export to {} failed and nothing was saved: {why}",
            path.display()
        ))
    })
}

/// The cache's source of the signed-in profile: its audit copy.
async fn audit_source(host: &impl Host) -> Result<String, CommandError> {
    host.profile_id()
        .await
        .ok_or_else(|| CommandError::Unauthorized {
            message: "sign in first".into(),
        })
}

crate::commands! {
    host;
    panel: "audit";
    /// `from_cache` when the service cannot be reached: the copy is all there is.
    pub async fn audit_status(host) -> Kept<AuditStatus> {
        let source = audit_source(host).await?;
        let state = host.cache().sync_state(&source, AUDIT_FEED).await?;
        let cache = host.cache();
        let status = AuditStatus {
            cached: cache
                .count_audit_events(&source, &AuditQuery::default())
                .await?,
            new_in_last_sync: cache
                .count_audit_events(
                    &source,
                    &AuditQuery {
                        new_since_last_sync: true,
                        ..AuditQuery::default()
                    },
                )
                .await?,
            broken_seq: state.broken_seq,
            broken_reason: state.broken_reason,
            syncing: host.audit_sync_lock().try_lock().is_err(),
        };
        Ok(Kept {
            value: status,
            fetched_at: state.synced_at,
            from_cache: !host.is_online(),
        })
    }

    /// Syncs the service's audit log into the cache, sending what was recorded about
    /// reading the copy first. One sync at a time: a second caller waits, then fetches the
    /// little that arrived meanwhile.
    pub async fn audit_sync_now(host) -> Kept<AuditStatus> {
        let (client, view) = host.session().await?;
        let _one_at_a_time = host.audit_sync_lock().lock().await;
        let _no_update_meanwhile = host.busy().try_hold(Activity::Sync)?;
        let notifier = host.notifier();
        let mut last = None;
        let result = sync_audit(
            host.cache(),
            &view.profile.id,
            &client,
            &sync_options(),
            |p| {
                let progress = AuditSyncProgress::of(p);
                last = Some(progress.clone());
                notifier.audit_sync_progress(progress);
            },
        )
        .await;
        notifier.audit_sync_progress(AuditSyncProgress {
            done: true,
            waiting_secs: None,
            seconds_left: None,
            ..last.unwrap_or(AuditSyncProgress {
                synced: 0,
                total: 0,
                events_per_sec: 0.0,
                seconds_left: None,
                waiting_secs: None,
                done: true,
            })
        });
        match result {
            Ok(report) => {
                if let Some(seq) = report.state.broken_seq {
                    tracing::warn!(seq, "the synced audit log has a broken chain");
                }
                if host.cache().ensure_audit_indexes().await? {
                    tracing::info!("built the audit log's filter indexes");
                }
                drop(_one_at_a_time);
                host.after_call::<()>(Ok(())).await?;
                audit_status(host).await
            }
            Err(SyncError::Client(e)) => Err(host.after_call::<()>(Err(e)).await.unwrap_err()),
            Err(SyncError::Cache(e)) => Err(e.into()),
        }
    }

    /// How many cached events match; counting records the view or search.
    /// How many cached events match: the table's height. The panel asks once per filter,
    /// so this is where viewing and searching the copy are recorded.
    pub async fn audit_count(host, query: AuditQuery) -> i64 {
        let source = audit_source(host).await?;
        let action = if is_search(&query) {
            "searched"
        } else {
            "viewed"
        };
        host.cache()
            .record_local_audit(&source, host.now(), action, &describe(&query))
            .await?;
        Ok(host.cache().count_audit_events(&source, &query).await?)
    }

    /// One window of the table: keyset by `after` while scrolling, `offset` for a jump.
    pub async fn audit_page(host, query: AuditQuery) -> Vec<AuditEvent> {
        let source = audit_source(host).await?;
        let query = AuditQuery {
            limit: query.limit.clamp(1, MAX_PAGE),
            ..query
        };
        Ok(host.cache().audit_events(&source, &query).await?)
    }

    /// One event with its chain status, for the drawer; opening it is recorded.
    pub async fn audit_event(host, seq: i64) -> AuditEventDetail {
        let source = audit_source(host).await?;
        let detail = host
            .cache()
            .audit_event(&source, seq)
            .await?
            .ok_or_else(|| CommandError::NotFound {
                message: format!("event {seq} is not in the cache"),
            })?;
        host.cache()
            .record_local_audit(&source, host.now(), "viewed", &format!("event {seq}"))
            .await?;
        Ok(detail)
    }

    /// Re-checks every cached event's hash and link.
    pub async fn audit_verify(host) -> ChainCheck {
        let source = audit_source(host).await?;
        Ok(host.cache().check_audit_chain(&source).await?)
    }

    /// Asks where to save the events of the filter; `None` when the manager cancelled.
    pub async fn audit_export(host, query: AuditQuery, format: ExportFormat) -> Option<String> {
        let what = match format {
            ExportFormat::Csv => crate::dialog::SaveAs {
                file_name: "audit-log.csv".into(),
                filter_name: "CSV",
                extensions: &["csv"],
            },
            ExportFormat::Json => crate::dialog::SaveAs {
                file_name: "audit-log.json".into(),
                filter_name: "JSON",
                extensions: &["json"],
            },
        };
        let Some(path) = host.ask_save(what).await else {
            return Ok(None);
        };
        export_audit(host, &path, query, format).await?;
        Ok(Some(path.display().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use admin_api::AuditOutcome;

    #[test]
    fn a_search_is_described_in_words_and_an_empty_filter_is_a_view() {
        let q = AuditQuery {
            text: Some("sofia".into()),
            outcome: Some(AuditOutcome::Refused),
            ..AuditQuery::default()
        };
        assert_eq!(describe(&q), "text=\"sofia\" outcome=refused");
        assert!(is_search(&q));
        assert!(!is_search(&AuditQuery {
            text: Some("  ".into()),
            after: Some(5),
            ..AuditQuery::default()
        }));
    }
}
