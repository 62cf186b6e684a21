//! The uptime panel's commands against the embedded demo service.

use super::*;
use crate::console::Console;
use crate::error::CommandError;
use crate::test_support::{sign_in, TestConsole};
use admin_api::MonitorKind;

async fn demo_console(dir: &std::path::Path) -> (Console, String, i64) {
    let console = TestConsole::new().open(dir).await;
    let view = console.open_demo().await.unwrap();
    let account = view.account.expect("the demo manager's account").id;
    (console, view.profile.url, account)
}

/// Clause 4S-SLA: the account's managers see every calendar version, who set it, when,
/// and from which month it applies; the operator's change is listed from next month on.
#[tokio::test]
async fn four_s_sla_calendar_versions_list_who_changed_them_and_from_when() {
    let dir = tempfile::tempdir().unwrap();
    let (console, url, account) = demo_console(dir.path()).await;
    let before = uptime_business_calendar(&console, account).await.unwrap();
    assert!(before.versions.is_empty(), "{before:?}");
    assert_eq!(before.in_force.time_zone, "Europe/Helsinki");

    sign_in(&console, &url, admin_service::demo::OPERATOR).await;
    let wanted = BusinessCalendarSettings {
        time_zone: "Europe/Stockholm".into(),
        days: vec![1, 2, 3, 4],
        opens: "08:00".into(),
        closes: "16:00".into(),
    };
    uptime_save_business_calendar(&console, account, wanted.clone())
        .await
        .unwrap();

    sign_in(&console, &url, admin_service::demo::MANAGER).await;
    let after = uptime_business_calendar(&console, account).await.unwrap();
    let [newest] = after.versions.as_slice() else {
        panic!("one version: {after:?}");
    };
    assert_eq!(newest.calendar, wanted);
    assert_eq!(newest.effective_from, before.next_change_from);
    assert_eq!(
        newest.changed_by.as_deref(),
        Some(admin_service::demo::OPERATOR)
    );
    assert!(newest.changed_at.is_some());
    // The month in progress keeps the calendar it began with.
    assert_eq!(after.in_force, before.in_force);
}

/// Clause 4S-SLA: a push monitor's grace goes through the command and the client, on
/// creation and on edit.
#[tokio::test]
async fn four_s_sla_push_monitor_grace_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let (console, url, _) = demo_console(dir.path()).await;
    sign_in(&console, &url, admin_service::demo::OPERATOR).await;
    let created = uptime_create_monitor(
        &console,
        NewMonitor {
            name: "Edge".into(),
            kind: MonitorKind::Push,
            target: None,
            interval_s: Some(60),
            grace_s: Some(300),
        },
    )
    .await
    .unwrap();
    assert_eq!(created.grace_s, 300);
    let patch = MonitorPatch {
        grace_s: Some(120),
        ..MonitorPatch::default()
    };
    let edited = uptime_update_monitor(&console, created.id, patch)
        .await
        .unwrap();
    assert_eq!(edited.grace_s, 120);
    let listed = uptime_view(&console, Some(created.id)).await.unwrap();
    let shown = listed.monitors.iter().find(|m| m.id == created.id).unwrap();
    assert_eq!(shown.grace_s, 120);

    let refused = MonitorPatch {
        grace_s: Some(100_000),
        ..MonitorPatch::default()
    };
    match uptime_update_monitor(&console, created.id, refused).await {
        Err(CommandError::InvalidInput { field, .. }) => {
            assert_eq!(field.as_deref(), Some("grace_s"))
        }
        other => panic!("{other:?}"),
    }
}
