//! A damaged cache is set aside and replaced, with what the user did offline carried over;
//! a cache from a newer release is left untouched (issue 16, start-up).

use admin_cache::{open::known_version, Cache, CacheError, NewProfile};
use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};

const SOURCE: &str = "profile-1";

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 23, 15, 0).unwrap()
}

/// A cache as a working console leaves it: a profile, a setting, audit-the-auditor
/// records (one sent, two not), notifications (one read offline, not yet told), and enough
/// synced events to fill many pages after them. Closed, so the WAL is checkpointed.
async fn working_cache(path: &Path) {
    let cache = Cache::open(path).await.unwrap();
    cache
        .save_profile(
            NewProfile {
                id: SOURCE,
                name: "Example",
                url: "https://admin.example.com",
                username: "ann@example.com",
                demo: false,
            },
            now(),
        )
        .await
        .unwrap();
    cache.set_setting("theme", Some("dark")).await.unwrap();
    for action in ["audit_viewed", "audit_searched", "audit_exported"] {
        cache
            .record_local_audit(SOURCE, now(), action, "query: alice")
            .await
            .unwrap();
    }
    let first = cache.unsent_local_audit(SOURCE).await.unwrap()[0].0;
    cache.mark_local_audit_sent(&[first], now()).await.unwrap();
    let source = cache.source_id(SOURCE).await.unwrap();
    for (id, read_at, pending) in [(1, None, 0), (2, Some(now()), 1), (3, Some(now()), 0)] {
        sqlx::query(
            "INSERT INTO notifications (source, id, user_id, at, kind, message, read_at, read_pending) \
             VALUES (?, ?, 7, ?, 'consent_revoked', 'marketing email revoked', ?, ?)",
        )
        .bind(source)
        .bind(id)
        .bind(now())
        .bind(read_at)
        .bind(pending)
        .execute(cache.pool())
        .await
        .unwrap();
    }
    let mut tx = cache.pool().begin().await.unwrap();
    for seq in 1..=3000 {
        sqlx::query(
            "INSERT INTO audit_events (source, seq, at, actor, action, target, outcome, status, \
             prev_hash, hash, sync_run) VALUES (?, ?, ?, 'op@example.com', 'user.read', ?, 'allowed', 200, ?, ?, 1)",
        )
        .bind(source)
        .bind(seq)
        .bind(now())
        .bind(format!("/api/v1/users/{seq}"))
        .bind(format!("{seq:064}"))
        .bind(format!("{:064}", seq + 1))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    // Everything in the main file, so damaging it damages the data (no WAL to fall back on).
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(cache.pool())
        .await
        .unwrap();
    cache.pool().close().await;
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", path.display()));
    }
}

fn corrupt_copies(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            // Its WAL and shared-memory files travel with it.
            name.starts_with("cache.sqlite.corrupt-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .collect()
}

/// The damaged file is kept beside the new one under `cache.sqlite.corrupt-<time>`, the
/// fresh cache starts its sync from the beginning, and opening again reports nothing more.
async fn assert_set_aside(path: &Path, damaged: &[u8]) -> admin_cache::Recovery {
    let (cache, recovery) = Cache::open_or_recover(path, now()).await.unwrap();
    let recovery = recovery.expect("the damaged cache was noticed");
    let dir = path.parent().unwrap();
    assert_eq!(corrupt_copies(dir), vec![recovery.moved_to.clone()]);
    assert_eq!(
        recovery.moved_to.file_name().unwrap().to_string_lossy(),
        "cache.sqlite.corrupt-20261130T231500.000Z"
    );
    assert!(
        std::fs::read(&recovery.moved_to).unwrap() == damaged,
        "the damaged file is kept as it was"
    );
    // The fresh cache works and syncs again from the start.
    assert_eq!(cache.sync_state(SOURCE, "audit").await.unwrap().cursor, 0);
    cache.set_setting("after", Some("yes")).await.unwrap();
    cache.pool().close().await;
    let (_, again) = Cache::open_or_recover(path, now()).await.unwrap();
    assert!(again.is_none(), "said once: the fresh cache is sound");
    recovery
}

#[tokio::test]
async fn cache_that_is_not_a_database_is_set_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let recovery = assert_set_aside(&path, &garbage).await;
    assert!(
        recovery.reason.contains("not a database"),
        "{}",
        recovery.reason
    );
    assert_eq!(recovery.salvaged, admin_cache::Salvaged::default());
}

#[tokio::test]
async fn truncated_cache_is_set_aside_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    working_cache(&path).await;
    let whole = std::fs::read(&path).unwrap();
    let half = &whole[..whole.len() / 2];
    std::fs::write(&path, half).unwrap();
    let recovery = assert_set_aside(&path, half).await;
    // The early pages hold the profile and the unsent records: still carried over.
    assert_eq!(recovery.salvaged.profiles, 1);
    assert_eq!(recovery.salvaged.local_audit, 2);
}

/// A page in the middle overwritten (a bad sector, a torn write on a lying disk): the file
/// opens but fails `PRAGMA quick_check`. The unsent records live on sound pages and are
/// carried over exactly: the two audit-the-auditor records not sent, the one offline read.
#[tokio::test]
async fn cache_failing_quick_check_is_replaced_and_unsent_records_are_salvaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    working_cache(&path).await;
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    let at = (bytes.len() / page - 6) * page;
    for (i, b) in bytes[at..at + page].iter_mut().enumerate() {
        *b = (i * 31 % 256) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let recovery = assert_set_aside(&path, &bytes).await;
    assert!(
        recovery.reason.contains("integrity check") || recovery.reason.contains("malformed"),
        "{}",
        recovery.reason
    );
    assert_eq!(
        recovery.salvaged,
        admin_cache::Salvaged {
            profiles: 1,
            settings: 1,
            local_audit: 2,
            notification_reads: 1,
        }
    );
    let (cache, _) = Cache::open_or_recover(&path, now()).await.unwrap();
    let unsent = cache.unsent_local_audit(SOURCE).await.unwrap();
    let actions: Vec<&str> = unsent.iter().map(|u| u.2.as_str()).collect();
    assert_eq!(actions, ["audit_searched", "audit_exported"]);
    let (items, unread) = cache.notifications(SOURCE, false, None, 10).await.unwrap();
    assert_eq!(
        (items.iter().map(|n| n.id).collect::<Vec<_>>(), unread),
        (vec![2], 0)
    );
    let pending: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM notifications WHERE read_pending = 1")
            .fetch_all(cache.pool())
            .await
            .unwrap();
    assert_eq!(
        pending,
        [2],
        "the offline read is still to be told to the service"
    );
    assert_eq!(
        cache.profiles().await.unwrap()[0].username,
        "ann@example.com"
    );
    assert_eq!(
        cache.setting("theme").await.unwrap().as_deref(),
        Some("dark")
    );
}

/// A sound cache opens as it is: nothing set aside.
#[tokio::test]
async fn sound_cache_opens_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    working_cache(&path).await;
    let (cache, recovery) = Cache::open_or_recover(&path, now()).await.unwrap();
    assert!(recovery.is_none());
    assert_eq!(cache.unsent_local_audit(SOURCE).await.unwrap().len(), 2);
    assert!(corrupt_copies(dir.path()).is_empty());
}

/// A cache from a newer release (a migration this build does not know): a clear error
/// naming the file and both versions, and the file is not changed or moved.
#[tokio::test]
async fn cache_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    working_cache(&path).await;
    {
        let cache = Cache::open(&path).await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9001, 'from the future', 1, x'00', 0)",
        )
        .execute(cache.pool())
        .await
        .unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(cache.pool())
            .await
            .unwrap();
        cache.pool().close().await;
    }
    let before = std::fs::read(&path).unwrap();
    let err = Cache::open_or_recover(&path, now()).await.unwrap_err();
    assert!(
        matches!(err, CacheError::NewerVersion { found: 9001, known, .. } if known == known_version()),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("9001") && message.contains(&known_version().to_string()));
    assert!(message.contains("newer version"), "{message}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was changed"
    );
    assert!(corrupt_copies(dir.path()).is_empty());
}
