//! Work that can wait runs after the first panel is drawn (issue 18).

use crate::console::{Console, Notifier};
use crate::first_panel::FirstPanel;
use crate::token_fallback::RefusingKeyring;
use crate::views::{Connection, SessionEnded};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Long enough that no test here reaches it unless it means to.
const NEVER: Duration = Duration::from_secs(3600);

fn flag() -> (Arc<AtomicBool>, impl Fn() -> bool) {
    let ran = Arc::new(AtomicBool::new(false));
    let seen = ran.clone();
    (ran, move || seen.load(Ordering::SeqCst))
}

#[tokio::test]
async fn deferred_work_waits_for_the_first_panel_and_then_runs() {
    let gate = Arc::new(FirstPanel::default());
    let (ran, has_run) = flag();
    let work = tokio::spawn(gate.after(NEVER, async move { ran.store(true, Ordering::SeqCst) }));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!has_run(), "ran before the first panel was drawn");

    assert!(gate.mark_drawn());
    tokio::time::timeout(Duration::from_secs(10), work)
        .await
        .expect("runs once the panel is drawn")
        .unwrap();
    assert!(has_run());
}

#[tokio::test]
async fn work_deferred_after_the_first_panel_runs_at_once() {
    let gate = FirstPanel::default();
    gate.mark_drawn();
    let (ran, has_run) = flag();
    tokio::time::timeout(
        Duration::from_secs(10),
        gate.after(NEVER, async move { ran.store(true, Ordering::SeqCst) }),
    )
    .await
    .expect("no wait once drawn");
    assert!(has_run());
}

#[tokio::test]
async fn a_ui_that_never_reports_delays_the_work_only_until_the_fallback() {
    let gate = FirstPanel::default();
    let (ran, has_run) = flag();
    tokio::time::timeout(
        Duration::from_secs(10),
        gate.after(Duration::from_millis(50), async move {
            ran.store(true, Ordering::SeqCst)
        }),
    )
    .await
    .expect("the fallback lets it run");
    assert!(has_run());
    assert!(!gate.is_drawn());
}

struct Quiet;

impl Notifier for Quiet {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
}

async fn console_in(dir: &std::path::Path) -> Console {
    Console::open(
        dir.to_path_buf(),
        Arc::new(RefusingKeyring::default()),
        Arc::new(Quiet),
        Arc::new(crate::clock::SystemClock),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_ui_command_marks_the_first_panel_once() {
    let dir = tempfile::tempdir().unwrap();
    let console = console_in(dir.path()).await;
    assert!(!console.first_panel().is_drawn());
    let (ran, has_run) = flag();
    let work = console
        .first_panel()
        .after(NEVER, async move { ran.store(true, Ordering::SeqCst) });
    crate::startup::startup_first_panel_drawn(&console, "roles".into())
        .await
        .unwrap();
    assert!(console.first_panel().is_drawn());
    tokio::time::timeout(Duration::from_secs(10), work)
        .await
        .expect("the deferred work runs");
    assert!(has_run());
    // A later panel (or a second window load) changes nothing.
    assert!(!console.first_panel().mark_drawn());
}

/// The oldest uptime sample of the demo database, in days before now.
async fn oldest_sample_days(dir: &std::path::Path) -> i64 {
    let url = format!(
        "sqlite://{}",
        dir.join("demo/demo-workspace.sqlite").display()
    );
    let db = admin_service::db::open(&url).await.unwrap();
    let oldest: i64 = admin_service::db::query_scalar("SELECT MIN(at) FROM monitor_samples")
        .fetch_one(&db)
        .await
        .unwrap();
    (chrono::Utc::now().timestamp() - oldest) / 86_400
}

#[tokio::test]
async fn the_demo_seeds_the_recent_uptime_first_and_the_older_months_after_the_first_panel() {
    let dir = tempfile::tempdir().unwrap();
    let console = console_in(dir.path()).await;
    console.open_demo().await.unwrap();
    // What the first panels read (the 90 daily bars, this month) is there before they draw.
    assert_eq!(
        oldest_sample_days(dir.path()).await,
        admin_service::demo::RECENT_DAYS
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        oldest_sample_days(dir.path()).await,
        admin_service::demo::RECENT_DAYS,
        "the older months were seeded before the first panel was drawn"
    );

    console.first_panel().mark_drawn();
    let months = admin_service::demo::HISTORY_MONTHS * 30;
    tokio::time::timeout(Duration::from_secs(60), async {
        while oldest_sample_days(dir.path()).await < months {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await
    .expect("the older months are seeded once the first panel is drawn");
}
