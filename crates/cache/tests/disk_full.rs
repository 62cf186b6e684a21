//! A full disk under the cache (issue 16): the sync fails with a message naming the disk,
//! the cache stays consistent, and with space again the sync completes. The cache lives on
//! a 2 MiB tmpfs mounted for the test (root only: CI runs as root).

use admin_api::Secret;
use admin_cache::{sync_audit, Cache, SyncError, SyncOptions};
use admin_client::Client;
use admin_service::{demo, AppState, Config};
use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

const SOURCE: &str = "profile-1";

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs of `size` at `dir`, unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mount a tmpfs at {}", dir.display());
        Tmpfs(dir.to_path_buf())
    }

    fn grow(&self, size: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .unwrap()
            .success();
        assert!(ok, "remount {}", self.0.display());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the disk at `dir` to the last byte with one file, whose path is returned: removing
/// it gives the space back.
fn fill_disk(dir: &Path) -> PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&[0]).is_ok() {}
    filler
}

async fn rows(cache: &Cache) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT seq, hash FROM audit_events ORDER BY seq")
        .fetch_all(cache.pool())
        .await
        .unwrap()
}

/// The cache is whole and its rows are exactly the service's events up to its cursor.
async fn assert_consistent(cache: &Cache, client: &Client, what: &str) -> i64 {
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(cache.pool())
        .await
        .unwrap();
    assert_eq!(integrity, ["ok"], "{what}");
    let state = cache.sync_state(SOURCE, "audit").await.unwrap();
    let mine = rows(cache).await;
    assert_eq!(
        mine.last().map_or(0, |r| r.0),
        state.cursor,
        "{what}: cursor on the last row"
    );
    let mut theirs = Vec::new();
    let mut after = 0;
    while after < state.cursor {
        let page = client.audit_page(after, 5000).await.unwrap();
        theirs.extend(
            page.items
                .into_iter()
                .filter(|e| e.seq <= state.cursor)
                .map(|e| (e.seq, e.hash)),
        );
        after = page.next_after;
    }
    assert!(
        mine == theirs,
        "{what}: exactly the service's events up to the cursor"
    );
    state.cursor
}

/// What a test's service holds besides the demo workspace.
enum Seed {
    AuditEvents(u64),
    History,
}

/// A service on loopback seeded with the demo and `seed`, and a client signed in to it as
/// the operator. The directory and the service live as long as the test keeps them.
async fn signed_in_service(
    seed: Seed,
) -> (tempfile::TempDir, admin_service::RunningService, Client) {
    let service_dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/service.sqlite", service_dir.path().display());
    let db = admin_service::db::open(&url).await.unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    demo::seed_if_empty(&db, t0).await.unwrap();
    match seed {
        Seed::AuditEvents(n) => {
            demo::seed_audit(&db, n, t0).await.unwrap();
        }
        Seed::History => {
            demo::seed_history(&db, t0).await.unwrap();
        }
    }
    let config = Config {
        feed_requests_per_minute: 1_000_000,
        ..Config::default()
    };
    let state = AppState::new(
        db,
        Arc::new(admin_service::clock::ManualClock::new(t0)),
        config,
    );
    let service = admin_service::start("127.0.0.1:0", state).await.unwrap();
    let token = Client::new(&service.base_url())
        .unwrap()
        .sign_in(demo::OPERATOR, &Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap()
        .token;
    let client = Client::new(&service.base_url()).unwrap().with_token(token);
    (service_dir, service, client)
}

#[tokio::test]
async fn disk_full_fails_the_sync_naming_the_disk_and_loses_nothing() {
    if !is_root() {
        println!("skipped: mounting a tmpfs needs root (CI runs as root)");
        return;
    }
    let (_service_dir, _service, client) = signed_in_service(Seed::AuditEvents(20_000)).await;

    let mount = tempfile::tempdir().unwrap();
    let disk = Tmpfs::mount(mount.path(), "2m");
    let cache = Cache::open(&mount.path().join("cache.sqlite"))
        .await
        .unwrap();
    let opts = SyncOptions {
        page_size: 500,
        base_backoff: std::time::Duration::from_millis(20),
        ..SyncOptions::default()
    };
    let err = sync_audit(&cache, SOURCE, &client, &opts, |_| {})
        .await
        .expect_err("20,000 events do not fit on 2 MiB");
    let SyncError::Cache(ref cache_err) = err else {
        panic!("a cache error: {err}");
    };
    assert!(cache_err.is_disk_full(), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("is full") && message.contains(&mount.path().display().to_string()),
        "the message names the disk: {message}"
    );
    let partial = assert_consistent(&cache, &client, "after the disk filled").await;
    assert!(partial < 20_000, "the disk filled mid-way ({partial})");

    // Reading still works on the full disk.
    assert_eq!(rows(&cache).await.len() as i64, partial);

    disk.grow("256m");
    sync_audit(&cache, SOURCE, &client, &opts, |_| {})
        .await
        .expect("with space again the sync completes");
    let end = assert_consistent(&cache, &client, "after space was freed").await;
    assert!(end > 20_000, "the whole log ({end})");
    println!("disk full at cursor {partial}; resumed to {end}, 0 lost");
    cache.pool().close().await;
    drop(disk);
}

/// The activity and notification feeds on a full disk (issue 16): the sync fails naming
/// the disk, the cache stays whole with nothing half-written, and with space again the
/// same sync brings every item.
#[tokio::test]
async fn disk_full_fails_the_feed_sync_naming_the_disk_and_loses_nothing() {
    if !is_root() {
        println!("skipped: mounting a tmpfs needs root (CI runs as root)");
        return;
    }
    let (_service_dir, _service, client) = signed_in_service(Seed::History).await;

    let mount = tempfile::tempdir().unwrap();
    let disk = Tmpfs::mount(mount.path(), "2m");
    let cache = Cache::open(&mount.path().join("cache.sqlite"))
        .await
        .unwrap();
    // Fill the disk to the last byte.
    let filler = fill_disk(mount.path());
    let count = |table: &'static str| {
        let pool = cache.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let err = admin_cache::sync_feeds(&cache, SOURCE, &client)
        .await
        .expect_err("nothing fits on a full disk");
    let SyncError::Cache(ref cache_err) = err else {
        panic!("a cache error: {err}");
    };
    assert!(cache_err.is_disk_full(), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("is full") && message.contains(&mount.path().display().to_string()),
        "the message names the disk: {message}"
    );
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(cache.pool())
        .await
        .unwrap();
    assert_eq!(integrity, ["ok"]);
    assert_eq!(count("activities").await, 0, "no half-written page");

    std::fs::remove_file(&filler).unwrap();
    let (activities, notifications) = admin_cache::sync_feeds(&cache, SOURCE, &client)
        .await
        .expect("with space again the feeds sync");
    assert!(activities > 0, "the demo's activities arrived");
    assert_eq!(count("activities").await as u64, activities);
    println!("feeds: disk full named; then {activities} activities, {notifications} notifications, 0 lost");
    cache.pool().close().await;
    drop(cache);
    drop(disk);
}

/// Issue 16: the console's own writes outside a sync (audit-the-auditor records, settings)
/// fail on a full disk with a message naming the disk, and what was stored before is kept.
#[tokio::test]
async fn disk_full_local_records_name_the_disk_and_keep_what_was_stored() {
    if !is_root() {
        println!("skipped: mounting a tmpfs needs root (CI runs as root)");
        return;
    }
    let mount = tempfile::tempdir().unwrap();
    let _disk = Tmpfs::mount(mount.path(), "2m");
    let cache = Cache::open(&mount.path().join("cache.sqlite"))
        .await
        .unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    cache
        .record_local_audit(SOURCE, t0, "audit_viewed", "before the disk filled")
        .await
        .unwrap();
    let filler = fill_disk(mount.path());
    // Pages SQLite already holds may take a few rows; the disk has no room for more.
    let detail = "x".repeat(2000);
    let mut failed = None;
    for _ in 0..1000 {
        if let Err(e) = cache
            .record_local_audit(SOURCE, t0, "audit_searched", &detail)
            .await
        {
            failed = Some(e);
            break;
        }
    }
    let err = failed.expect("a full disk refuses a local record");
    let message = err.to_string();
    assert!(err.is_disk_full(), "{message}");
    assert!(
        message.contains("is full") && message.contains(&mount.path().display().to_string()),
        "the message names the disk: {message}"
    );
    let setting = cache.set_setting("compact_tables", Some(&detail)).await;
    if let Err(e) = setting {
        assert!(
            e.to_string().contains(&mount.path().display().to_string()),
            "{e}"
        );
    }
    let unsent = cache.unsent_local_audit(SOURCE).await.unwrap();
    assert_eq!(unsent[0].3, "before the disk filled", "kept");

    std::fs::remove_file(&filler).unwrap();
    cache
        .record_local_audit(SOURCE, t0, "audit_viewed", "with space again")
        .await
        .expect("with space again the record is kept");
    let unsent = cache.unsent_local_audit(SOURCE).await.unwrap();
    assert_eq!(unsent.first().unwrap().3, "before the disk filled");
    assert_eq!(unsent.last().unwrap().3, "with space again");
}
