use crate::clock::ManualClock;
use crate::console::{Console, Notifier};
use crate::error::CommandError;
use crate::offline::{self, FullSyncProgress, SyncPart, SyncPaused, Tick};
use crate::roles::UserFilter;
use crate::test_support::{DemoService, TestConsole};
use crate::views::{Connection, SessionEnded};
use admin_service::demo;
use chrono::{Duration, Utc};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Recorder(Mutex<Vec<FullSyncProgress>>);

impl Notifier for Recorder {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
    fn full_sync_progress(&self, progress: FullSyncProgress) {
        self.0.lock().unwrap().push(progress);
    }
}

struct Fixture {
    console: Console,
    clock: ManualClock,
    progress: Arc<Recorder>,
    service: admin_service::RunningService,
    _dir: tempfile::TempDir,
}

async fn signed_in(username: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let service = DemoService::new().start(dir.path()).await;
    let clock = ManualClock::new(Utc::now());
    let progress = Arc::new(Recorder::default());
    let console = TestConsole::new()
        .clock(Arc::new(clock.clone()))
        .notifier(progress.clone())
        .signed_in(&dir.path().join("console"), &service.base_url(), username)
        .await;
    Fixture {
        console,
        clock,
        progress,
        service,
        _dir: dir,
    }
}

/// The panels a manager never opened show their copy offline after one "Sync everything".
#[tokio::test]
async fn after_a_full_sync_every_panel_answers_offline_with_its_copy() {
    let f = signed_in(demo::MANAGER).await;
    let c = &f.console;
    let report = offline::offline_sync_everything(c).await.unwrap();
    assert_eq!(report.not_synced, []);
    let users = crate::roles::roles_list_users(c, UserFilter::default())
        .await
        .unwrap();
    let uptime = crate::uptime::uptime_view(c, None).await.unwrap();
    f.service.stop().await.unwrap();

    let backups = crate::backups::backups_overview(c).await.unwrap();
    assert!(backups.from_cache);
    assert_eq!(backups.fetched_at, Some(report.finished_at));
    let maintenance = crate::maintenance::maintenance_overview(c).await.unwrap();
    assert!(maintenance.from_cache && !maintenance.windows.is_empty());
    assert!(crate::overview::overview_view(c).await.unwrap().from_cache);
    assert!(
        crate::timeline::overview_timeline(c)
            .await
            .unwrap()
            .from_cache
    );
    assert!(
        crate::residency::residency_view(c)
            .await
            .unwrap()
            .from_cache
    );
    assert!(crate::roles::roles_overview(c).await.unwrap().from_cache);
    let monitors = &uptime.monitors;
    assert!(!monitors.is_empty());
    for monitor in monitors {
        let offline = crate::uptime::uptime_view(c, Some(monitor.id))
            .await
            .unwrap();
        assert!(offline.from_cache);
        assert_eq!(
            offline.monitor_id, monitor.id,
            "each monitor has its own copy"
        );
    }
    // Each monitor's last 7 days of response times, kept as the chart reads them offline.
    let profile = crate::host::Host::profile_id(c).await.unwrap();
    for monitor in monitors {
        let key = format!("uptime-latency-{}", monitor.id);
        let kept = crate::host::Host::cache(c)
            .snapshot(&profile, &key)
            .await
            .unwrap();
        assert_eq!(kept.map(|(_, at)| at), Some(report.finished_at), "{key}");
    }
    assert!(crate::notices::notices_features(c).await.is_ok());
    assert!(!crate::maintenance::maintenance_announcements(c)
        .await
        .unwrap()
        .is_empty());
    // Every user's drawer, opened or not, and a filter the first page could not answer.
    let last = users.users.last().unwrap();
    let detail = crate::roles::roles_user_detail(c, last.user.id)
        .await
        .unwrap();
    assert!(detail.from_cache);
    assert_eq!(detail.assignments, last.assignments);
    let found = crate::roles::roles_list_users(
        c,
        UserFilter {
            q: Some(last.user.username.clone()),
            ..UserFilter::default()
        },
    )
    .await
    .unwrap();
    assert!(found.from_cache);
    assert_eq!(found.users.len(), 1);
    let account = crate::roles::roles_overview(c).await.unwrap().tree[0]
        .account
        .id;
    assert!(crate::roles::roles_security_settings(c, account)
        .await
        .is_ok());
    let activity = crate::activity::activity_view(c, Default::default())
        .await
        .unwrap();
    assert!(activity.fetched_at.is_some());
}

/// The progress counts every part, in order, and ends at all of them.
#[tokio::test]
async fn sync_everything_reports_its_progress() {
    let f = signed_in(demo::MANAGER).await;
    offline::offline_sync_everything(&f.console).await.unwrap();
    let progress = f.progress.0.lock().unwrap().clone();
    let parts: Vec<SyncPart> = progress.iter().filter_map(|p| p.part).collect();
    assert_eq!(parts.first(), Some(&SyncPart::Overview));
    assert_eq!(parts.last(), Some(&SyncPart::AuditLog));
    assert_eq!(parts.len(), 12);
    assert!(progress.windows(2).all(|w| w[0].done <= w[1].done));
    let last = progress.last().unwrap();
    assert_eq!((last.done, last.total, last.part), (12, 12, None));
}

/// The background sync runs at once after sign-in, then at the cadence; it waits while
/// metered or offline.
#[tokio::test]
async fn the_background_sync_follows_the_cadence_and_pauses() {
    let f = signed_in(demo::MANAGER).await;
    let c = &f.console;
    assert!(matches!(
        offline::background_tick(c).await.unwrap(),
        Tick::Synced(_)
    ));
    assert_eq!(offline::background_tick(c).await.unwrap(), Tick::NotDue);
    f.clock.advance(Duration::minutes(4));
    assert_eq!(offline::background_tick(c).await.unwrap(), Tick::NotDue);
    f.clock.advance(Duration::minutes(1));
    assert!(matches!(
        offline::background_tick(c).await.unwrap(),
        Tick::Synced(_)
    ));

    offline::offline_set_cadence(c, 15).await.unwrap();
    f.clock.advance(Duration::minutes(10));
    assert_eq!(offline::background_tick(c).await.unwrap(), Tick::NotDue);
    f.clock.advance(Duration::minutes(5));
    crate::host::Host::full_sync(c).set_metered(true);
    assert_eq!(
        offline::background_tick(c).await.unwrap(),
        Tick::Paused(SyncPaused::Metered)
    );
    let status = offline::offline_status(c).await.unwrap();
    assert_eq!(status.paused, Some(SyncPaused::Metered));
    assert_eq!(status.cadence_minutes, 15);
    crate::host::Host::full_sync(c).set_metered(false);

    f.service.stop().await.unwrap();
    c.check_connection().await.unwrap();
    assert_eq!(
        offline::background_tick(c).await.unwrap(),
        Tick::Paused(SyncPaused::Offline)
    );
}

#[tokio::test]
async fn a_cadence_out_of_range_is_refused_by_name() {
    let f = signed_in(demo::MANAGER).await;
    for minutes in [0, 24 * 60 + 1] {
        match offline::offline_set_cadence(&f.console, minutes).await {
            Err(CommandError::InvalidInput { field, message, .. }) => {
                assert_eq!(field.as_deref(), Some("minutes"));
                assert!(message.contains(&minutes.to_string()), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
    let status = offline::offline_status(&f.console).await.unwrap();
    assert_eq!(status.cadence_minutes, offline::DEFAULT_CADENCE_MINUTES);
}

/// Clearing forgets the copies and the last full sync, and keeps the session: the next
/// read fetches again, and offline a panel says it has no copy.
#[tokio::test]
async fn clearing_the_cache_keeps_the_session() {
    let f = signed_in(demo::MANAGER).await;
    let c = &f.console;
    offline::offline_sync_everything(c).await.unwrap();
    let before = offline::offline_status(c).await.unwrap();
    assert!(before.last_full_sync.is_some());

    let after = offline::offline_clear_cache(c).await.unwrap();
    assert_eq!(after.last_full_sync, None);
    assert!(after.cache_bytes < before.cache_bytes);
    assert!(
        !crate::backups::backups_overview(c)
            .await
            .unwrap()
            .from_cache
    );
    f.service.stop().await.unwrap();
    assert!(matches!(
        crate::maintenance::maintenance_overview(c).await,
        Err(CommandError::Offline { .. })
    ));
}
