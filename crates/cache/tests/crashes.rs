//! A syncing console process killed (SIGKILL) again and again, and the files a power cut
//! leaves at random moments of a sync (issue 16, crashes). The sync runs in a child
//! process (this test binary, `child_syncs_forever`) against the real service on loopback.

mod common;
use admin_api::{AuditEvent, Secret};
use admin_cache::{sync_audit, Cache, SyncOptions};
use admin_client::Client;
use admin_service::{demo, AppState, Config, RunningService};
use chrono::{TimeZone, Utc};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SOURCE: &str = "profile-1";
/// What the child prints after each committed page, then the cursor.
const COMMITTED: &str = "committed ";

struct Fixture {
    service: RunningService,
    token: String,
    dir: TempDir,
}

impl Fixture {
    async fn start(events: u64) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/service.sqlite", dir.path().display());
        let db = admin_service::db::open(&url).await.unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        demo::seed_if_empty(&db, t0).await.unwrap();
        demo::seed_audit(&db, events, t0).await.unwrap();
        let clock = admin_service::clock::ManualClock::new(t0);
        // The syncing child asks page after page; the feed quota is not under test here.
        let config = Config {
            feed_requests_per_minute: 1_000_000,
            ..Config::default()
        };
        let state = AppState::new(db, Arc::new(clock), config);
        let service = admin_service::start("127.0.0.1:0", state).await.unwrap();
        let token = Client::new(&service.base_url())
            .unwrap()
            .sign_in(demo::OPERATOR, &Secret::new(demo::DEMO_PASSWORD))
            .await
            .unwrap()
            .token
            .expose()
            .to_string();
        Fixture {
            service,
            token,
            dir,
        }
    }

    fn client(&self) -> Client {
        Client::new(&self.service.base_url())
            .unwrap()
            .with_token(Secret::new(self.token.clone()))
    }

    fn cache_path(&self) -> PathBuf {
        self.dir.path().join("cache.sqlite")
    }

    /// A child process syncing into the cache, page after page, until it is killed.
    fn spawn_syncer(&self) -> Syncer {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["child_syncs_forever", "--exact", "--ignored", "--nocapture"])
            .env("CRASH_SYNC_URL", self.service.base_url())
            .env("CRASH_SYNC_TOKEN", &self.token)
            .env("CRASH_SYNC_CACHE", self.cache_path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (committed, pages) = (Arc::new(AtomicI64::new(0)), Arc::new(AtomicUsize::new(0)));
        let out = child.stdout.take().unwrap();
        let (seen, counted) = (committed.clone(), pages.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(cursor) = line.strip_prefix(COMMITTED).and_then(|c| c.parse().ok()) {
                    seen.store(cursor, SeqCst);
                    counted.fetch_add(1, SeqCst);
                }
            }
        });
        Syncer {
            child,
            committed,
            pages,
        }
    }

    /// The service's events up to `upto`, as the operator reads them.
    async fn service_events(&self, upto: i64) -> Vec<AuditEvent> {
        let op = self.client();
        let mut all = Vec::new();
        let mut after = 0;
        while after < upto {
            let page = op.audit_page(after, 5000).await.unwrap();
            if page.items.is_empty() {
                break;
            }
            all.extend(page.items.into_iter().filter(|e| e.seq <= upto));
            after = page.next_after;
        }
        all
    }
}

/// The syncing child, the last cursor it said it committed and how many pages it did.
struct Syncer {
    child: Child,
    committed: Arc<AtomicI64>,
    pages: Arc<AtomicUsize>,
}

impl Syncer {
    /// Waits until the child has committed a page past `cursor`, so that what comes next
    /// lands in a sync that is moving however slow the machine is.
    async fn committed_past(&mut self, cursor: i64) {
        while self.committed.load(SeqCst) <= cursor {
            self.still_running();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    async fn pages_at_least(&mut self, pages: usize) {
        while self.pages.load(SeqCst) < pages {
            self.still_running();
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    fn still_running(&mut self) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!("the syncing child ended: {status}");
        }
    }
}

/// Small pages: many transactions, so a kill or a cut lands inside one often.
fn options() -> SyncOptions {
    SyncOptions {
        page_size: 25,
        base_backoff: Duration::from_millis(20),
        ..SyncOptions::default()
    }
}

/// Run as a child process by the tests below; does nothing when run on its own.
#[tokio::test]
#[ignore]
async fn child_syncs_forever() {
    let (Ok(url), Ok(token), Ok(path)) = (
        std::env::var("CRASH_SYNC_URL"),
        std::env::var("CRASH_SYNC_TOKEN"),
        std::env::var("CRASH_SYNC_CACHE"),
    ) else {
        return;
    };
    let cache = Cache::open(Path::new(&path)).await.unwrap();
    let client = Client::new(&url).unwrap().with_token(Secret::new(token));
    loop {
        let _ = sync_audit(&cache, SOURCE, &client, &options(), |p| {
            if p.waiting_secs.is_none() {
                println!("{COMMITTED}{}", p.cursor);
            }
        })
        .await;
    }
}

/// xorshift64: random timing without a dependency; the seed is printed so a failure can
/// be replayed (`CRASH_SEED`).
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("CRASH_SEED={seed}");
        Rng(seed)
    }

    fn millis(&mut self, from: u64, to: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(from + self.0 % (to - from))
    }
}

/// The cache is whole and holds exactly the service's events up to its cursor: no gap, no
/// duplicate, every link verified.
async fn assert_exact_up_to_cursor(f: &Fixture, cache: &Cache, what: &str) -> i64 {
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(cache.pool())
        .await
        .unwrap();
    assert_eq!(integrity, ["ok"], "{what}: integrity check");
    let state = cache.sync_state(SOURCE, "audit").await.unwrap();
    let mine = common::cached(cache, SOURCE).await;
    assert_eq!(
        mine.last().map_or(0, |e| e.seq),
        state.cursor,
        "{what}: the cursor is the last row"
    );
    let theirs = f.service_events(state.cursor).await;
    assert_eq!(
        mine.len(),
        theirs.len(),
        "{what}: as many rows as the service's events"
    );
    assert!(mine == theirs, "{what}: the same events as the service");
    assert_eq!(state.broken_seq, None, "{what}: no chain break");
    assert_eq!(
        cache.verify_audit_chain(SOURCE).await.unwrap(),
        None,
        "{what}"
    );
    state.cursor
}

/// Clause FZ-AUDIT, issue 16: a syncing process killed with SIGKILL 50 times at random
/// moments of one long sync; after every kill the cache holds exactly the service's events
/// up to its cursor, and the last resume ends with the whole log, chain verified.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fz_audit_sync_killed_50_times_at_random_resumes_every_time() {
    const KILLS: usize = 50;
    // Enough for 50 kills to land mid-sync: a child synced about 350 events between start
    // and kill on the 2-core CI machine; a machine twice as fast still ends mid-sync.
    const EVENTS: u64 = 40_000;
    let f = Fixture::start(EVENTS).await;
    // Migrated here first: two processes must not both migrate one new file.
    Cache::open(&f.cache_path())
        .await
        .unwrap()
        .pool()
        .close()
        .await;
    let mut rng = Rng::from_env();
    let started = Instant::now();
    let mut cursors = Vec::new();
    let mut mid_sync = 0;
    let mut last = 0;
    for kill in 1..=KILLS {
        let mut syncer = f.spawn_syncer();
        syncer.committed_past(last).await;
        tokio::time::sleep(rng.millis(0, 150)).await;
        syncer.child.kill().unwrap();
        syncer.child.wait().unwrap();
        // Opened afresh, as the next start does: a connection kept open across another
        // process's killed transaction once reported FTS5's index malformed while a fresh
        // one (and the sqlite3 shell) found the same file sound.
        let cache = Cache::open(&f.cache_path()).await.unwrap();
        let cursor = assert_exact_up_to_cursor(&f, &cache, &format!("after kill {kill}")).await;
        let state = cache.sync_state(SOURCE, "audit").await.unwrap();
        if state.high_water == 0 || cursor < state.high_water {
            mid_sync += 1;
        }
        assert!(
            cursor > last,
            "after kill {kill}: the child's commit is kept"
        );
        last = cursor;
        cursors.push(cursor);
        cache.pool().close().await;
    }
    assert!(
        mid_sync >= KILLS * 4 / 5,
        "most kills landed mid-sync ({mid_sync} of {KILLS}; cursors {cursors:?})"
    );
    let cache = Cache::open(&f.cache_path()).await.unwrap();
    sync_audit(&cache, SOURCE, &f.client(), &options(), |_| {})
        .await
        .unwrap();
    let end = assert_exact_up_to_cursor(&f, &cache, "after the last resume").await;
    let state = cache.sync_state(SOURCE, "audit").await.unwrap();
    assert!(
        end > EVENTS as i64 && end >= state.high_water,
        "the resume reached the end ({end} of {})",
        state.high_water
    );
    println!(
        "{KILLS} kills ({mid_sync} mid-sync, cursor {} at the last), {end} events, 0 lost, in {:.1} s",
        cursors[KILLS - 1],
        started.elapsed().as_secs_f64()
    );
}

/// Whether every thread of the process is stopped (SIGSTOP has taken effect).
fn all_threads_stopped(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().all(|task| {
        std::fs::read_to_string(task.path().join("stat")).is_ok_and(|stat| {
            // "pid (comm) S ...": the state follows the last ')'.
            stat.rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|state| state == "T" || state == "t")
        })
    })
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig} {pid}");
}

/// Issue 16, power loss: at 50 random moments of a sync, what a power cut leaves
/// (`cache.sqlite` and its `-wal` as they are at one instant; the `-shm` index is memory
/// and is rebuilt) is copied with the syncing process frozen (SIGSTOP), so the two files
/// are of the same instant even mid-write or mid-checkpoint. Each copy opens with
/// `PRAGMA integrity_check` ok, its cursor is its last row, and its rows are exactly the
/// service's events up to that cursor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn power_cut_copies_at_50_random_moments_open_whole_with_the_cursor_on_the_rows() {
    const CUTS: usize = 50;
    let f = Fixture::start(4_000).await;
    Cache::open(&f.cache_path())
        .await
        .unwrap()
        .pool()
        .close()
        .await;
    let mut rng = Rng::from_env();
    let copies = tempfile::tempdir().unwrap();
    let mut syncer = f.spawn_syncer();
    let pid = syncer.child.id();
    let mut before = 0;
    for cut in 0..CUTS {
        // Three pages past the last cut's count: one may have been committed but not yet
        // said when the child froze, one said but not yet read; the third is past the copy.
        syncer.pages_at_least(before + 3).await;
        tokio::time::sleep(rng.millis(0, 60)).await;
        signal(pid, "-STOP");
        while !all_threads_stopped(pid) {
            std::thread::sleep(Duration::from_millis(1));
        }
        before = syncer.pages.load(SeqCst);
        let dir = copies.path().join(cut.to_string());
        std::fs::create_dir(&dir).unwrap();
        for side in ["", "-wal"] {
            let from = PathBuf::from(format!("{}{side}", f.cache_path().display()));
            if from.exists() {
                std::fs::copy(&from, dir.join(format!("cache.sqlite{side}"))).unwrap();
            }
        }
        signal(pid, "-CONT");
    }
    syncer.child.kill().unwrap();
    syncer.child.wait().unwrap();

    // Up to the high water mark now: each read of the log is itself an event.
    let high = f.client().audit_page(0, 1).await.unwrap().high_water;
    let theirs: Vec<(i64, String)> = f
        .service_events(high)
        .await
        .into_iter()
        .map(|e| (e.seq, e.hash))
        .collect();
    let mut cursors = Vec::new();
    for cut in 0..CUTS {
        let what = format!("power cut {cut}");
        let cache = Cache::open(&copies.path().join(cut.to_string()).join("cache.sqlite"))
            .await
            .unwrap_or_else(|e| panic!("{what}: the copy opens: {e}"));
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(cache.pool())
            .await
            .unwrap();
        assert_eq!(integrity, ["ok"], "{what}");
        let state = cache.sync_state(SOURCE, "audit").await.unwrap();
        let mine: Vec<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_events ORDER BY seq")
                .fetch_all(cache.pool())
                .await
                .unwrap();
        assert_eq!(
            mine.last().map_or(0, |r| r.0),
            state.cursor,
            "{what}: cursor on the last row"
        );
        let expected: Vec<(i64, String)> = theirs
            .iter()
            .filter(|(seq, _)| *seq <= state.cursor)
            .cloned()
            .collect();
        assert!(
            mine == expected,
            "{what}: exactly the service's events up to the cursor"
        );
        assert_eq!(state.broken_seq, None, "{what}");
        cursors.push(state.cursor);
        cache.pool().close().await;
    }
    let distinct = {
        let mut c = cursors.clone();
        c.dedup();
        c.len()
    };
    assert_eq!(
        distinct, CUTS,
        "each cut fell at a later point of the sync: {cursors:?}"
    );
    println!(
        "{CUTS} power-cut copies, {distinct} distinct cursors (up to {}), all whole, 0 lost",
        cursors[CUTS - 1]
    );
}
