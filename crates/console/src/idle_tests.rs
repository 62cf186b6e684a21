//! The service's idle limit while the console runs (FZ-IDLE-30): the console and the real
//! service on loopback share one injected clock, and the console's own idle lock (`tick`)
//! is left out so that only the service can end the session.

use crate::clock::ManualClock;
use crate::console::{Console, Notifier};
use crate::test_support::{DemoService, TestConsole};
use crate::views::{Connection, SessionEndReason, SessionEnded};
use admin_service::{demo, RunningService};
use chrono::{Duration, TimeZone, Utc};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Ended(Mutex<Vec<SessionEndReason>>);

impl Notifier for Ended {
    fn session_ended(&self, ended: SessionEnded) {
        self.0.lock().unwrap().push(ended.reason);
    }
    fn connection_changed(&self, _: Connection) {}
}

struct Fixture {
    console: Console,
    ended: Arc<Ended>,
    clock: ManualClock,
    _service: RunningService,
    _dir: tempfile::TempDir,
}

/// The service and the console on one manual clock, signed in as the demo manager.
async fn signed_in() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    // Monday 2 March 2026, 09:00 UTC.
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let service = DemoService::new()
        .clock(Arc::new(clock.clone()))
        .start(dir.path())
        .await;
    let ended = Arc::new(Ended::default());
    let console = TestConsole::new()
        .notifier(ended.clone())
        .clock(Arc::new(clock.clone()))
        .signed_in(
            &dir.path().join("console"),
            &service.base_url(),
            demo::MANAGER,
        )
        .await;
    Fixture {
        console,
        ended,
        clock,
        _service: service,
        _dir: dir,
    }
}

impl Fixture {
    async fn signed_in(&self) -> bool {
        self.console.state().await.unwrap().session.is_some()
    }
}

/// Clause FZ-IDLE-30: a console that only syncs in the background, with no input, is
/// signed out by the service 30 minutes after sign-in: its timed syncs and the web view's
/// timed refreshes do not slide the service's idle deadline.
#[tokio::test]
async fn fz_idle_30_a_console_syncing_in_the_background_is_signed_out_by_the_service() {
    let f = signed_in().await;
    for _ in 0..14 {
        f.clock.advance(Duration::minutes(2));
        // The timers: the audit log and the feeds.
        crate::audit::background_audit_sync(&f.console).await;
        crate::origin::in_background(crate::activity::activity_sync(&f.console))
            .await
            .unwrap();
        // A panel's timed refresh, through the same command a click would use.
        crate::activity::activity_sync(&f.console).await.unwrap();
        assert!(f.signed_in().await);
    }
    // 28 minutes in; the deadline is 30 minutes after the sign-in, not after the syncs.
    f.clock.advance(Duration::minutes(3));
    crate::audit::background_audit_sync(&f.console).await;
    assert!(!f.signed_in().await, "the service ended the session");
    assert_eq!(*f.ended.0.lock().unwrap(), [SessionEndReason::Expired]);
}

/// Clause FZ-IDLE-30: what the user asks for still counts as activity: with input, the
/// same requests keep the session past 30 minutes.
#[tokio::test]
async fn fz_idle_30_user_requests_slide_the_service_deadline() {
    let f = signed_in().await;
    for _ in 0..20 {
        f.clock.advance(Duration::minutes(2));
        f.console.report_activity();
        crate::activity::activity_sync(&f.console).await.unwrap();
    }
    assert!(f.signed_in().await, "40 minutes of use, still signed in");
    assert!(f.ended.0.lock().unwrap().is_empty());
}
