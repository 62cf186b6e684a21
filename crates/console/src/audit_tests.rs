//! The audit log panel's commands without a window, against the real service started
//! in-process on loopback: sync with progress, chain breaks, offline reading, export and
//! audit the auditor.

use crate::audit::{AuditExportProgress, AuditSyncProgress};
use crate::console::{Console, Notifier};
use crate::error::CommandError;
use crate::host::Host;
use crate::test_support::{DemoService, TestConsole};
use crate::views::{Connection, SessionEnded};
use admin_api::audit::ChainBreak;
use admin_api::{AuditEvent, AuditOutcome};
use admin_cache::{AuditQuery, ExportFormat};
use admin_service::{demo, RunningService};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Recorder {
    sync: Mutex<Vec<AuditSyncProgress>>,
    export: Mutex<Vec<AuditExportProgress>>,
}

impl Notifier for Recorder {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
    fn audit_sync_progress(&self, progress: AuditSyncProgress) {
        self.sync.lock().unwrap().push(progress);
    }
    fn audit_export_progress(&self, progress: AuditExportProgress) {
        self.export.lock().unwrap().push(progress);
    }
}

struct Fixture {
    console: Console,
    events: Arc<Recorder>,
    service: Option<RunningService>,
    addr: SocketAddr,
    dir: tempfile::TempDir,
}

/// A service with `audit_events` demo events, and the console signed in as `username`.
async fn fixture(audit_events: u64, username: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let service = DemoService::new()
        .audit_events(audit_events)
        .start(dir.path())
        .await;
    let events = Arc::new(Recorder::default());
    let console = TestConsole::new()
        .notifier(events.clone())
        .signed_in(&dir.path().join("console"), &service.base_url(), username)
        .await;
    Fixture {
        console,
        events,
        addr: service.addr,
        service: Some(service),
        dir,
    }
}

impl Fixture {
    async fn stop(&mut self) {
        self.service.take().unwrap().stop().await.unwrap();
    }

    /// The same service database back on the same address.
    async fn restart(&mut self) {
        let service = DemoService::new().listen(&self.addr.to_string());
        self.service = Some(service.start(self.dir.path()).await);
    }

    async fn all(&self, query: AuditQuery) -> Vec<AuditEvent> {
        let mut out = Vec::new();
        let mut after = None;
        loop {
            let page = crate::audit::audit_page(
                &self.console,
                AuditQuery {
                    after,
                    limit: 1000,
                    ..query.clone()
                },
            )
            .await
            .unwrap();
            let Some(last) = page.last() else { return out };
            after = Some(last.seq);
            out.extend(page);
        }
    }
}

/// Clause FZ-AUDIT: "Sync now" copies the manager's part of the log into the cache with
/// progress; the copy pages by keyset and by offset alike, and "new since last sync" is
/// what the latest sync brought.
#[tokio::test]
async fn fz_audit_sync_now_copies_the_log_with_progress_and_new_since_last_sync() {
    let f = fixture(3000, demo::MANAGER).await;
    let status = crate::audit::audit_sync_now(&f.console).await.unwrap();
    assert!(status.cached > 100, "{status:?}");
    assert_eq!(status.new_in_last_sync, status.cached);
    assert_eq!(status.broken_seq, None);
    assert!(!status.from_cache && !status.syncing);
    assert!(status.fetched_at.is_some());
    let progress = f.events.sync.lock().unwrap().clone();
    let (last, before) = progress.split_last().unwrap();
    assert!(last.done);
    assert_eq!(before.last().unwrap().synced, status.cached as u64);

    let all = f.all(AuditQuery::default()).await;
    assert_eq!(all.len() as i64, status.cached);
    // A manager's copy is their account's chain only.
    assert!(all.iter().all(|e| e.account_id == all[0].account_id));
    let jumped = crate::audit::audit_page(
        &f.console,
        AuditQuery {
            offset: 250,
            limit: 50,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(jumped, all[250..300]);
    let newest = crate::audit::audit_page(
        &f.console,
        AuditQuery {
            descending: true,
            limit: 5,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(newest[0], *all.last().unwrap());

    let again = crate::audit::audit_sync_now(&f.console).await.unwrap();
    let new = f
        .all(AuditQuery {
            new_since_last_sync: true,
            ..AuditQuery::default()
        })
        .await;
    assert_eq!(new.len() as i64, again.new_in_last_sync);
    assert!(
        !new.is_empty() && new.len() < 20,
        "only the reads since the first sync: {}",
        new.len()
    );
    assert!(new.iter().all(|e| e.seq > all.last().unwrap().seq));
    assert_eq!(
        crate::audit::audit_verify(&f.console)
            .await
            .unwrap()
            .broken_seq,
        None
    );
}

/// Clause FZ-AUDIT: an event changed in the service is found while syncing; the panel
/// gets its sequence number, the drawer shows it fails its hash, and "Verify integrity"
/// over the whole cache finds the same one.
#[tokio::test]
async fn fz_audit_a_chain_break_found_during_sync_names_the_first_bad_event() {
    let f = fixture(1000, demo::OPERATOR).await;
    let db = &f.service.as_ref().unwrap().state.db;
    admin_service::db::query("DROP TRIGGER audit_events_v2_no_update")
        .execute(db)
        .await
        .unwrap();
    admin_service::db::query(
        "UPDATE audit_events SET actor = 'nobody@demo.example' WHERE seq = 400",
    )
    .execute(db)
    .await
    .unwrap();
    let status = crate::audit::audit_sync_now(&f.console).await.unwrap();
    assert_eq!(status.broken_seq, Some(400));
    assert_eq!(status.broken_reason, Some(ChainBreak::HashMismatch));
    let check = crate::audit::audit_verify(&f.console).await.unwrap();
    assert_eq!(check.broken_seq, Some(400));
    let upto = f.all(AuditQuery::default()).await;
    assert_eq!(
        check.checked as usize,
        upto.iter().filter(|e| e.seq <= 400).count()
    );
    let bad = crate::audit::audit_event(&f.console, 400).await.unwrap();
    assert!(!bad.hash_valid);
    assert_eq!(bad.broken_seq, Some(400));
    let good = crate::audit::audit_event(&f.console, 399).await.unwrap();
    assert!(good.hash_valid && good.linked);
    let missing = crate::audit::audit_event(&f.console, 10_000_000)
        .await
        .unwrap_err();
    assert!(
        matches!(missing, CommandError::NotFound { .. }),
        "{missing:?}"
    );
}

/// Clause FZ-AUDIT (audit the auditor): offline the panel reads the cache and says so;
/// searching it is recorded locally and reaches the service's log at the next sync.
#[tokio::test]
async fn fz_audit_offline_reading_is_recorded_and_sent_at_the_next_sync() {
    let mut f = fixture(500, demo::MANAGER).await;
    let synced = crate::audit::audit_sync_now(&f.console).await.unwrap();
    f.stop().await;

    let search = AuditQuery {
        text: Some("sessions".into()),
        outcome: Some(AuditOutcome::Refused),
        ..AuditQuery::default()
    };
    let count = crate::audit::audit_count(&f.console, search.clone())
        .await
        .unwrap();
    assert!(count > 0);
    let page = crate::audit::audit_page(
        &f.console,
        AuditQuery {
            limit: 100,
            ..search.clone()
        },
    )
    .await
    .unwrap();
    assert_eq!(page.len() as i64, count.min(100));
    assert!(page.iter().all(|e| e.outcome == AuditOutcome::Refused));

    let err = crate::audit::audit_sync_now(&f.console).await.unwrap_err();
    assert!(matches!(err, CommandError::Offline { .. }), "{err:?}");
    let offline = crate::audit::audit_status(&f.console).await.unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.cached, synced.cached);
    assert_eq!(
        offline.fetched_at, synced.fetched_at,
        "shown as of the last sync"
    );

    f.restart().await;
    let back = crate::audit::audit_sync_now(&f.console).await.unwrap();
    assert!(!back.from_cache);
    let sent = f
        .all(AuditQuery {
            text: Some("CONSOLE".into()),
            ..AuditQuery::default()
        })
        .await;
    let searched = sent
        .iter()
        .find(|e| e.action == "CONSOLE searched cached audit log")
        .expect("the offline search reached the service's log");
    assert_eq!(searched.actor.as_deref(), Some(demo::MANAGER));
    assert!(
        searched
            .target
            .starts_with("text=\"sessions\" outcome=refused (on the console at "),
        "{}",
        searched.target
    );
}

/// Export writes exactly the events of the filter, streaming with progress, as CSV and as
/// JSON; the export is recorded for the service's log.
#[tokio::test]
async fn export_writes_the_filter_as_exact_csv_and_json() {
    let f = fixture(2000, demo::OPERATOR).await;
    crate::audit::audit_sync_now(&f.console).await.unwrap();
    let query = AuditQuery {
        outcome: Some(AuditOutcome::Refused),
        descending: true,
        ..AuditQuery::default()
    };
    let expected = f.all(query.clone()).await;
    assert!(expected.len() > 50);

    let csv_path = f.dir.path().join("audit.csv");
    let written =
        crate::audit::export_audit(&f.console, &csv_path, query.clone(), ExportFormat::Csv)
            .await
            .unwrap();
    assert_eq!(written, expected.len() as u64);
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "seq,at,actor,action,target,subject,outcome,status,client_addr,account_id,prev_hash,hash"
    );
    assert_eq!(lines.len(), expected.len() + 1);
    let e = &expected[0];
    assert_eq!(
        lines[1],
        format!(
            "{},{},{},{},{},,refused,{},{},{},{},{}",
            e.seq,
            e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            e.actor.as_deref().unwrap_or(""),
            e.action,
            e.target,
            e.status,
            e.client_addr.as_deref().unwrap_or(""),
            e.account_id.map(|a| a.to_string()).unwrap_or_default(),
            e.prev_hash,
            e.hash
        )
    );
    let progress = f.events.export.lock().unwrap().clone();
    assert_eq!(
        progress.last(),
        Some(&AuditExportProgress {
            written,
            total: written
        })
    );

    let json_path = f.dir.path().join("audit.json");
    crate::audit::export_audit(&f.console, &json_path, query, ExportFormat::Json)
        .await
        .unwrap();
    let parsed: Vec<AuditEvent> =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(parsed, expected);

    let profile = f.console.profile_id().await.unwrap();
    let recorded = f
        .console
        .cache()
        .unsent_local_audit(&profile)
        .await
        .unwrap();
    let exports: Vec<&str> = recorded
        .iter()
        .filter(|(_, _, action, _)| action == "exported")
        .map(|(_, _, _, detail)| detail.as_str())
        .collect();
    assert_eq!(
        exports,
        [
            format!("csv, {written} events: outcome=refused"),
            format!("json, {written} events: outcome=refused"),
        ]
    );
}

/// Clause FZ-AUDIT (audit the auditor): an export that fails because the disk is full
/// leaves no partial file and keeps the previous export whole, says which disk is full,
/// and is recorded as an attempted export. The disk is a real 64 KiB tmpfs, mounted in a
/// private mount namespace (`unshare`), so the test needs no root and changes nothing
/// outside its own process.
#[test]
fn fz_audit_failed_export_on_a_full_disk_leaves_no_partial_file_and_is_recorded() {
    const CHILD: &str = "ADMIN_CONSOLE_TEST_FULL_DISK";
    const NAME: &str =
        "audit_tests::fz_audit_failed_export_on_a_full_disk_leaves_no_partial_file_and_is_recorded";
    if std::env::var_os(CHILD).is_none() {
        let out = std::process::Command::new("unshare")
            .args(["--user", "--map-root-user", "--mount", "--"])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", NAME, "--nocapture"])
            .env(CHILD, "1")
            .output()
            .expect("unshare (util-linux) starts the test in its own mount namespace");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{stdout}\n{stderr}"
        );
        return;
    }
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(export_to_a_full_disk());
}

async fn export_to_a_full_disk() {
    let f = fixture(2000, demo::OPERATOR).await;
    crate::audit::audit_sync_now(&f.console).await.unwrap();
    let disk = f.dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&disk)
        .status()
        .unwrap();
    assert!(mounted.success());
    let target = disk.join("audit.csv");
    std::fs::write(&target, "the export of last week\n").unwrap();

    let err = crate::audit::export_audit(
        &f.console,
        &target,
        AuditQuery::default(),
        ExportFormat::Csv,
    )
    .await
    .unwrap_err();
    let CommandError::Internal { message } = &err else {
        panic!("{err:?}")
    };
    assert!(
        message.contains(&format!("the disk holding {} is full", disk.display())),
        "{message}"
    );
    assert!(message.contains("nothing was saved"), "{message}");
    let left: Vec<_> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["audit.csv"], "no partial file beside the old export");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the export of last week\n"
    );

    let profile = f.console.profile_id().await.unwrap();
    let recorded = f
        .console
        .cache()
        .unsent_local_audit(&profile)
        .await
        .unwrap();
    let (_, _, _, detail) = recorded
        .iter()
        .find(|(_, _, action, _)| action == "exported")
        .expect("the attempt is recorded");
    assert!(detail.starts_with("csv, failed after "), "{detail}");
    assert!(detail.contains("is full"), "{detail}");
    assert!(detail.ends_with(": all events"), "{detail}");
}
