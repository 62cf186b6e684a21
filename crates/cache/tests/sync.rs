//! Over 500 lines: the sync engine's resume and fault stories share one service and proxy fixture.
//! The sync engine against the real service on loopback (FZ-AUDIT, FZ-PW-REDACT), directly
//! and through a proxy that misbehaves (issue 16).

mod common;
mod fault_proxy;

use admin_api::audit::ChainBreak;
use admin_api::{AuditEvent, Secret};
use admin_cache::{sync_audit, AuditQuery, Cache, SyncError, SyncOptions, SyncProgress};
use admin_client::Client;
use admin_client::ClientError;
use admin_service::clock::ManualClock;
use admin_service::{demo, AppState, Config, RunningService};
use chrono::{Duration, TimeZone, Utc};
use fault_proxy::{Fault, FaultProxy};
use std::sync::Arc;
use tempfile::TempDir;

const SOURCE: &str = "profile-1";

struct Fixture {
    service: RunningService,
    clock: ManualClock,
    token: String,
    dir: TempDir,
}

impl Fixture {
    async fn start(events: u64, config: Config) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/service.sqlite", dir.path().display());
        let db = admin_service::db::open(&url).await.unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        demo::seed_if_empty(&db, t0).await.unwrap();
        demo::seed_audit(&db, events, t0).await.unwrap();
        let clock = ManualClock::new(t0);
        let state = AppState::new(db, Arc::new(clock.clone()), config);
        let service = admin_service::start("127.0.0.1:0", state).await.unwrap();
        let client = Client::new(&service.base_url()).unwrap();
        let token = client
            .sign_in(
                demo::OPERATOR,
                &Secret::new(demo::DEMO_PASSWORD.to_string()),
            )
            .await
            .unwrap()
            .token
            .expose()
            .to_string();
        Fixture {
            service,
            clock,
            token,
            dir,
        }
    }

    fn client(&self) -> Client {
        Client::new(&self.service.base_url())
            .unwrap()
            .with_token(Secret::new(self.token.clone()))
    }

    async fn cache(&self) -> Cache {
        Cache::open(&self.dir.path().join("cache.sqlite"))
            .await
            .unwrap()
    }

    /// The service's events up to `upto`, as the operator reads them.
    async fn service_events(&self, upto: i64) -> Vec<AuditEvent> {
        let op = self.client();
        let mut all = Vec::new();
        let mut after = 0;
        while after < upto {
            let page = op.audit_page(after, 5000).await.unwrap();
            all.extend(page.items.into_iter().filter(|e| e.seq <= upto));
            after = page.next_after;
        }
        all
    }
}

fn options(page_size: u32) -> SyncOptions {
    SyncOptions {
        page_size,
        base_backoff: std::time::Duration::from_millis(20),
        ..SyncOptions::default()
    }
}

/// The cache holds exactly the service's log up to its cursor: no gap, no duplicate.
async fn assert_mirror(f: &Fixture, cache: &Cache) {
    let state = cache.sync_state(SOURCE, "audit").await.unwrap();
    let mine = common::cached(cache, SOURCE).await;
    assert_eq!(mine.last().map(|e| e.seq), Some(state.cursor));
    assert_eq!(mine, f.service_events(state.cursor).await);
    assert_eq!(state.broken_seq, None);
    assert_eq!(cache.verify_audit_chain(SOURCE).await.unwrap(), None);
}

/// Clause FZ-AUDIT: a sync dropped mid-way resumes from its cursor, and the cache then
/// equals the service's log exactly.
#[tokio::test]
async fn fz_audit_sync_dropped_midway_resumes_without_gap_or_duplicate() {
    let f = Fixture::start(3000, Config::default()).await;
    let cache = f.cache().await;
    let (c2, client) = (cache.clone(), f.client());
    let task =
        tokio::spawn(async move { sync_audit(&c2, SOURCE, &client, &options(100), |_| {}).await });
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        if cache.sync_state(SOURCE, "audit").await.unwrap().cursor > 500 {
            break;
        }
    }
    task.abort();
    let _ = task.await;
    let partial = cache.sync_state(SOURCE, "audit").await.unwrap().cursor;
    assert!(partial < 3000, "dropped before the end");
    let report = sync_audit(&cache, SOURCE, &f.client(), &options(700), |_| {})
        .await
        .unwrap();
    assert!(report.state.cursor > 3000);
    assert_mirror(&f, &cache).await;

    // An incremental sync brings only what is new, marked as such.
    for _ in 0..5 {
        f.client().me().await.unwrap();
    }
    let report = sync_audit(&cache, SOURCE, &f.client(), &options(700), |_| {})
        .await
        .unwrap();
    assert!((6..=8).contains(&report.fetched), "{report:?}");
    let new = cache
        .audit_events(
            SOURCE,
            &AuditQuery {
                new_since_last_sync: true,
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(new.len() as u64, report.fetched);
    assert!(new.iter().all(|e| e.seq > report.state.run_from));
    assert_mirror(&f, &cache).await;
}

/// Run as a child process by the test below; does nothing when run on its own.
#[tokio::test]
#[ignore]
async fn child_sync() {
    let (Ok(url), Ok(token), Ok(path)) = (
        std::env::var("CHILD_SYNC_URL"),
        std::env::var("CHILD_SYNC_TOKEN"),
        std::env::var("CHILD_SYNC_CACHE"),
    ) else {
        return;
    };
    let cache = Cache::open(std::path::Path::new(&path)).await.unwrap();
    let client = Client::new(&url).unwrap().with_token(Secret::new(token));
    loop {
        sync_audit(&cache, SOURCE, &client, &options(50), |_| {})
            .await
            .unwrap();
    }
}

/// Clause FZ-AUDIT: a sync process killed (SIGKILL) mid-way loses nothing: the next sync
/// resumes and the cache equals the service's log.
#[tokio::test]
async fn fz_audit_sync_process_killed_midway_resumes() {
    let f = Fixture::start(6000, Config::default()).await;
    let path = f.dir.path().join("cache.sqlite");
    // Migrated here first: two processes must not both migrate one new file.
    let cache = f.cache().await;
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["child_sync", "--exact", "--ignored", "--nocapture"])
        .env("CHILD_SYNC_URL", f.service.base_url())
        .env("CHILD_SYNC_TOKEN", &f.token)
        .env("CHILD_SYNC_CACHE", &path)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        let cursor = cache.sync_state(SOURCE, "audit").await.unwrap().cursor;
        if cursor > 1000 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the child never synced"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = cache.sync_state(SOURCE, "audit").await.unwrap().cursor;
    assert!(partial < 6000, "killed before the end ({partial})");
    sync_audit(&cache, SOURCE, &f.client(), &options(1000), |_| {})
        .await
        .unwrap();
    assert_mirror(&f, &cache).await;
}

/// Clause FZ-AUDIT: an event changed in the service after the fact is found while
/// syncing, named by its sequence number, and by "Verify integrity" over the cache.
#[tokio::test]
async fn fz_audit_tampered_event_is_detected() {
    let f = Fixture::start(500, Config::default()).await;
    let db = &f.service.state.db;
    admin_service::db::query("DROP TRIGGER audit_events_v2_no_update")
        .execute(db)
        .await
        .unwrap();
    admin_service::db::query(
        "UPDATE audit_events SET actor = 'nobody@demo.example' WHERE seq = 321",
    )
    .execute(db)
    .await
    .unwrap();
    let cache = f.cache().await;
    let report = sync_audit(&cache, SOURCE, &f.client(), &options(100), |_| {})
        .await
        .unwrap();
    assert_eq!(report.state.broken_seq, Some(321));
    assert_eq!(report.state.broken_reason, Some(ChainBreak::HashMismatch));
    assert_eq!(
        cache.sync_state(SOURCE, "audit").await.unwrap().broken_seq,
        Some(321),
        "the break is kept"
    );
    assert_eq!(
        cache.verify_audit_chain(SOURCE).await.unwrap(),
        Some((321, ChainBreak::HashMismatch))
    );
}

/// A 429 is waited out for exactly as long as Retry-After says, then the sync goes on.
#[tokio::test]
async fn sync_honours_429_retry_after() {
    let f = Fixture::start(
        300,
        Config {
            feed_requests_per_minute: 10,
            ..Config::default()
        },
    )
    .await;
    for _ in 0..9 {
        f.client().audit_page(0, 1).await.unwrap();
    }
    f.clock.advance(Duration::seconds(59));
    let cache = f.cache().await;
    let mut waits = Vec::new();
    let started = std::time::Instant::now();
    let clock = f.clock.clone();
    sync_audit(
        &cache,
        SOURCE,
        &f.client(),
        &options(100),
        |p: &SyncProgress| {
            if let Some(w) = p.waiting_secs {
                waits.push(w);
                // The service's minute is over once the wait is.
                clock.advance(Duration::seconds(w as i64));
            }
        },
    )
    .await
    .unwrap();
    assert_eq!(waits, [1.0]);
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_mirror(&f, &cache).await;
}

/// Clause FZ-PW-REDACT: neither a password nor the session token is anywhere in the
/// cache's files after a sync.
#[tokio::test]
async fn fz_pw_redact_no_password_or_token_in_the_cache_file() {
    let f = Fixture::start(200, Config::default()).await;
    let cache = f.cache().await;
    sync_audit(&cache, SOURCE, &f.client(), &options(100), |_| {})
        .await
        .unwrap();
    cache
        .record_local_audit(SOURCE, Utc::now(), "search", "manager")
        .await
        .unwrap();
    let mut bytes = Vec::new();
    for name in ["cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"] {
        if let Ok(b) = std::fs::read(f.dir.path().join(name)) {
            bytes.extend(b);
        }
    }
    assert!(bytes.len() > 10_000, "the cache holds the synced log");
    for secret in [f.token.as_str(), demo::DEMO_PASSWORD] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "a secret is in the cache file"
        );
    }
}

/// Full-text search and filters over the cached log combine; keyset pages go both ways.
#[tokio::test]
async fn cached_log_is_searchable_and_filterable() {
    let f = Fixture::start(2000, Config::default()).await;
    let cache = f.cache().await;
    sync_audit(&cache, SOURCE, &f.client(), &options(1000), |_| {})
        .await
        .unwrap();
    let all = common::cached(&cache, SOURCE).await;
    let q = |text: &str| AuditQuery {
        text: Some(text.into()),
        limit: 10_000,
        ..Default::default()
    };
    let found = cache.audit_events(SOURCE, &q("operator")).await.unwrap();
    let expected: Vec<_> = all
        .iter()
        .filter(|e| {
            e.actor
                .as_deref()
                .is_some_and(|a| a.starts_with("operator"))
        })
        .cloned()
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(found, expected);
    let found = cache
        .audit_events(
            SOURCE,
            &AuditQuery {
                outcome: Some(admin_api::AuditOutcome::Refused),
                ..q("sessions")
            },
        )
        .await
        .unwrap();
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(|e| e.target == "/api/v1/sessions" && e.status == 401));
    assert_eq!(
        cache
            .count_audit_events(SOURCE, &q("sessions"))
            .await
            .unwrap(),
        all.iter().filter(|e| e.target.contains("sessions")).count() as i64
    );
    let newest = cache
        .audit_events(
            SOURCE,
            &AuditQuery {
                descending: true,
                limit: 10,
                after: Some(1000),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(newest.first().unwrap().seq, 999);
    assert!(
        cache.audit_events(SOURCE, &q("\"unbalanced")).await.is_ok(),
        "user input is never FTS syntax"
    );
}

/// Clause FZ-AUDIT (audit the auditor): searching and exporting the cached log, recorded
/// locally while offline, reach the service's log at the next sync and come back with it.
#[tokio::test]
async fn fz_audit_reading_the_cache_is_audited_at_the_next_sync() {
    let f = Fixture::start(50, Config::default()).await;
    let cache = f.cache().await;
    let t = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    cache
        .record_local_audit(SOURCE, t, "searched", "text=aino")
        .await
        .unwrap();
    cache
        .record_local_audit(SOURCE, t, "exported", "csv, outcome=refused")
        .await
        .unwrap();
    sync_audit(&cache, SOURCE, &f.client(), &options(100), |_| {})
        .await
        .unwrap();
    assert!(cache.unsent_local_audit(SOURCE).await.unwrap().is_empty());
    let found = cache
        .audit_events(
            SOURCE,
            &AuditQuery {
                text: Some("CONSOLE".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = found.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "CONSOLE searched cached audit log",
            "CONSOLE exported cached audit log",
            // The upload itself is audited like every request.
            "POST /api/v1/audit/console-events",
        ]
    );
    assert!(found
        .iter()
        .all(|e| e.actor.as_deref() == Some(demo::OPERATOR)));
    assert!(found[0]
        .target
        .starts_with("text=aino (on the console at 2026-03-01T12:00:00Z)"));
    assert_mirror(&f, &cache).await;
}

/// Clauses UQ-ACTIVITY-PW and UQ-GDPR offline: activities and notifications are in the
/// cache after a sync, a second sync brings only what is new, and unread counts hold.
#[tokio::test]
async fn activities_and_notifications_are_cached() {
    let f = Fixture::start(0, Config::default()).await;
    let client = f.client();
    for granted in [true, false] {
        client
            .change_consent(&admin_api::ConsentChange {
                purpose: admin_api::ConsentPurpose::MarketingEmail,
                granted,
            })
            .await
            .unwrap();
    }
    let cache = f.cache().await;
    let (activities, notifications) = admin_cache::sync_feeds(&cache, SOURCE, &client)
        .await
        .unwrap();
    assert!(activities >= 3, "a sign-in and two consent changes");
    assert_eq!(notifications, 2);
    let consent = cache
        .activities(SOURCE, None, Some("consent_changed"), 10)
        .await
        .unwrap();
    assert_eq!(consent.len(), 2);
    assert_eq!(consent[0].detail, "marketing_email revoked");
    let (items, unread) = cache.notifications(SOURCE, true, None, 10).await.unwrap();
    assert_eq!((items.len(), unread), (2, 2));
    assert_eq!(items[0].kind, "consent_revoked");
    let receipt = client
        .mark_notifications_read(vec![items[0].id])
        .await
        .unwrap();
    assert_eq!(receipt.unread, 1);
    cache
        .mark_notifications_read(SOURCE, &[items[0].id], Utc::now())
        .await
        .unwrap();
    assert_eq!(
        cache
            .notifications(SOURCE, false, None, 10)
            .await
            .unwrap()
            .1,
        1
    );
    let again = admin_cache::sync_feeds(&cache, SOURCE, &client)
        .await
        .unwrap();
    assert_eq!(again, (0, 0));

    // Read on the service (another console): read here after the next sync.
    client
        .mark_notifications_read(vec![items[1].id])
        .await
        .unwrap();
    admin_cache::sync_feeds(&cache, SOURCE, &client)
        .await
        .unwrap();
    assert_eq!(cache.unread_notifications(SOURCE).await.unwrap(), 0);

    // Read here while the service was not told: the next sync tells it.
    client
        .change_consent(&admin_api::ConsentChange {
            purpose: admin_api::ConsentPurpose::MarketingSms,
            granted: true,
        })
        .await
        .unwrap();
    assert_eq!(
        admin_cache::sync_feeds(&cache, SOURCE, &client)
            .await
            .unwrap()
            .1,
        1
    );
    let (fresh, unread) = cache
        .notifications(SOURCE, true, Some("consent_granted"), 10)
        .await
        .unwrap();
    assert_eq!((fresh.len(), unread), (1, 1));
    cache
        .mark_notifications_read(SOURCE, &[fresh[0].id], Utc::now())
        .await
        .unwrap();
    assert_eq!(client.notifications_page(0, 10).await.unwrap().unread, 1);
    admin_cache::sync_feeds(&cache, SOURCE, &client)
        .await
        .unwrap();
    assert_eq!(client.notifications_page(0, 10).await.unwrap().unread, 0);
    assert_eq!(cache.unread_notifications(SOURCE).await.unwrap(), 0);
}

/// Small pages, short waits: a fault test syncs a few hundred events in a second or so.
fn fault_options() -> SyncOptions {
    SyncOptions {
        page_size: 50,
        base_backoff: std::time::Duration::from_millis(20),
        page_timeout: std::time::Duration::from_secs(1),
        ..SyncOptions::default()
    }
}

/// The cache's events are the service's, seq for seq and hash for hash, up to the cursor.
async fn assert_same_log(f: &Fixture, cache: &Cache) {
    let state = cache.sync_state(SOURCE, "audit").await.unwrap();
    let mine: Vec<(i64, String)> = common::cached(cache, SOURCE)
        .await
        .into_iter()
        .map(|e| (e.seq, e.hash))
        .collect();
    let theirs: Vec<(i64, String)> = f
        .service_events(state.cursor)
        .await
        .into_iter()
        .map(|e| (e.seq, e.hash))
        .collect();
    assert_eq!(mine.last().map(|e| e.0), Some(state.cursor));
    assert_eq!(mine, theirs, "no gap, no duplicate");
}

async fn run_done(cache: &Cache) -> bool {
    sqlx::query_scalar("SELECT run_done FROM sync_state WHERE feed = 'audit'")
        .fetch_one(cache.pool())
        .await
        .unwrap()
}

struct FaultRun {
    f: Fixture,
    proxy: FaultProxy,
    cache: Cache,
    first: Result<admin_cache::SyncReport, SyncError>,
}

/// Syncs 300 events through the proxy with `fault` on `times` pages after the second.
/// A sync that fails must not be recorded as done; either way the next sync, with the
/// fault removed, leaves the cache equal to the service's log.
async fn fault_then_recover(fault: Fault, times: usize) -> FaultRun {
    let f = Fixture::start(300, Config::default()).await;
    let proxy = FaultProxy::start(&f.service.base_url()).await;
    let via_proxy = Client::new(&proxy.base_url)
        .unwrap()
        .with_token(Secret::new(f.token.clone()));
    let cache = f.cache().await;
    proxy.inject(fault, 2, times);
    let first = sync_audit(&cache, SOURCE, &via_proxy, &fault_options(), |_| {}).await;
    assert!(proxy.injected() >= 1, "{fault:?} was injected");
    let state = cache.sync_state(SOURCE, "audit").await.unwrap();
    match &first {
        Ok(report) => {
            assert!(report.state.cursor >= report.state.high_water, "{report:?}");
            assert!(run_done(&cache).await);
        }
        Err(_) => {
            assert!(state.cursor < state.high_water, "{state:?}");
            assert!(!run_done(&cache).await, "a partial sync is not done");
        }
    }
    proxy.clear();
    let again = sync_audit(&cache, SOURCE, &via_proxy, &fault_options(), |_| {})
        .await
        .unwrap();
    assert!(again.state.cursor >= again.state.high_water);
    assert_same_log(&f, &cache).await;
    FaultRun {
        f,
        proxy,
        cache,
        first,
    }
}

/// A server that keeps answering garbage fails the sync with a clear message after one
/// retry; nothing is lost.
#[tokio::test]
async fn fault_garbage_json_fails_clearly_and_loses_nothing() {
    let run = fault_then_recover(Fault::GarbageJson, usize::MAX).await;
    let err = run.first.unwrap_err();
    assert!(
        matches!(err, SyncError::Client(ClientError::Protocol(_))),
        "{err:?}"
    );
    assert_eq!(run.proxy.injected(), 2);
    assert_mirror(&run.f, &run.cache).await;
}

/// A body cut short (the connection closed before Content-Length) is never a page: it is
/// read again.
#[tokio::test]
async fn fault_truncated_body_is_never_a_page() {
    let run = fault_then_recover(Fault::TruncatedBody, 1).await;
    run.first.unwrap();
    assert_mirror(&run.f, &run.cache).await;
}

/// A reset in the middle of a page is retried like any transient network error.
#[tokio::test]
async fn fault_connection_reset_mid_page_is_retried() {
    let run = fault_then_recover(Fault::Reset, 1).await;
    run.first.unwrap();
    assert_mirror(&run.f, &run.cache).await;
}

/// A 500 on one page of a long sync is backed off and retried; the sync completes.
#[tokio::test]
async fn fault_server_error_on_one_page_is_retried() {
    let run = fault_then_recover(Fault::ServerError, 1).await;
    run.first.unwrap();
    assert_mirror(&run.f, &run.cache).await;
}

/// A body that trickles slower than the page timeout is a timeout, retried, not a hang.
#[tokio::test]
async fn fault_trickling_body_times_out_and_is_retried() {
    let run = fault_then_recover(Fault::Trickle, 1).await;
    run.first.unwrap();
    // The page timeout (1 s here) ended the wait and the page was asked again: the sync
    // did not sit through the 6 s body, nor the client's own 30 s timeout.
    assert_eq!(run.proxy.injected(), 1);
    assert_eq!(
        run.proxy.trickles_read_whole(),
        0,
        "the client waited it out"
    );
    assert_mirror(&run.f, &run.cache).await;
}

/// An event left out of one page (a gap in seq) is fetched again, not lost.
#[tokio::test]
async fn fault_gap_in_seq_is_refetched_not_lost() {
    let run = fault_then_recover(Fault::GapInSeq, 1).await;
    let report = run.first.unwrap();
    assert_eq!(report.state.broken_seq, None);
    assert_mirror(&run.f, &run.cache).await;
}

/// A cursor that does not advance (an empty page below the high water mark) is an
/// error after one retry: never a loop, never a sync reported complete, and no lock held.
#[tokio::test]
async fn fault_stuck_cursor_is_an_error_after_one_retry() {
    let run = fault_then_recover(Fault::StuckCursor, usize::MAX).await;
    let err = run.first.unwrap_err();
    assert!(err.to_string().contains("cursor"), "{err}");
    // Two stuck answers (the page and its one retry) and the sync stopped asking.
    run.proxy.inject(Fault::StuckCursor, 0, usize::MAX);
    let err = sync_audit(
        &run.cache,
        SOURCE,
        &Client::new(&run.proxy.base_url)
            .unwrap()
            .with_token(Secret::new(run.f.token.clone())),
        &fault_options(),
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("cursor"), "{err}");
    assert_eq!(run.proxy.injected(), 2);
    // The cache's write lock is free: the failed sync left no transaction open.
    let mut tx = run.cache.pool().begin().await.unwrap();
    sqlx::query("UPDATE sync_state SET synced_at = synced_at")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Clause FZ-AUDIT: a duplicated seq in every page is a chain break (`broken_seq`,
/// out of order), never a constraint error that wedges every later sync.
#[tokio::test]
async fn fz_audit_duplicated_seq_is_a_chain_break_not_a_wedge() {
    let run = fault_then_recover(Fault::DuplicateSeq, usize::MAX).await;
    let report = run.first.unwrap();
    let dup = report.state.broken_seq.expect("the duplicate is recorded");
    assert_eq!(report.state.broken_reason, Some(ChainBreak::OutOfOrder));
    assert!(dup > 0);
    // Still duplicated: later syncs go on, and the first break is kept.
    run.proxy.inject(Fault::DuplicateSeq, 0, usize::MAX);
    for _ in 0..3 {
        run.f.client().me().await.unwrap();
    }
    let later = sync_audit(
        &run.cache,
        SOURCE,
        &Client::new(&run.proxy.base_url)
            .unwrap()
            .with_token(Secret::new(run.f.token.clone())),
        &fault_options(),
        |_| {},
    )
    .await
    .unwrap();
    assert!(later.fetched >= 3);
    assert_eq!(later.state.broken_seq, Some(dup));
    assert_same_log(&run.f, &run.cache).await;
}

/// Clauses FZ-NO-CARD / UQ-NO-CARD: a card number typed into the audit search is masked
/// before the cache records the search, so the cache file never holds it and the record
/// still reaches the service (which refuses bodies holding one) at the next sync.
#[tokio::test]
async fn fz_no_card_searched_card_number_is_masked_in_the_cache_and_still_sent() {
    let f = Fixture::start(20, Config::default()).await;
    let cache = f.cache().await;
    let t = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    cache
        .record_local_audit(SOURCE, t, "searched", "text=4111 1111 1111 1111")
        .await
        .unwrap();
    sync_audit(&cache, SOURCE, &f.client(), &options(100), |_| {})
        .await
        .unwrap();
    assert!(cache.unsent_local_audit(SOURCE).await.unwrap().is_empty());
    let found = cache
        .audit_events(
            SOURCE,
            &AuditQuery {
                text: Some("CONSOLE".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        found[0]
            .target
            .starts_with(&format!("text={}", admin_policy::card::MASK)),
        "{found:?}"
    );
    let mut bytes = Vec::new();
    for name in ["cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm"] {
        if let Ok(b) = std::fs::read(f.dir.path().join(name)) {
            bytes.extend(b);
        }
    }
    for form in ["4111 1111 1111 1111", "4111111111111111"] {
        assert!(
            !bytes.windows(form.len()).any(|w| w == form.as_bytes()),
            "{form} is in the cache file"
        );
    }
}
