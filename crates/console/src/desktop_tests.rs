//! OS notifications and the desktop settings, on fixed dates (the decision) and against the
//! embedded demo service (what the cache holds after a sync).

use super::*;
use crate::test_support::{DemoService, TestConsole};
use admin_api::{GrantRequest, Role, Scope, Secret};
use admin_client::Client;
use admin_service::demo;
use chrono::TimeZone;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, minute, 0).unwrap()
}

fn note(id: i64, kind: &str, when: DateTime<Utc>) -> UserNotification {
    UserNotification {
        id,
        user_id: 7,
        at: when,
        kind: kind.into(),
        message: format!("message {id}"),
        read_at: None,
    }
}

#[test]
fn only_new_unread_fresh_critical_notifications_are_shown_while_unfocused() {
    let mut read = note(4, "backup_alert", at(9, 0));
    read.read_at = Some(at(9, 1));
    let list = [
        note(1, "backup_alert", at(8, 0)),  // seen before
        note(2, "email_changed", at(9, 0)), // not critical
        note(3, "locked_out", at(1, 0)),    // older than FRESH_FOR at 10:00
        read,                               // read elsewhere
        note(5, "sla_breached", at(9, 30)),
        note(6, "backup_alert", at(9, 45)),
    ];
    let decision = decide(&list, Some(1), false, true, at(10, 0));
    assert_eq!(decision.seen_up_to, Some(6));
    assert_eq!(
        decision.show,
        vec![
            OsNotification {
                title: "Uptime promise breached".into(),
                body: "message 5".into(),
                panel: "uptime".into(),
            },
            OsNotification {
                title: "Backup alert".into(),
                body: "message 6".into(),
                panel: "backups".into(),
            },
        ]
    );
    // Considered once: the same list later shows nothing.
    assert!(decide(&list, Some(6), false, true, at(10, 5))
        .show
        .is_empty());
}

#[test]
fn focused_window_or_setting_off_shows_nothing_and_never_replays() {
    let list = [note(8, "blocked", at(9, 59))];
    for (focused, enabled) in [(true, true), (false, false)] {
        let decision = decide(&list, Some(7), focused, enabled, at(10, 0));
        assert!(decision.show.is_empty());
        assert_eq!(
            decision.seen_up_to,
            Some(8),
            "seen, so not shown on the next blur"
        );
    }
    let shown = decide(&list, Some(7), false, true, at(10, 0)).show;
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].panel, "roles");
}

#[test]
fn a_burst_becomes_one_summary_that_opens_the_notification_list() {
    let list: Vec<_> = (1..=5)
        .map(|id| note(id, "maintenance_started", at(9, id as u32)))
        .collect();
    let decision = decide(&list, None, false, true, at(10, 0));
    assert_eq!(decision.show.len(), 1);
    assert_eq!(decision.show[0].title, "5 critical notifications");
    assert_eq!(decision.show[0].panel, "activity");
}

#[test]
fn focus_soon_after_a_notification_opens_its_item_once() {
    let clicks = Clicks::default();
    assert_eq!(clicks.focused(at(10, 0)), None);
    let shown = OsNotification {
        title: "Backup alert".into(),
        body: "missed".into(),
        panel: "backups".into(),
    };
    clicks.shown(&shown, at(10, 0));
    assert_eq!(clicks.focused(at(10, 1)).as_deref(), Some("backups"));
    assert_eq!(clicks.focused(at(10, 1)), None, "one focus, one opening");
    clicks.shown(&shown, at(10, 0));
    assert_eq!(
        clicks.focused(at(10, 0) + CLICK_WINDOW + Duration::seconds(1)),
        None,
        "a focus long after is the user's own"
    );
}

/// The setting, the last panel, and the per-profile high-water mark kept in the cache, so a
/// restart replays nothing the window already showed.
#[tokio::test]
async fn settings_and_seen_mark_live_in_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    let service = DemoService::new().start(db_dir.path()).await;
    let console = TestConsole::new()
        .signed_in(dir.path(), &service.base_url(), demo::MANAGER)
        .await;
    let fresh = desktop_settings(&console).await.unwrap();
    assert_eq!(
        fresh,
        DesktopSettings {
            os_notifications: true,
            last_panel: None
        }
    );
    desktop_set_os_notifications(&console, false).await.unwrap();
    desktop_remember_panel(&console, "backups".into())
        .await
        .unwrap();
    let err = desktop_remember_panel(&console, "nowhere".into())
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::InvalidInput { .. }), "{err:?}");
    assert_eq!(
        desktop_settings(&console).await.unwrap(),
        DesktopSettings {
            os_notifications: false,
            last_panel: Some("backups".into())
        }
    );

    // An operator's grant notifies the manager: an unread notification in the cache.
    let operator = Client::new(&service.base_url()).unwrap();
    let token = operator
        .sign_in(
            demo::OPERATOR,
            &Secret::new(demo::DEMO_PASSWORD.to_string()),
        )
        .await
        .unwrap()
        .token;
    let operator = operator.with_token(token);
    let manager_id = console.session().await.unwrap().1.user.id;
    let tree = crate::roles::roles_overview(&console)
        .await
        .unwrap()
        .value
        .tree;
    operator
        .grant_role(&GrantRequest {
            user_id: manager_id,
            role: Role::Viewer,
            scope: Scope::Channel {
                id: tree[0].channels[0].id,
            },
        })
        .await
        .unwrap();
    crate::activity::activity_sync(&console).await.unwrap();
    let profile = console.profile_id().await.unwrap();
    let (unread, _) = console
        .cache()
        .notifications(&profile, true, None, 200)
        .await
        .unwrap();
    assert!(!unread.is_empty(), "the grant's notification is cached");
    desktop_set_os_notifications(&console, true).await.unwrap();
    // Seen in the focused window: nothing to show, now or after the window loses focus.
    assert!(os_notifications_after_sync(&console, true)
        .await
        .unwrap()
        .is_empty());
    let seen = console.cache().setting(&seen_key(&profile)).await.unwrap();
    assert_eq!(
        seen,
        unread.iter().map(|n| n.id).max().map(|id| id.to_string())
    );
    assert!(os_notifications_after_sync(&console, false)
        .await
        .unwrap()
        .is_empty());
}
