//! The console driven as the web view drives it, without a window, against the real
//! embedded service on loopback.

use crate::console::{Console, Notifier};
use crate::error::CommandError;
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
    let console = Console::open(dir.path().to_path_buf(), tokens.clone(), events.clone())
        .await
        .unwrap();
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

#[tokio::test]
async fn a_restart_restores_the_session_from_the_keyring_token() {
    let f = fixture().await;
    f.console.open_demo().await.unwrap();
    f.console.leave_workspace().await.unwrap();
    assert!(f.console.state().await.unwrap().profile.is_none());
    f.console.open_demo().await.unwrap();
    drop(f.console);
    let again = Console::open(
        f.dir.path().to_path_buf(),
        f.tokens.clone(),
        f.events.clone(),
    )
    .await
    .unwrap();
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
    assert!(matches!(
        f.console.connect(wrong()).await.unwrap_err(),
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
    let view = f.console.uptime(None).await.unwrap();
    assert!(!view.offline);
    assert_eq!(view.history.len(), 12);
    assert_eq!(view.daily.len(), 90);
    assert!(view
        .monitors
        .iter()
        .any(|m| m.builtin && m.id == view.monitor_id));
    assert_eq!(
        view.history
            .iter()
            .filter(|m| m.compliant == Some(false))
            .count(),
        1
    );
    assert!(!view.region.is_empty());

    // The embedded service stops; the console keeps its session and answers from the cache.
    let demo = f.console.stop_demo_for_test().await;
    assert!(demo, "the demo service was running");
    let offline = f.console.uptime(None).await.unwrap();
    assert!(offline.offline);
    assert_eq!(offline.as_of, view.as_of);
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
    let overview = f.console.roles_overview().await.unwrap();
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

    let viewers = f
        .console
        .list_users(UserFilter {
            role: Some(Role::Viewer),
            ..UserFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(viewers.as_of, None);
    let target = viewers.page.users[0].user.id;
    let web = overview.tree[0].channels[0].id;
    let scope = Scope::Channel { id: web };
    let preview = f
        .console
        .preview_access(
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

    let granted = f
        .console
        .grant_role(GrantRequest {
            user_id: target,
            role: Role::ChannelManager,
            scope,
        })
        .await
        .unwrap();
    let receipt = f.console.revoke_role(granted.id).await.unwrap();
    assert_eq!(receipt.user_id, target);
    let err = f
        .console
        .grant_role(GrantRequest {
            user_id: target,
            role: Role::ServiceOperator,
            scope: Scope::Platform,
        })
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
    let target = f
        .console
        .list_users(crate::roles::UserFilter {
            q: Some("Sofia".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .page
        .users[0]
        .user
        .id;
    let err = f.console.block_user(target).await.unwrap_err();
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
    assert!(f.console.roles_overview().await.unwrap().may_block);
    let receipt = f.console.block_user(target).await.unwrap();
    assert_eq!(receipt.sessions_ended, 1);
    let back = f.console.unblock_user(target).await.unwrap();
    assert_eq!(back.status, admin_api::UserStatus::Active);
}

/// Offline, the Roles panel reads its last copy from the cache, marked with when it was
/// read; filters other than the first page still need the service.
#[tokio::test]
async fn roles_offline_read_only_from_the_cache_as_of_last_sync() {
    use crate::roles::UserFilter;
    use admin_service::{clock::SystemClock, AppState, Config};
    let f = fixture().await;
    let db_dir = tempfile::tempdir().unwrap();
    let db = admin_service::db::open(&format!("sqlite://{}/s.sqlite", db_dir.path().display()))
        .await
        .unwrap();
    demo::seed_if_empty(&db).await.unwrap();
    let state = AppState::new(db, Arc::new(SystemClock), Config::default());
    let svc = admin_service::start("127.0.0.1:0", state).await.unwrap();
    f.console
        .connect(ConnectRequest {
            url: svc.base_url(),
            username: demo::MANAGER.into(),
            password: Secret::new(demo::DEMO_PASSWORD),
        })
        .await
        .unwrap();
    let live = f.console.roles_overview().await.unwrap();
    assert_eq!(live.as_of, None);
    let users = f.console.list_users(UserFilter::default()).await.unwrap();
    let before = Utc::now();
    svc.stop().await.unwrap();

    let offline = f.console.roles_overview().await.unwrap();
    let as_of = offline.as_of.expect("marked as an offline copy");
    assert!(as_of <= before);
    assert_eq!(offline.tree, live.tree);
    let cached = f.console.list_users(UserFilter::default()).await.unwrap();
    assert_eq!(cached.page, users.page);
    assert!(cached.as_of.is_some());
    let filtered = f
        .console
        .list_users(UserFilter {
            q: Some("sofia".into()),
            blocked: Some(false),
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<&str> = filtered
        .page
        .users
        .iter()
        .map(|s| s.user.display_name.as_str())
        .collect();
    assert_eq!(names, ["Sofia Koskinen", "Sofia Lehtonen"]);
    // Anything that needs the service still says so.
    let err = f.console.user_detail(users.page.users[0].user.id).await;
    assert!(matches!(err, Err(CommandError::Offline { .. })), "{err:?}");
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
        Console::open(
            dir.to_path_buf(),
            Arc::new(MemoryStore::default()),
            Arc::new(Recorder::default()),
        )
        .await
        .unwrap()
        .with_policy_path(dir.join("no-policy.json"))
    }

    /// 4S-UPDATES-WEEKLY: the first start checks; the last check time survives a restart,
    /// and the next check is due 7 days after it (injected clock).
    #[tokio::test]
    async fn four_s_updates_weekly_schedule_persists_the_last_check() {
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        assert!(console.automatic_check_due(t0()).await.unwrap());
        console.record_update_check(t0()).await.unwrap();
        drop(console);

        let console = unmanaged(dir.path()).await;
        assert_eq!(console.last_update_check().await.unwrap(), Some(t0()));
        let almost = t0() + CHECK_EVERY - Duration::minutes(1);
        assert!(!console.automatic_check_due(almost).await.unwrap());
        assert!(console
            .automatic_check_due(t0() + CHECK_EVERY)
            .await
            .unwrap());
        let s = console.update_settings(almost, "0.1.0").await.unwrap();
        assert_eq!(s.next_check, Some(t0() + CHECK_EVERY));
        assert_eq!(s.channel, UpdateChannel::Stable);
        assert!(s.automatic && s.managed_by.is_none());

        // Automatic checks off: never due, and Settings shows no next check.
        console
            .save_update_settings(UpdateSettingsChange {
                channel: UpdateChannel::Beta,
                automatic: false,
            })
            .await
            .unwrap();
        let later = t0() + Duration::days(30);
        assert!(!console.automatic_check_due(later).await.unwrap());
        let s = console.update_settings(later, "0.1.0").await.unwrap();
        assert_eq!(s.next_check, None);
        assert_eq!(
            console.update_feed().await.unwrap().as_str(),
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
        let s = console.update_settings(t0(), "0.1.0").await.unwrap();
        assert_eq!(s.managed_by.as_deref(), Some(policy.to_str().unwrap()));
        assert!(!s.automatic);
        assert_eq!(s.channel, UpdateChannel::Beta);
        assert!(!console.automatic_check_due(t0()).await.unwrap());
        let err = console
            .save_update_settings(UpdateSettingsChange {
                channel: UpdateChannel::Beta,
                automatic: true,
            })
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
            console.update_feed().await,
            Err(CommandError::InsecureUrl { .. })
        ));
        std::fs::write(
            &policy,
            r#"{"feed_url": "https://mirror.example/latest.json"}"#,
        )
        .unwrap();
        assert_eq!(
            console.update_feed().await.unwrap().as_str(),
            "https://mirror.example/latest.json"
        );
    }

    /// 4S-UPDATES-WEEKLY: "Later" puts that version off for a day or a week, not others.
    #[tokio::test]
    async fn later_defers_the_offered_version_for_a_day_or_a_week() {
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        console
            .defer_update("0.2.0", DeferFor::Week, t0())
            .await
            .unwrap();
        assert!(!console
            .should_offer("0.2.0", t0() + Duration::days(6))
            .await
            .unwrap());
        assert!(console
            .should_offer("0.3.0", t0() + Duration::days(1))
            .await
            .unwrap());
        assert!(console
            .should_offer("0.2.0", t0() + Duration::days(7))
            .await
            .unwrap());
        console
            .defer_update("0.2.0", DeferFor::Day, t0())
            .await
            .unwrap();
        let s = console.update_settings(t0(), "0.1.0").await.unwrap();
        assert_eq!(s.deferred.unwrap().until, t0() + Duration::days(1));
        assert!(console
            .should_offer("0.2.0", t0() + Duration::days(1))
            .await
            .unwrap());
    }

    /// An update never installs during a sync, an export or an open dialog.
    #[tokio::test]
    async fn install_waits_while_something_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let console = unmanaged(dir.path()).await;
        assert!(console.ready_to_install().is_ok());
        let dialog = console.busy().hold(Activity::Dialog);
        let sync = console.busy().hold(Activity::Sync);
        match console.ready_to_install() {
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
        assert!(console.ready_to_install().is_ok());
    }

    /// 4S-FEATURE-TOGGLES and 4S-CHANGE-NOTICE against the real embedded service.
    #[tokio::test]
    async fn four_s_feature_toggles_and_change_notices_from_the_service() {
        let f = fixture().await;
        f.console.open_demo().await.unwrap();
        let features = f.console.features().await.unwrap();
        assert_eq!(features.items.len(), 2);
        assert!(features.items.iter().all(|f| !f.description.is_empty()));
        let after = f
            .console
            .set_feature(FeatureChange {
                key: FeatureKey::CompactTables,
                enabled: true,
            })
            .await
            .unwrap();
        let compact = after
            .items
            .iter()
            .find(|f| f.key == FeatureKey::CompactTables)
            .unwrap();
        assert!(compact.enabled);
        assert!(f.console.features().await.unwrap().items[0].enabled);

        // The demo announces a larger change 12 days out: listed now, in the banner 7 days ahead.
        let now = Utc::now();
        let n = f.console.change_notices(now).await.unwrap();
        assert!(n
            .upcoming
            .iter()
            .any(|a| a.title == "New user management view"));
        assert!(n.soon.is_empty());
        let n = f
            .console
            .change_notices(now + Duration::days(6))
            .await
            .unwrap();
        assert!(n.soon.iter().any(|a| a.title == "New user management view"));
    }
}
