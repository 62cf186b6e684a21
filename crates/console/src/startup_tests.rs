//! The console starts and works around what the machine lacks (issue 16, start-up).

use crate::console::Console;
use crate::startup::StartupNotice;
use crate::test_support::TestConsole;
use crate::token_fallback::RefusingKeyring;
use crate::views::ConnectRequest;
use admin_api::Secret;
use admin_service::demo;
use std::path::Path;
use std::sync::Arc;

async fn open(dir: &Path, keyring: Arc<RefusingKeyring>) -> Console {
    TestConsole::new().tokens(keyring).open(dir).await
}

/// Every byte the console left in its data folder (cache, WAL, logs).
fn data_folder_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in walk(dir) {
        all.extend(std::fs::read(entry).unwrap_or_default());
    }
    all
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// No Secret Service: the console starts and says so; the demo works; a real sign-in works
/// with the token in memory for this run only; at the next start the user signs in again.
#[tokio::test]
async fn no_keyring_the_console_starts_and_signs_in_for_this_run_only() {
    let dir = tempfile::tempdir().unwrap();
    let keyring = Arc::new(RefusingKeyring::default());
    let console = open(dir.path(), keyring.clone()).await;
    assert!(
        matches!(
            crate::startup::notices(&console).as_slice(),
            [StartupNotice::NoKeyring { reason }] if reason.contains("dbus-launch")
        ),
        "the banner names the missing keyring: {:?}",
        crate::startup::notices(&console)
    );
    console
        .restore()
        .await
        .expect("nothing to restore, no error");

    let demo_view = console.open_demo().await.expect("the demo works");
    assert_eq!(demo_view.user.username, demo::MANAGER);

    // A real sign-in to a server (the demo's service, as a server profile).
    let view = console
        .connect(ConnectRequest {
            url: demo_view.profile.url.clone(),
            username: demo::OPERATOR.into(),
            password: Secret::new(demo::DEMO_PASSWORD),
        })
        .await
        .expect("a real sign-in works without a keyring");
    assert!(!view.profile.demo);
    // Calls that need the token work: it is held in memory.
    console.check_connection().await.unwrap();
    console.sign_out().await.unwrap();
    console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .expect("signing in again in the same run works");
    assert_eq!(
        console
            .state()
            .await
            .unwrap()
            .session
            .unwrap()
            .user
            .username,
        demo::OPERATOR
    );
    drop(console);

    let again = open(dir.path(), keyring).await;
    again.restore().await.unwrap();
    assert!(
        again.state().await.unwrap().session.is_none(),
        "next time the user signs in again"
    );
    assert_eq!(crate::startup::notices(&again).len(), 1);
}

/// A keyring that answers reads but refuses to store (locked): the sign-in still works,
/// the banner appears from then on, and the token is written nowhere in its place.
#[tokio::test]
async fn refusing_keyring_keeps_the_token_in_memory_and_writes_it_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    let keyring = Arc::new(RefusingKeyring {
        reads: true,
        ..Default::default()
    });
    let console = open(dir.path(), keyring.clone()).await;
    assert!(
        crate::startup::notices(&console).is_empty(),
        "the keyring answered"
    );
    console.open_demo().await.expect("the demo works");
    assert!(matches!(
        crate::startup::notices(&console).as_slice(),
        [StartupNotice::NoKeyring { .. }]
    ));
    console.sign_out().await.unwrap();
    console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap();
    console.check_connection().await.unwrap();
    let offered = keyring.offered.lock().unwrap().clone();
    assert_eq!(offered.len(), 1, "asked once, then memory for the run");
    drop(console);
    let bytes = data_folder_bytes(dir.path());
    assert!(!bytes.is_empty());
    assert!(
        !contains(&bytes, offered[0].expose()),
        "the session token was written to the data folder"
    );
}

/// A cache file that is not a database: the console starts on a fresh cache, says so
/// once (naming where the old file went), and syncs the audit log again.
#[tokio::test]
async fn damaged_cache_is_set_aside_the_console_says_so_once_and_syncs_again() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = vec![0x5a_u8; 16_384];
    std::fs::write(dir.path().join("cache.sqlite"), &garbage).unwrap();
    let console = TestConsole::new().open(dir.path()).await;
    let notices = crate::startup::notices(&console);
    let [StartupNotice::CacheReset {
        moved_to, reason, ..
    }] = notices.as_slice()
    else {
        panic!("one notice about the cache: {notices:?}");
    };
    assert!(reason.contains("not a database"), "{reason}");
    let moved_to = std::path::PathBuf::from(moved_to);
    assert!(moved_to
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("cache.sqlite.corrupt-"));
    assert!(
        std::fs::read(&moved_to).unwrap() == garbage,
        "the old file is kept as it was"
    );

    console
        .open_demo()
        .await
        .expect("the demo works on the fresh cache");
    let status = crate::audit::audit_sync_now(&console)
        .await
        .expect("the audit log syncs again");
    assert!(
        status.cached > 0 && status.broken_seq.is_none(),
        "{status:?}"
    );
    drop(console);

    let again = TestConsole::new().open(dir.path()).await;
    assert!(crate::startup::notices(&again).is_empty(), "said once");
}

/// A cache from a newer release: the console starts on a temporary cache, says which file
/// and which versions, the demo works, and the newer file is not changed.
#[tokio::test]
async fn cache_from_a_newer_version_is_left_untouched_and_the_demo_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    {
        let cache = admin_cache::Cache::open(&path).await.unwrap();
        for sql in [
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9001, 'from the future', 1, x'00', 0)",
            "PRAGMA wal_checkpoint(TRUNCATE)",
        ] {
            sqlx::query(sql).execute(cache.pool()).await.unwrap();
        }
        cache.pool().close().await;
    }
    let before = std::fs::read(&path).unwrap();
    let console = TestConsole::new().open(dir.path()).await;
    let notices = crate::startup::notices(&console);
    assert!(
        matches!(
            notices.as_slice(),
            [StartupNotice::NewerCache { path: p, found: 9001, known }]
                if *p == path.display().to_string() && *known == admin_cache::open::known_version()
        ),
        "{notices:?}"
    );
    console.open_demo().await.expect("the demo works");
    crate::audit::audit_sync_now(&console).await.unwrap();
    drop(console);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the newer cache was changed"
    );
}
