//! Over 500 lines: each session story end to end, sharing one fixture and its service.
//! The console driven as the web view drives it, without a window, against the real
//! embedded service on loopback.

use crate::console::{Console, Notifier};
use crate::error::CommandError;
use crate::test_support::{sign_in, DemoService, TestConsole};
use crate::tokens::{MemoryStore, TokenStore};
use crate::views::{ConnectRequest, Connection, SessionEndReason, SessionEnded};
use admin_api::{ChangePasswordRequest, Secret};
use admin_service::demo;
use chrono::{Duration, Utc};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Recorder {
    ended: Mutex<Vec<SessionEndReason>>,
    connection: Mutex<Vec<Connection>>,
}

impl Notifier for Recorder {
    fn session_ended(&self, ended: SessionEnded) {
        self.ended.lock().unwrap().push(ended.reason);
    }
    fn connection_changed(&self, connection: Connection) {
        self.connection.lock().unwrap().push(connection);
    }
}

struct Fixture {
    console: Console,
    tokens: Arc<MemoryStore>,
    events: Arc<Recorder>,
    dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let tokens = Arc::new(MemoryStore::default());
    let events = Arc::new(Recorder::default());
    let console = TestConsole::new()
        .tokens(tokens.clone())
        .notifier(events.clone())
        .open(dir.path())
        .await;
    Fixture {
        console,
        tokens,
        events,
        dir,
    }
}

#[tokio::test]
async fn first_launch_shows_welcome_then_demo_signs_in_as_the_manager() {
    let f = fixture().await;
    let state = f.console.state().await.unwrap();
    assert!(state.profile.is_none() && state.session.is_none());
    let view = f.console.open_demo().await.unwrap();
    assert_eq!(view.user.username, demo::MANAGER);
    assert_eq!(view.account.as_ref().unwrap().name, demo::ACCOUNT);
    assert!(view.profile.demo);
    assert!(!view.region.is_empty());

    let state = f.console.state().await.unwrap();
    assert_eq!(state.session.unwrap().user.username, demo::MANAGER);
    assert!(state.connection.is_online());
    // The token is in the keyring store and nowhere in the cache file.
    let token = f
        .tokens
        .get(&view.profile.id)
        .unwrap()
        .expect("token stored");
    let cache_bytes = std::fs::read(f.dir.path().join("cache.sqlite")).unwrap();
    let wal = std::fs::read(f.dir.path().join("cache.sqlite-wal")).unwrap_or_default();
    for bytes in [&cache_bytes, &wal] {
        assert!(
            !contains(bytes, token.expose().as_bytes()),
            "token found in the cache"
        );
        assert!(
            !contains(bytes, demo::DEMO_PASSWORD.as_bytes()),
            "password found in the cache"
        );
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_service_and_forgets_the_token() {
    let f = fixture().await;
    let view = f.console.open_demo().await.unwrap();
    let token = f.tokens.get(&view.profile.id).unwrap().unwrap();
    f.console.sign_out().await.unwrap();
    assert!(f.tokens.get(&view.profile.id).unwrap().is_none());
    assert_eq!(
        *f.events.ended.lock().unwrap(),
        vec![SessionEndReason::SignedOut]
    );
    let state = f.console.state().await.unwrap();
    assert!(state.session.is_none());
    assert!(
        state.profile.unwrap().demo,
        "the sign-in screen offers the same workspace"
    );
    let client = admin_client::Client::new(&view.profile.url)
        .unwrap()
        .with_token(token);
    assert!(
        client.me().await.is_err(),
        "the service still accepts the old token"
    );
}

/// Signed out and in again while a call of the first session was still on its way: its
/// late 401 ends nothing, the new session stays (the real app was thrown back to the
/// sign-in screen when a sync started before a sign-out answered after the next sign-in).
#[tokio::test]
async fn a_late_refusal_of_an_earlier_session_leaves_the_new_one_signed_in() {
    let f = fixture().await;
    let view = f.console.open_demo().await.unwrap();
    let old = f.tokens.get(&view.profile.id).unwrap().unwrap();
    f.console.sign_out().await.unwrap();
    f.console.open_demo().await.unwrap();
    let stale = admin_client::Client::new(&view.profile.url)
        .unwrap()
        .with_token(old);
    let err = crate::host::Host::after_call(&f.console, stale.me().await)
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Unauthorized { .. }), "{err:?}");
    assert!(
        f.console.state().await.unwrap().session.is_some(),
        "the new session stays"
    );
    assert_eq!(
        *f.events.ended.lock().unwrap(),
        vec![SessionEndReason::SignedOut]
    );
}

#[tokio::test]
async fn a_restart_restores_the_session_from_the_keyring_token() {
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    f.console.leave_workspace().await.unwrap();
    assert!(f.console.state().await.unwrap().profile.is_none());
    f.console.open_demo().await.unwrap();
    drop(f.console);
    let again = TestConsole::new()
        .tokens(f.tokens.clone())
        .notifier(f.events.clone())
        .open(f.dir.path())
        .await;
    again.restore().await.unwrap();
    let state = again.state().await.unwrap();
    assert_eq!(
        state.session.expect("restored").user.username,
        demo::MANAGER
    );
}

/// Clause FZ-IDLE-30: 30 minutes without input signs the console out.
#[tokio::test]
async fn fz_idle_30_console_signs_out_after_30_minutes_without_input() {
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    f.console
        .tick(Utc::now() + Duration::minutes(29))
        .await
        .unwrap();
    assert!(f.console.state().await.unwrap().session.is_some());
    f.console.report_activity();
    f.console
        .tick(Utc::now() + Duration::minutes(31))
        .await
        .unwrap();
    assert!(f.console.state().await.unwrap().session.is_none());
    assert_eq!(
        *f.events.ended.lock().unwrap(),
        vec![SessionEndReason::Idle]
    );
}

/// Clause 4S-TLS: the console refuses a plain-HTTP server before sending anything.
#[tokio::test]
async fn four_s_tls_connect_refuses_plain_http_to_a_remote_server() {
    let f = fixture().await;
    let req = ConnectRequest {
        url: "http://admin.example.com".into(),
        username: "manager@example.com".into(),
        password: Secret::new("whatever1"),
    };
    let err = f.console.connect(req).await.unwrap_err();
    assert!(matches!(err, CommandError::InsecureUrl { .. }), "{err:?}");
    assert!(
        f.console.state().await.unwrap().profile.is_none(),
        "nothing saved"
    );
}

#[tokio::test]
async fn connect_names_the_bad_field_and_reports_lockout() {
    let f = fixture().await;
    let url = f.console.open_demo().await.unwrap().profile.url;
    let bad_name = ConnectRequest {
        url: url.clone(),
        username: "a b".into(),
        password: Secret::new("x"),
    };
    let err = f.console.connect(bad_name).await.unwrap_err();
    assert_eq!(
        err,
        CommandError::InvalidInput {
            message: err.to_string(),
            field: Some("username".into())
        }
    );
    let wrong = || ConnectRequest {
        url: url.clone(),
        username: "operator@demo.example".into(),
        password: Secret::new("not-the-password"),
    };
    assert!(matches!(
        f.console.connect(wrong()).await.unwrap_err(),
        CommandError::Unauthorized { .. }
    ));
    assert!(matches!(
        f.console.connect(wrong()).await.unwrap_err(),
        CommandError::Unauthorized { .. }
    ));
    // The third locks; the lock is told only to the right password (UQ-SCOPE).
    assert!(matches!(
        f.console.connect(wrong()).await.unwrap_err(),
        CommandError::Unauthorized { .. }
    ));
    let right = ConnectRequest {
        password: Secret::new(demo::DEMO_PASSWORD),
        ..wrong()
    };
    assert!(matches!(
        f.console.connect(right).await.unwrap_err(),
        CommandError::Locked { .. }
    ));
    // The failed attempts lost nothing: the demo session is still there.
    assert_eq!(
        f.console
            .state()
            .await
            .unwrap()
            .session
            .unwrap()
            .user
            .username,
        demo::MANAGER
    );
}

#[tokio::test]
async fn connecting_to_a_server_saves_a_profile_and_signing_in_again_works() {
    let f = fixture().await;
    let url = f.console.open_demo().await.unwrap().profile.url;
    let req = ConnectRequest {
        url: format!("{url}/"),
        username: "Operator@Demo.Example".into(),
        password: Secret::new(demo::DEMO_PASSWORD),
    };
    let view = f.console.connect(req).await.unwrap();
    assert_eq!(view.user.username, demo::OPERATOR);
    assert!(!view.profile.demo);
    assert_eq!(view.profile.url, url);
    f.console.sign_out().await.unwrap();
    let again = f
        .console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap();
    assert_eq!(again.profile.id, view.profile.id);
}

/// Clause UQ-PW-SELF: the manager changes their own password from the console.
#[tokio::test]
async fn uq_pw_self_change_password_from_the_console() {
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    let short = ChangePasswordRequest {
        current_password: demo::DEMO_PASSWORD.into(),
        new_password: "12345".into(),
    };
    let err = f.console.change_password(short).await.unwrap_err();
    assert!(
        matches!(&err, CommandError::InvalidInput { field: Some(f), .. } if f == "new_password"),
        "{err:?}"
    );
    let ok = ChangePasswordRequest {
        current_password: demo::DEMO_PASSWORD.into(),
        new_password: "a-new-password".into(),
    };
    f.console.change_password(ok).await.unwrap();
    assert!(
        f.console.state().await.unwrap().session.is_some(),
        "the own session stays"
    );
}

#[tokio::test]
async fn an_unreachable_server_turns_the_console_offline_and_back() {
    let f = fixture().await;
    let url = f.console.open_demo().await.unwrap().profile.url;
    f.console.leave_workspace().await.unwrap(); // stops the embedded service
    let req = ConnectRequest {
        url,
        username: demo::MANAGER.into(),
        password: Secret::new(demo::DEMO_PASSWORD),
    };
    let err = f.console.connect(req).await.unwrap_err();
    assert!(matches!(err, CommandError::Offline { .. }), "{err:?}");
    assert!(!f.console.state().await.unwrap().connection.is_online());
    f.console.open_demo().await.unwrap();
    let changes = f.events.connection.lock().unwrap().clone();
    assert!(
        matches!(
            changes.as_slice(),
            [Connection::Offline { .. }, Connection::Online { .. }]
        ),
        "{changes:?}"
    );
}

/// Clause 4S-SLA: the uptime panel gets the service's figures for this month and the
/// eleven before it, and offline shows the last copy with its age.
#[tokio::test]
async fn four_s_sla_uptime_view_online_then_offline_from_the_cache() {
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    let breaching = |view: &crate::kept::Kept<crate::uptime::UptimeView>| {
        view.history
            .iter()
            .filter(|m| m.compliant == Some(false))
            .count()
    };
    // The demo seeds the months before the last 95 days once the first panel is drawn; a
    // month read before they arrive is no data, and the report kept for it then is dropped.
    let view = crate::uptime::uptime_view(&f.console, None).await.unwrap();
    assert_eq!(
        breaching(&view),
        0,
        "the older months came before the first panel"
    );
    f.console.first_panel().mark_drawn();
    let view = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        loop {
            let view = crate::uptime::uptime_view(&f.console, None).await.unwrap();
            if breaching(&view) > 0 {
                break view;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    })
    .await
    .expect("the older months of the demo's history arrive after the first panel");
    assert!(!view.from_cache);
    assert_eq!(view.history.len(), 12);
    assert_eq!(view.daily.len(), 90);
    assert!(view
        .monitors
        .iter()
        .any(|m| m.builtin && m.id == view.monitor_id));
    assert_eq!(breaching(&view), 1);
    assert!(!view.region.is_empty());

    // Only Service Operators change a calendar (4S-SLA): the manager is refused and this
    // month keeps the clause's calendar.
    let account = f
        .console
        .state()
        .await
        .unwrap()
        .session
        .unwrap()
        .account
        .unwrap()
        .id;
    let refused = crate::uptime::uptime_save_business_calendar(
        &f.console,
        account,
        admin_api::BusinessCalendarSettings {
            time_zone: "Europe/Stockholm".into(),
            days: vec![1, 2, 3, 4],
            opens: "08:00".into(),
            closes: "16:00".into(),
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, CommandError::Forbidden { .. }),
        "{refused:?}"
    );
    let view = crate::uptime::uptime_view(&f.console, None).await.unwrap();
    assert_eq!(view.history[0].time_zone, "Europe/Helsinki");

    // The embedded service stops; the console keeps its session and answers from the cache.
    let demo = f.console.stop_demo_for_test().await;
    assert!(demo, "the demo service was running");
    let offline = crate::uptime::uptime_view(&f.console, None).await.unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.fetched_at, view.fetched_at);
    assert_eq!(offline.history, view.history);
    assert!(!f.console.state().await.unwrap().connection.is_online());
}

/// Clauses UQ-DELEGATE-ACCOUNT and UQ-LEAST-PRIV: the dialogs offer exactly what the
/// policy lets the demo manager delegate, the preview comes from the same rules, and a
/// grant and its revocation go through to the service.
#[tokio::test]
async fn uq_delegate_account_roles_overview_preview_grant_and_revoke() {
    use crate::roles::{AccessChange, UserFilter};
    use admin_api::{GrantRequest, Role, Scope};
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    let overview = crate::roles::roles_overview(&f.console).await.unwrap();
    assert_eq!(overview.tree.len(), 1);
    assert_eq!(overview.tree[0].channels.len(), 3);
    assert_eq!(overview.delegable.len(), 1 + 3 * 3);
    assert!(overview
        .delegable
        .iter()
        .all(|g| g.role != Role::ServiceOperator));
    assert_eq!(overview.administers, [overview.tree[0].account.id]);
    assert!(
        !overview.may_block,
        "UQ-BLOCK: only Service Operators block"
    );

    let viewers = crate::roles::roles_list_users(
        &f.console,
        UserFilter {
            role: Some(Role::Viewer),
            ..UserFilter::default()
        },
    )
    .await
    .unwrap();
    assert!(!viewers.from_cache);
    let target = viewers.value.users[0].user.id;
    let web = overview.tree[0].channels[0].id;
    let scope = Scope::Channel { id: web };
    let preview = crate::roles::roles_preview_access(
        &f.console,
        target,
        AccessChange::Grant {
            role: Role::ChannelManager,
            scope,
        },
    )
    .await
    .unwrap();
    assert!(preview.before.may_delegate.is_empty());
    assert_eq!(preview.after.may_delegate.len(), 3);
    assert!(preview.after.channels.contains(&web));

    let granted = crate::roles::roles_grant(
        &f.console,
        GrantRequest {
            user_id: target,
            role: Role::ChannelManager,
            scope,
        },
    )
    .await
    .unwrap();
    let receipt = crate::roles::roles_revoke(&f.console, granted.id)
        .await
        .unwrap();
    assert_eq!(receipt.user_id, target);
    let err = crate::roles::roles_grant(
        &f.console,
        GrantRequest {
            user_id: target,
            role: Role::ServiceOperator,
            scope: Scope::Platform,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CommandError::Forbidden { .. }), "{err:?}");
}

/// Clause UQ-BLOCK: the operator blocks from the console and gets the receipt of the
/// sessions that ended; a manager is refused.
#[tokio::test]
async fn uq_block_from_the_console_returns_the_receipt() {
    let f = fixture().await;
    let manager = f.console.open_demo().await.unwrap();
    let url = manager.profile.url.clone();
    let target = crate::roles::roles_list_users(
        &f.console,
        crate::roles::UserFilter {
            q: Some("Sofia".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .value
    .users[0]
        .user
        .id;
    let err = crate::roles::roles_block_user(&f.console, target)
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Forbidden { .. }), "{err:?}");

    let user_client = admin_client::Client::new(&url).unwrap();
    user_client
        .sign_in(
            "sofia.koskinen@demo.example",
            &Secret::new(demo::DEMO_PASSWORD),
        )
        .await
        .unwrap();
    f.console.sign_out().await.unwrap();
    let op = ConnectRequest {
        url,
        username: demo::OPERATOR.into(),
        password: Secret::new(demo::DEMO_PASSWORD),
    };
    f.console.connect(op).await.unwrap();
    assert!(
        crate::roles::roles_overview(&f.console)
            .await
            .unwrap()
            .may_block
    );
    let receipt = crate::roles::roles_block_user(&f.console, target)
        .await
        .unwrap();
    assert_eq!(receipt.sessions_ended, 1);
    let back = crate::roles::roles_unblock_user(&f.console, target)
        .await
        .unwrap();
    assert_eq!(back.status, admin_api::UserStatus::Active);
}

/// Offline, the Roles panel reads its last copy from the cache, marked with when it was
/// read; filters other than the first page still need the service.
#[tokio::test]
async fn roles_offline_read_only_from_the_cache_as_of_last_sync() {
    use crate::roles::UserFilter;
    let f = fixture().await;
    let (svc, _db) = own_service(&f).await;
    let live = crate::roles::roles_overview(&f.console).await.unwrap();
    assert!(!live.from_cache);
    let users = crate::roles::roles_list_users(&f.console, UserFilter::default())
        .await
        .unwrap();
    let opened = crate::roles::roles_user_detail(&f.console, users.value.users[0].user.id)
        .await
        .unwrap();
    assert!(!opened.from_cache);
    let opened_live = opened.value.clone();
    let before = Utc::now();
    svc.stop().await.unwrap();

    let offline = crate::roles::roles_overview(&f.console).await.unwrap();
    assert!(offline.from_cache, "marked as an offline copy");
    let as_of = offline.fetched_at.expect("kept with its time");
    assert!(as_of <= before);
    assert_eq!(offline.tree, live.tree);
    let cached = crate::roles::roles_list_users(&f.console, UserFilter::default())
        .await
        .unwrap();
    assert_eq!(cached.value, users.value);
    assert!(cached.fetched_at.is_some());
    let filtered = crate::roles::roles_list_users(
        &f.console,
        UserFilter {
            q: Some("sofia".into()),
            blocked: Some(false),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let names: Vec<&str> = filtered
        .value
        .users
        .iter()
        .map(|s| s.user.display_name.as_str())
        .collect();
    assert_eq!(names, ["Sofia Koskinen", "Sofia Lehtonen"]);
    // The org tree's selection filters the copy too.
    let web = live.tree[0].channels[0].id;
    let in_web = crate::roles::roles_list_users(
        &f.console,
        UserFilter {
            channel_id: Some(web),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(!in_web.value.users.is_empty());
    assert!(in_web.value.users.iter().all(|s| s
        .assignments
        .iter()
        .any(|a| a.scope == admin_api::Scope::Channel { id: web })));
    // The drawer: the copy saved when it was opened, else the user's row of the page.
    let opened = crate::roles::roles_user_detail(&f.console, opened.value.user.id)
        .await
        .unwrap();
    assert!(opened.fetched_at.is_some());
    assert_eq!(opened.value, opened_live);
    let from_page = crate::roles::roles_user_detail(&f.console, users.value.users[1].user.id)
        .await
        .unwrap();
    assert_eq!(from_page.value, users.value.users[1]);
    assert!(from_page.fetched_at.is_some());
    // A user it never read still needs the service, and says so.
    let err = crate::roles::roles_user_detail(&f.console, 999_999).await;
    assert!(matches!(err, Err(CommandError::Offline { .. })), "{err:?}");
}

/// Clauses FZ-BACKUP-DAILY, UQ-RESTORE-DRILL and 4S-BACKUP-NIGHTLY: the backups panel gets
/// the demo's 90 nights (one missed, one failed drill with its reason), the last drill and
/// the kept snapshots, and offline shows the last copy with its age.
#[tokio::test]
async fn fz_backup_daily_backups_view_online_then_offline_from_the_cache() {
    use crate::backups::BackupDayState;
    use admin_api::RetentionClass;
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    let view = crate::backups::backups_overview(&f.console).await.unwrap();
    assert!(!view.from_cache);
    assert_eq!(view.days.len(), 90);
    let count = |s: BackupDayState| view.days.iter().filter(|d| d.state == s).count();
    assert_eq!(count(BackupDayState::Missed), 1);
    assert_eq!(count(BackupDayState::Failed), 1);
    assert!(count(BackupDayState::Verified) >= 11);
    assert!(count(BackupDayState::BackedUp) >= 70);
    let failed = view
        .days
        .iter()
        .find(|d| d.state == BackupDayState::Failed)
        .unwrap();
    assert!(failed.reason.as_deref().unwrap().contains("audit_events"));
    assert!(view.last_good_at.is_some());
    assert_eq!(view.stale_after_hours, 26);
    assert!(view.last_drill.is_some());
    assert!(!view.snapshots.is_empty());
    assert!(view
        .snapshots
        .iter()
        .all(|s| matches!(s.retention, RetentionClass::Daily | RetentionClass::Weekly)));
    assert!(view
        .snapshots
        .windows(2)
        .all(|w| w[0].started_at >= w[1].started_at));
    assert!(view.may_request);
    assert_eq!(view.channels.len(), 3);

    assert!(f.console.stop_demo_for_test().await);
    let offline = crate::backups::backups_overview(&f.console).await.unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.fetched_at, view.fetched_at);
    assert_eq!(offline.days, view.days);
    assert_eq!(offline.snapshots, view.snapshots);
}

/// Clause 4S-RESTORE-REQUEST: a partial restore asked by the manager goes through its life
/// cycle; each side is offered only its own steps, and the service's refusals come back.
#[tokio::test]
async fn four_s_restore_request_life_cycle_from_the_console() {
    use admin_api::{NewRestoreRequest, RestoreRequestPatch, RestoreScope, RestoreStatus::*};
    let f = fixture().await;
    let url = f.console.open_demo().await.unwrap().profile.url;
    let view = crate::backups::backups_overview(&f.console).await.unwrap();
    let created = crate::backups::request_restore(
        &f.console,
        NewRestoreRequest {
            scope: RestoreScope::Channel,
            channel_id: Some(view.channels[0].id),
            backup_id: view.snapshots[0].id,
            note: Some("Yesterday's orders".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(created.status, Requested);
    let step = |status, estimate_hours| RestoreRequestPatch {
        status,
        estimate_hours,
        note: None,
    };
    let mine = crate::backups::backups_overview(&f.console)
        .await
        .unwrap()
        .value
        .requests;
    assert_eq!(mine[0].request.id, created.id);
    assert_eq!(
        mine[0].channel_name.as_deref(),
        Some(view.channels[0].name.as_str())
    );
    assert!(mine[0].next_steps.is_empty());
    let err =
        crate::backups::backups_step_restore(&f.console, created.id, step(Estimated, Some(2.0)))
            .await
            .unwrap_err();
    assert!(matches!(err, CommandError::Forbidden { .. }), "{err:?}");

    let sign_in_as = |username: &str| ConnectRequest {
        url: url.clone(),
        username: username.into(),
        password: Secret::new(demo::DEMO_PASSWORD),
    };
    f.console.sign_out().await.unwrap();
    f.console.connect(sign_in_as(demo::OPERATOR)).await.unwrap();
    let ops = crate::backups::backups_overview(&f.console).await.unwrap();
    assert!(!ops.may_request, "operators do not ask for restores");
    assert_eq!(ops.requests[0].next_steps, [Estimated, Rejected]);
    let err =
        crate::backups::backups_step_restore(&f.console, created.id, step(Estimated, Some(0.0)))
            .await
            .unwrap_err();
    assert!(
        matches!(&err, CommandError::InvalidInput { field: Some(f), .. } if f == "estimate_hours"),
        "{err:?}"
    );
    let estimated =
        crate::backups::backups_step_restore(&f.console, created.id, step(Estimated, Some(3.5)))
            .await
            .unwrap();
    assert_eq!(estimated.estimate_hours, Some(3.5));
    let err = crate::backups::backups_step_restore(&f.console, created.id, step(Approved, None))
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Forbidden { .. }), "{err:?}");

    f.console.sign_out().await.unwrap();
    f.console.connect(sign_in_as(demo::MANAGER)).await.unwrap();
    let mine = crate::backups::backups_overview(&f.console)
        .await
        .unwrap()
        .value
        .requests;
    assert_eq!(mine[0].next_steps, [Approved]);
    crate::backups::backups_step_restore(&f.console, created.id, step(Approved, None))
        .await
        .unwrap();

    f.console.sign_out().await.unwrap();
    f.console.connect(sign_in_as(demo::OPERATOR)).await.unwrap();
    crate::backups::backups_step_restore(&f.console, created.id, step(InProgress, None))
        .await
        .unwrap();
    let done = crate::backups::backups_step_restore(&f.console, created.id, step(Done, None))
        .await
        .unwrap();
    let path: Vec<_> = done.steps.iter().map(|s| s.status).collect();
    assert_eq!(path, [Requested, Estimated, Approved, InProgress, Done]);
    let err = crate::backups::backups_step_restore(&f.console, created.id, step(Rejected, None))
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Conflict { .. }), "{err:?}");
    assert!(crate::backups::backups_overview(&f.console)
        .await
        .unwrap()
        .requests[0]
        .next_steps
        .is_empty());
}

fn totp_code(seed: &Secret) -> Secret {
    totp_code_steps_ahead(seed, 0)
}

/// The code `steps` 30-second steps from now: a code is taken once per step (4S-SSO), so a
/// second sign-in within the step of the first uses the next one, which the service's
/// one-step allowance for clock drift accepts.
fn totp_code_steps_ahead(seed: &Secret, steps: i64) -> Secret {
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(seed.expose()).unwrap())
        .build()
        .unwrap();
    let at = Utc::now().timestamp() + steps * 30;
    Secret::new(totp.generate(at as u64).to_string())
}

/// A service of its own (the demo's database in a temp folder), and the console signed
/// in to it as the demo manager.
async fn own_service(f: &Fixture) -> (admin_service::RunningService, tempfile::TempDir) {
    let db_dir = tempfile::tempdir().unwrap();
    let svc = DemoService::new().start(db_dir.path()).await;
    sign_in(&f.console, &svc.base_url(), demo::MANAGER).await;
    (svc, db_dir)
}

/// Clause 4S-SSO: when the account requires two-factor sign-in, the console asks for
/// enrolment (the seed and its QR code), then for the code; the seed reaches neither the
/// cache nor the log.
#[tokio::test]
async fn four_s_sso_two_factor_enrolment_and_sign_in_from_the_console() {
    let f = fixture().await;
    let (_svc, _db) = own_service(&f).await;
    let account = crate::roles::roles_overview(&f.console).await.unwrap().tree[0]
        .account
        .id;
    let mut rules = crate::roles::roles_security_settings(&f.console, account)
        .await
        .unwrap();
    rules.require_two_factor = true;
    crate::roles::roles_save_security_settings(&f.console, account, rules)
        .await
        .unwrap();
    f.console.sign_out().await.unwrap();

    // Nothing pending yet: no enrolment and no code without the password first.
    let err = f.console.start_totp_enrolment().await.unwrap_err();
    assert!(matches!(err, CommandError::Unauthorized { .. }), "{err:?}");
    let err = f
        .console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CommandError::TwoFactorEnrolmentRequired { .. }),
        "{err:?}"
    );
    let enrolment = f.console.start_totp_enrolment().await.unwrap();
    let seed = enrolment.secret.clone();
    assert!(enrolment
        .otpauth_url
        .expose()
        .starts_with("otpauth://totp/"));
    assert!(enrolment.qr_svg.contains("<svg"), "{}", enrolment.qr_svg);
    assert!(!format!("{enrolment:?}").contains(seed.expose()));
    assert!(
        !crate::logging::redact(&format!("enrolled {}", enrolment.otpauth_url.expose()))
            .contains(seed.expose())
    );

    let err = f
        .console
        .submit_totp(Secret::new("12 34"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        CommandError::invalid("totp", "enter the 6-digit code from your authenticator app")
    );
    let view = f
        .console
        .submit_totp(totp_code(&seed))
        .await
        .expect("the first right code completes enrolment and sign-in");
    assert_eq!(view.user.username, demo::MANAGER);

    // Enrolled: the next sign-in asks for the code, and a wrong one is the code's fault.
    f.console.sign_out().await.unwrap();
    let err = f
        .console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CommandError::TwoFactorRequired { .. }),
        "{err:?}"
    );
    let wrong = if totp_code(&seed).expose() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let err = f.console.submit_totp(Secret::new(wrong)).await.unwrap_err();
    assert!(
        matches!(&err, CommandError::InvalidInput { field: Some(f), .. } if f == "totp"),
        "{err:?}"
    );
    let spaced = totp_code_steps_ahead(&seed, 1);
    let spaced = format!("{} {}", &spaced.expose()[..3], &spaced.expose()[3..]);
    f.console.submit_totp(Secret::new(spaced)).await.unwrap();

    // Cancelled: the password is forgotten, so a code alone does nothing.
    f.console.sign_out().await.unwrap();
    f.console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap_err();
    f.console.cancel_sign_in().await;
    let err = f.console.submit_totp(totp_code(&seed)).await.unwrap_err();
    assert!(matches!(err, CommandError::Unauthorized { .. }), "{err:?}");

    let cache = std::fs::read(f.dir.path().join("cache.sqlite")).unwrap();
    let wal = std::fs::read(f.dir.path().join("cache.sqlite-wal")).unwrap_or_default();
    for bytes in [&cache, &wal] {
        assert!(
            !contains(bytes, seed.expose().as_bytes()),
            "seed in the cache"
        );
    }
}

/// Clauses 4S-SSO, UQ-SCOPE: the manager resets a user's lost authenticator from the
/// console; the drawer then shows no enrolment; their own is refused.
#[tokio::test]
async fn four_s_sso_manager_resets_two_factor_from_the_console() {
    use crate::roles::UserFilter;
    let f = fixture().await;
    let (svc, _db) = own_service(&f).await;
    let account = crate::roles::roles_overview(&f.console).await.unwrap().tree[0]
        .account
        .id;
    let mut rules = crate::roles::roles_security_settings(&f.console, account)
        .await
        .unwrap();
    rules.require_two_factor = true;
    crate::roles::roles_save_security_settings(&f.console, account, rules)
        .await
        .unwrap();
    let target = crate::roles::roles_list_users(
        &f.console,
        UserFilter {
            q: Some("Sofia".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .value
    .users[0]
        .user
        .clone();
    let client = admin_client::Client::new(&svc.base_url()).unwrap();
    let password = Secret::new(demo::DEMO_PASSWORD);
    let enrolment = client
        .enrol_totp(&target.username, &password)
        .await
        .unwrap();
    client
        .sign_in_with_totp(
            &target.username,
            &password,
            Some(&totp_code(&enrolment.secret)),
        )
        .await
        .unwrap();
    let detail = crate::roles::roles_user_detail(&f.console, target.id)
        .await
        .unwrap();
    assert_eq!(detail.value.two_factor_enrolled, Some(true));

    let receipt = crate::roles::roles_reset_two_factor(&f.console, target.id)
        .await
        .unwrap();
    assert_eq!(receipt.user.id, target.id);
    let detail = crate::roles::roles_user_detail(&f.console, target.id)
        .await
        .unwrap();
    assert_eq!(detail.value.two_factor_enrolled, Some(false));
    let err = client
        .sign_in_with_totp(
            &target.username,
            &password,
            Some(&totp_code(&enrolment.secret)),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.problem().map(|p| p.code),
        Some(admin_api::ProblemCode::TwoFactorEnrolmentRequired)
    );
    let me = f.console.state().await.unwrap().session.unwrap().user.id;
    let err = crate::roles::roles_reset_two_factor(&f.console, me)
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Forbidden { .. }), "{err:?}");
}

/// Operators manage monitors from the console, the service's refusals come back with their
/// field, incidents take notes, and response times are shown offline from the cache
/// (4S-SLA, 4S-CRITICAL-FIX).
#[tokio::test]
async fn four_s_sla_operator_manages_monitors_notes_incidents_and_latency_works_offline() {
    use admin_api::{MonitorKind, MonitorPatch, NewMonitor};
    let f = fixture().await;
    let url = f.console.open_demo().await.unwrap().profile.url;
    f.console
        .connect(ConnectRequest {
            url,
            username: demo::OPERATOR.into(),
            password: Secret::new(demo::DEMO_PASSWORD),
        })
        .await
        .unwrap();
    let made = crate::uptime::uptime_create_monitor(
        &f.console,
        NewMonitor {
            name: "Status page".into(),
            kind: MonitorKind::Push,
            target: None,
            interval_s: Some(300),
            grace_s: None,
        },
    )
    .await
    .unwrap();
    let paused = crate::uptime::uptime_update_monitor(
        &f.console,
        made.id,
        MonitorPatch {
            paused: Some(true),
            ..MonitorPatch::default()
        },
    )
    .await
    .unwrap();
    assert!(paused.paused);
    let refused = crate::uptime::uptime_update_monitor(
        &f.console,
        made.id,
        MonitorPatch {
            target: Some("https://example.com".into()),
            ..MonitorPatch::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&refused, CommandError::InvalidInput { field: Some(f), .. } if f == "target"),
        "{refused:?}"
    );
    crate::uptime::uptime_delete_monitor(&f.console, made.id)
        .await
        .unwrap();

    let view = crate::uptime::uptime_view(&f.console, None).await.unwrap();
    let incident = view
        .incidents
        .first()
        .expect("the demo has incidents")
        .clone();
    crate::uptime::uptime_annotate_incident(
        &f.console,
        view.monitor_id,
        incident.started_at,
        "Disk full; cleaned.".into(),
    )
    .await
    .unwrap();
    let again = crate::uptime::uptime_view(&f.console, Some(view.monitor_id))
        .await
        .unwrap();
    let noted = again
        .incidents
        .iter()
        .find(|i| i.started_at == incident.started_at)
        .unwrap();
    assert_eq!(noted.note.as_deref(), Some("Disk full; cleaned."));
    assert!(again.monitors.iter().all(|m| m.id != made.id));

    let to = Utc::now();
    let from = to - Duration::days(7);
    let online = crate::uptime::uptime_latency(&f.console, view.monitor_id, from, to)
        .await
        .unwrap();
    assert!(!online.is_empty());
    assert!(f.console.stop_demo_for_test().await);
    let offline = crate::uptime::uptime_latency(&f.console, view.monitor_id, from, to)
        .await
        .unwrap();
    assert_eq!(offline, online);
}

mod updates_and_features {
    use super::*;
    use crate::busy::Activity;
    use crate::updates::{DeferFor, UpdateChannel, UpdateSettingsChange, CHECK_EVERY};
    use admin_api::{FeatureChange, FeatureKey};
    use chrono::TimeZone;

    fn t0() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
    }

    async fn unmanaged(dir: &std::path::Path) -> Console {
        TestConsole::new()
            .open(dir)
            .await
            .with_policy_path(dir.join("no-policy.json"))
    }

    /// 4S-UPDATES-WEEKLY: the first start checks; the last check time survives a restart,
    /// and the next check is due 7 days after it (injected clock).
    #[tokio::test]
    async fn four_s_updates_weekly_schedule_persists_the_last_check() {
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        assert!(crate::updates::automatic_check_due(&console, t0())
            .await
            .unwrap());
        crate::updates::record_update_check(&console, t0())
            .await
            .unwrap();
        drop(console);

        let console = unmanaged(dir.path()).await;
        assert_eq!(
            crate::updates::last_update_check(&console).await.unwrap(),
            Some(t0())
        );
        let almost = t0() + CHECK_EVERY - Duration::minutes(1);
        assert!(!crate::updates::automatic_check_due(&console, almost)
            .await
            .unwrap());
        assert!(
            crate::updates::automatic_check_due(&console, t0() + CHECK_EVERY)
                .await
                .unwrap()
        );
        let s = crate::updates::update_settings(&console, almost, "0.1.0")
            .await
            .unwrap();
        assert_eq!(s.next_check, Some(t0() + CHECK_EVERY));
        assert_eq!(s.channel, UpdateChannel::Stable);
        assert!(s.automatic && s.managed_by.is_none());

        // Automatic checks off: never due, and Settings shows no next check.
        crate::updates::updates_save_settings(
            &console,
            UpdateSettingsChange {
                channel: UpdateChannel::Beta,
                automatic: false,
            },
        )
        .await
        .unwrap();
        let later = t0() + Duration::days(30);
        assert!(!crate::updates::automatic_check_due(&console, later)
            .await
            .unwrap());
        let s = crate::updates::update_settings(&console, later, "0.1.0")
            .await
            .unwrap();
        assert_eq!(s.next_check, None);
        assert_eq!(
            crate::updates::update_feed(&console)
                .await
                .unwrap()
                .as_str(),
            "https://updates.example.com/admin-console/beta/latest.json"
        );
    }

    /// 4S-UPDATES-WEEKLY: a managed install (policy file) says so, and the manager cannot
    /// change what it fixes; its feed mirror is still held to 4S-TLS.
    #[tokio::test]
    async fn managed_install_fixes_automatic_checks_and_channel() {
        let dir = tempfile::tempdir().unwrap();
        let policy = dir.path().join("policy.json");
        std::fs::write(
            &policy,
            r#"{"automatic_updates": false, "channel": "beta"}"#,
        )
        .unwrap();
        let console = unmanaged(dir.path()).await.with_policy_path(policy.clone());
        let s = crate::updates::update_settings(&console, t0(), "0.1.0")
            .await
            .unwrap();
        assert_eq!(s.managed_by.as_deref(), Some(policy.to_str().unwrap()));
        assert!(!s.automatic);
        assert_eq!(s.channel, UpdateChannel::Beta);
        assert!(!crate::updates::automatic_check_due(&console, t0())
            .await
            .unwrap());
        let err = crate::updates::updates_save_settings(
            &console,
            UpdateSettingsChange {
                channel: UpdateChannel::Beta,
                automatic: true,
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, CommandError::Forbidden { message } if message.contains("policy.json")),
            "{err:?}"
        );
        std::fs::write(
            &policy,
            r#"{"feed_url": "http://mirror.example/latest.json"}"#,
        )
        .unwrap();
        assert!(matches!(
            crate::updates::update_feed(&console).await,
            Err(CommandError::InsecureUrl { .. })
        ));
        std::fs::write(
            &policy,
            r#"{"feed_url": "https://mirror.example/latest.json"}"#,
        )
        .unwrap();
        assert_eq!(
            crate::updates::update_feed(&console)
                .await
                .unwrap()
                .as_str(),
            "https://mirror.example/latest.json"
        );
    }

    /// 4S-UPDATES-WEEKLY: "Later" puts that version off for a day or a week, not others.
    #[tokio::test]
    async fn later_defers_the_offered_version_for_a_day_or_a_week() {
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        crate::updates::defer_update(&console, "0.2.0", DeferFor::Week, t0())
            .await
            .unwrap();
        assert!(
            !crate::updates::should_offer(&console, "0.2.0", t0() + Duration::days(6))
                .await
                .unwrap()
        );
        assert!(
            crate::updates::should_offer(&console, "0.3.0", t0() + Duration::days(1))
                .await
                .unwrap()
        );
        assert!(
            crate::updates::should_offer(&console, "0.2.0", t0() + Duration::days(7))
                .await
                .unwrap()
        );
        crate::updates::defer_update(&console, "0.2.0", DeferFor::Day, t0())
            .await
            .unwrap();
        let s = crate::updates::update_settings(&console, t0(), "0.1.0")
            .await
            .unwrap();
        assert_eq!(s.deferred.unwrap().until, t0() + Duration::days(1));
        assert!(
            crate::updates::should_offer(&console, "0.2.0", t0() + Duration::days(1))
                .await
                .unwrap()
        );
    }

    /// 4S-UPDATES-WEEKLY, issue 16: a version the schedule found installs by itself, with
    /// no work from the manager: told at once, not before the notice period ends, and only
    /// when nothing is running; the install claim then shuts out a sync (injected clock).
    #[tokio::test]
    async fn four_s_updates_weekly_found_update_installs_by_itself_when_idle() {
        use crate::auto_install::{
            announce, next_step, AutoInstall, Found, Installer, Step, NOTICE,
        };
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        let found = Found {
            version: "0.2.0".into(),
            found_at: t0(),
        };
        assert_eq!(
            announce(&found, Installer::AppImage),
            AutoInstall::WhenIdle {
                after: t0() + NOTICE
            }
        );
        let step = |now| next_step(&console, &found, Installer::AppImage, now);
        assert_eq!(
            step(t0()).await.unwrap(),
            Step::Notice {
                until: t0() + NOTICE
            }
        );
        let sync = console.busy().hold(Activity::Sync);
        let dialog = console.busy().hold(Activity::Dialog);
        assert_eq!(
            step(t0() + NOTICE).await.unwrap(),
            Step::Busy(vec![Activity::Sync, Activity::Dialog])
        );
        drop(sync);
        drop(dialog);
        assert_eq!(step(t0() + NOTICE).await.unwrap(), Step::Install);
        let installing = crate::updates::claim_install(&console).unwrap();
        assert!(console.busy().try_hold(Activity::Sync).is_err());
        drop(installing);
    }

    /// 4S-UPDATES-WEEKLY: "Later" still stops the automatic install before it happens, for
    /// that version only.
    #[tokio::test]
    async fn four_s_updates_weekly_later_stops_the_automatic_install() {
        use crate::auto_install::{next_step, Found, Installer, Step, NOTICE};
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        let found = Found {
            version: "0.2.0".into(),
            found_at: t0(),
        };
        crate::updates::defer_update(
            &console,
            "0.2.0",
            DeferFor::Day,
            t0() + Duration::minutes(5),
        )
        .await
        .unwrap();
        let now = t0() + NOTICE;
        assert_eq!(
            next_step(&console, &found, Installer::AppImage, now)
                .await
                .unwrap(),
            Step::PutOff
        );
        let newer = Found {
            version: "0.3.0".into(),
            found_at: t0(),
        };
        assert_eq!(
            next_step(&console, &newer, Installer::AppImage, now)
                .await
                .unwrap(),
            Step::Install
        );
    }

    /// 4S-UPDATES-WEEKLY: nothing installs unasked when automatic updates are off, when the
    /// policy file forbids it, or when the install needs an administrator password (a .deb
    /// through pkexec): then the manager is asked.
    #[tokio::test]
    async fn four_s_updates_weekly_no_silent_install_when_off_forbidden_or_needing_a_password() {
        use crate::auto_install::{
            announce, next_step, AutoInstall, Found, Installer, Step, NOTICE,
        };
        let dir = tempfile::tempdir().unwrap();
        let found = Found {
            version: "0.2.0".into(),
            found_at: t0(),
        };
        let now = t0() + NOTICE;
        let console = unmanaged(dir.path()).await;
        for installer in [
            Installer::Deb,
            Installer::Rpm,
            Installer::Msi,
            Installer::Nsis,
            Installer::Unknown,
        ] {
            assert_eq!(announce(&found, installer), AutoInstall::NeedsPassword);
            assert_eq!(
                next_step(&console, &found, installer, now).await.unwrap(),
                Step::AskForPassword,
                "{installer:?}"
            );
        }
        crate::updates::updates_save_settings(
            &console,
            UpdateSettingsChange {
                channel: UpdateChannel::Stable,
                automatic: false,
            },
        )
        .await
        .unwrap();
        assert_eq!(
            next_step(&console, &found, Installer::AppImage, now)
                .await
                .unwrap(),
            Step::Off
        );

        for policy_text in [
            r#"{"automatic_install": false}"#,
            r#"{"automatic_updates": false}"#,
        ] {
            let dir = tempfile::tempdir().unwrap();
            let policy = dir.path().join("policy.json");
            std::fs::write(&policy, policy_text).unwrap();
            let console = unmanaged(dir.path()).await.with_policy_path(policy);
            assert_eq!(
                next_step(&console, &found, Installer::AppImage, now)
                    .await
                    .unwrap(),
                Step::Off,
                "{policy_text}"
            );
        }
    }

    /// An update never installs during a sync, an export or an open dialog.
    #[tokio::test]
    async fn install_waits_while_something_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        assert!(crate::updates::ready_to_install(&console).is_ok());
        let dialog = console.busy().hold(Activity::Dialog);
        let sync = console.busy().hold(Activity::Sync);
        match crate::updates::ready_to_install(&console) {
            Err(CommandError::Busy {
                message,
                activities,
            }) => {
                assert_eq!(activities, [Activity::Sync, Activity::Dialog]);
                assert!(message.contains("a sync and an open dialog"), "{message}");
                assert!(message.contains("nothing was installed"));
            }
            other => panic!("expected busy, got {other:?}"),
        }
        drop(dialog);
        drop(sync);
        assert!(crate::updates::ready_to_install(&console).is_ok());
    }

    /// 4S-FEATURE-TOGGLES and 4S-CHANGE-NOTICE against the real embedded service.
    #[tokio::test]
    async fn four_s_feature_toggles_and_change_notices_from_the_service() {
        let f = fixture().await;
        f.console.open_demo().await.unwrap();
        let features = crate::notices::notices_features(&f.console).await.unwrap();
        assert_eq!(features.items.len(), 2);
        assert!(features.items.iter().all(|f| !f.description.is_empty()));
        let after = crate::notices::notices_set_feature(
            &f.console,
            FeatureChange {
                key: FeatureKey::CompactTables,
                enabled: true,
            },
        )
        .await
        .unwrap();
        let compact = after
            .items
            .iter()
            .find(|f| f.key == FeatureKey::CompactTables)
            .unwrap();
        assert!(compact.enabled);
        assert!(
            crate::notices::notices_features(&f.console)
                .await
                .unwrap()
                .items[0]
                .enabled
        );

        // The demo announces a larger change 12 days out: listed now, in the banner 7 days ahead.
        let now = Utc::now();
        let n = crate::notices::changes_at(&f.console, now).await.unwrap();
        assert!(n
            .upcoming
            .iter()
            .any(|a| a.title == "New user management view"));
        assert!(n.soon.is_empty());
        let n = crate::notices::changes_at(&f.console, now + Duration::days(6))
            .await
            .unwrap();
        assert!(n.soon.iter().any(|a| a.title == "New user management view"));
    }
}
