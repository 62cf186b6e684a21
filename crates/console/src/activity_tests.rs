//! The activity panel's console methods without a window, against the real service
//! started in-process on loopback (and a real SMTP sink for delivery status).

use crate::activity::ActivityFilter;
use crate::console::Console;
use crate::error::CommandError;
use crate::host::Host;
use crate::roles::UserFilter;
use crate::test_support::{DemoService, TestConsole};
use admin_api::{ChangePasswordRequest, ContactChange, DeliveryStatus, Secret};
use admin_client::Client;
use admin_service::outbox::SmtpRelay;
use admin_service::{demo, Config, RunningService};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

struct Fixture {
    console: Console,
    service: RunningService,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

async fn signed_in_manager(config: Config) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db_dir = tempfile::tempdir().unwrap();
    let service = DemoService::new().config(config).start(db_dir.path()).await;
    let console = TestConsole::new()
        .signed_in(dir.path(), &service.base_url(), demo::MANAGER)
        .await;
    Fixture {
        console,
        service,
        _dirs: (dir, db_dir),
    }
}

async fn signed_in_client(url: &str, username: &str, password: &str) -> Client {
    let client = Client::new(url).unwrap();
    let token = client
        .sign_in(username, &Secret::new(password.to_string()))
        .await
        .unwrap()
        .token;
    client.with_token(token)
}

fn kind(kind: &str) -> ActivityFilter {
    ActivityFilter {
        activity_kind: Some(kind.into()),
        ..ActivityFilter::default()
    }
}

/// Clause UQ-ACTIVITY-PW: the manager's password change and a role grant are in the
/// synced timeline, filtered by user and kind; notifications count unread until marked
/// read, which reaches the service; offline the panel reads the cache, as of the last sync,
/// and a read marked offline waits for the next sync.
#[tokio::test]
async fn uq_activity_pw_timeline_unread_counts_mark_read_and_offline() {
    let f = signed_in_manager(Config::default()).await;
    let url = f.service.base_url();
    f.console
        .change_password(ChangePasswordRequest {
            current_password: Secret::new(demo::DEMO_PASSWORD),
            new_password: Secret::new("a-new-password-1"),
        })
        .await
        .unwrap();
    let operator = signed_in_client(&url, demo::OPERATOR, demo::DEMO_PASSWORD).await;
    let manager_id = f.console.session().await.unwrap().1.user.id;
    let overview = crate::roles::roles_overview(&f.console).await.unwrap();
    let web = overview.tree[0]
        .channels
        .iter()
        .find(|c| c.name == "Web shop")
        .unwrap()
        .id;
    for role in [admin_api::Role::Viewer, admin_api::Role::ChannelEditor] {
        operator
            .grant_role(&admin_api::GrantRequest {
                user_id: manager_id,
                role,
                scope: admin_api::Scope::Channel { id: web },
            })
            .await
            .unwrap();
    }
    assert_eq!(
        crate::activity::activity_unread_notifications(&f.console)
            .await
            .unwrap(),
        0
    );

    let synced = crate::activity::activity_sync(&f.console).await.unwrap();
    assert!(synced.activities >= 3, "{synced:?}");
    assert_eq!((synced.notifications, synced.unread), (2, 2));
    assert_eq!(
        crate::activity::activity_unread_notifications(&f.console)
            .await
            .unwrap(),
        2
    );
    let again = crate::activity::activity_sync(&f.console).await.unwrap();
    assert_eq!((again.activities, again.notifications), (0, 0));

    let pw = crate::activity::activity_view(&f.console, kind("password_changed"))
        .await
        .unwrap();
    assert!(!pw.from_cache);
    assert!(pw.fetched_at.is_some());
    assert_eq!(pw.activities.len(), 1);
    assert_eq!(pw.activities[0].username, demo::MANAGER);
    let roles = crate::activity::activity_view(&f.console, kind("role_granted"))
        .await
        .unwrap();
    assert_eq!(roles.activities.len(), 2);
    assert!(roles.activities[0]
        .detail
        .starts_with("Channel Editor of Web shop"));
    let everyone = crate::activity::activity_view(&f.console, ActivityFilter::default())
        .await
        .unwrap();
    assert!(everyone
        .users
        .iter()
        .any(|u| u.id == manager_id && u.username == demo::MANAGER));
    let mine = crate::activity::activity_view(
        &f.console,
        ActivityFilter {
            user_id: Some(manager_id),
            ..ActivityFilter::default()
        },
    )
    .await
    .unwrap();
    assert!(mine.activities.iter().all(|a| a.user_id == manager_id));
    assert!(mine.activities.windows(2).all(|w| w[0].id > w[1].id));

    let newest = everyone.notifications[0].id;
    let marked = crate::activity::activity_mark_read(&f.console, vec![newest])
        .await
        .unwrap();
    assert_eq!((marked.unread, marked.pending), (1, false));
    let on_service = signed_in_client(&url, demo::MANAGER, "a-new-password-1").await;
    assert_eq!(
        on_service.notifications_page(0, 10).await.unwrap().unread,
        1
    );
    let unread = crate::activity::activity_view(
        &f.console,
        ActivityFilter {
            unread_only: true,
            ..ActivityFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(unread.notifications.len(), 1);
    assert_eq!(unread.notifications[0].kind, "role_granted");

    // The service goes away: the same data from the cache, marked offline as of the sync.
    f.service.stop().await.unwrap();
    assert!(matches!(
        crate::activity::activity_sync(&f.console).await,
        Err(CommandError::Offline { .. })
    ));
    let offline = crate::activity::activity_view(&f.console, kind("password_changed"))
        .await
        .unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.fetched_at, pw.fetched_at);
    assert_eq!(offline.activities, pw.activities);
    let last = unread.notifications[0].id;
    let marked = crate::activity::activity_mark_read(&f.console, vec![last])
        .await
        .unwrap();
    assert_eq!((marked.unread, marked.pending), (0, true));
    assert_eq!(
        crate::activity::activity_unread_notifications(&f.console)
            .await
            .unwrap(),
        0
    );
}

/// Clause UQ-GDPR: a user's revoked marketing consent is in their timeline as a consent
/// change, and the user is told by a notification; a manager reviews both in the console.
#[tokio::test]
async fn uq_gdpr_consent_changes_in_the_timeline_and_notifications() {
    let f = signed_in_manager(Config::default()).await;
    let url = f.service.base_url();
    let person = &demo::people()[3];
    let user = signed_in_client(&url, &person.username, demo::DEMO_PASSWORD).await;
    for granted in [true, false] {
        user.change_consent(&admin_api::ConsentChange {
            purpose: admin_api::ConsentPurpose::MarketingSms,
            granted,
        })
        .await
        .unwrap();
    }
    crate::activity::activity_sync(&f.console).await.unwrap();
    let consents = crate::activity::activity_view(&f.console, kind("consent_changed"))
        .await
        .unwrap();
    let details: Vec<(&str, &str)> = consents
        .activities
        .iter()
        .map(|a| (a.username.as_str(), a.detail.as_str()))
        .collect();
    assert_eq!(
        details,
        [
            (person.username.as_str(), "marketing_sms revoked"),
            (person.username.as_str(), "marketing_sms granted"),
        ]
    );
    // The notification is the user's own: signed in as them, the console shows it unread.
    let (theirs, _dir) = signed_in_as(&f, &person.username).await;
    crate::activity::activity_sync(&theirs).await.unwrap();
    let view = crate::activity::activity_view(
        &theirs,
        ActivityFilter {
            notification_kind: Some("consent_revoked".into()),
            ..ActivityFilter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(view.notifications.len(), 1);
    assert!(view.notifications[0].read_at.is_none());
    assert!(view.notifications[0]
        .message
        .contains("revoked your permission for marketing messages by text message"));
}

/// A second console, signed in to the fixture's service as someone else.
async fn signed_in_as(f: &Fixture, username: &str) -> (Console, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let console = TestConsole::new()
        .signed_in(dir.path(), &f.service.base_url(), username)
        .await;
    (console, dir)
}

/// Accepts mail for every address except those starting with "bounce".
async fn smtp_sink() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (r, mut w) = stream.into_split();
                let mut lines = BufReader::new(r).lines();
                let _ = w.write_all(b"220 sink ESMTP\r\n").await;
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if in_data {
                        if line != "." {
                            continue;
                        }
                        in_data = false;
                        b"250 queued\r\n"
                    } else if upper.starts_with("RCPT") && upper.contains("<BOUNCE") {
                        b"550 no such mailbox\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go on\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = w.write_all(reply).await;
                }
            });
        }
    });
    port
}

/// Clause UQ-NOTIFY-CONTACT: an e-mail change from the console notifies the old and the
/// new address through the outbox, and the console shows each message's delivery status:
/// sent to the old address, retrying (with the relay's answer) to the one that bounced.
#[tokio::test]
async fn uq_notify_contact_console_shows_delivery_status() {
    let port = smtp_sink().await;
    let f = signed_in_manager(Config {
        smtp_relay: Some(SmtpRelay {
            host: "127.0.0.1".into(),
            port,
            from: "Admin <no-reply@demo.example>".into(),
        }),
        ..Config::default()
    })
    .await;
    let person = &demo::people()[2];
    let users = crate::roles::roles_list_users(
        &f.console,
        UserFilter {
            q: Some(person.display_name.clone()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let user = &users.value.users[0].user;
    let old = user
        .email
        .clone()
        .expect("the demo user has an e-mail address");
    let receipt = crate::activity::activity_change_contact(
        &f.console,
        user.id,
        ContactChange {
            email: Some("bounce.new@demo.example".into()),
            phone: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        receipt.user.email.as_deref(),
        Some("bounce.new@demo.example")
    );
    let mut addresses: Vec<&str> = receipt
        .messages
        .iter()
        .map(|m| m.address.as_str())
        .collect();
    addresses.sort();
    let mut expected = [old.as_str(), "bounce.new@demo.example"];
    expected.sort();
    assert_eq!(addresses, expected);

    // Delivery runs in the background on the service; the console shows where it got.
    let mut view = crate::activity::activity_contact_messages(&f.console, user.id)
        .await
        .unwrap();
    for _ in 0..100 {
        if view
            .value
            .iter()
            .all(|m| m.status != DeliveryStatus::Queued)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        view = crate::activity::activity_contact_messages(&f.console, user.id)
            .await
            .unwrap();
    }
    assert!(!view.from_cache);
    let status = |address: &str| {
        view.value
            .iter()
            .find(|m| m.address == address)
            .unwrap_or_else(|| panic!("no message to {address}: {view:?}"))
            .clone()
    };
    let sent = status(&old);
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert!(sent.sent_at.is_some());
    let bounced = status("bounce.new@demo.example");
    assert_eq!(bounced.status, DeliveryStatus::Retrying);
    assert_eq!(bounced.attempts, 1);
    assert!(bounced.last_error.as_deref().unwrap_or("").contains("550"));

    // Offline: the last answer, with its age.
    f.service.stop().await.unwrap();
    let offline = crate::activity::activity_contact_messages(&f.console, user.id)
        .await
        .unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.value, view.value);
    assert_eq!(offline.fetched_at, view.fetched_at);
}
