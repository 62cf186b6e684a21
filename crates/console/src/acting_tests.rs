//! What the Roles panel may offer on each user (UQ-DELEGATE-CHANNEL, UQ-LEAST-PRIV): the
//! console's view of users carries the service's `may_act`, decided from every role the
//! user holds, also those outside the signed-in manager's view.

use crate::console::Console;
use crate::roles::UserFilter;
use crate::test_support::{DemoService, TestConsole};
use admin_api::{Role, Scope, UserSummary};
use admin_service::demo;

async fn everyone(console: &Console) -> Vec<UserSummary> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let view = crate::roles::roles_list_users(
            console,
            UserFilter {
                after,
                ..UserFilter::default()
            },
        )
        .await
        .unwrap();
        all.extend(view.value.users);
        match view.value.next_after {
            Some(next) => after = Some(next),
            None => return all,
        }
    }
}

/// Clauses UQ-DELEGATE-CHANNEL, UQ-LEAST-PRIV: a Channel Manager is offered actions on the
/// people of their own channel only: not on Account Managers, not on a fellow Channel
/// Manager's people in a sibling channel (whose roles they do not even see), while the
/// Account Manager is offered every user of the account.
#[tokio::test]
async fn uq_delegate_channel_the_console_offers_only_what_the_rule_allows() {
    let dir = tempfile::tempdir().unwrap();
    let service = DemoService::new().start(dir.path()).await;
    let url = service.base_url();

    let manager = TestConsole::new()
        .signed_in(&dir.path().join("am"), &url, demo::MANAGER)
        .await;
    let seen_by_manager = everyone(&manager).await;
    assert!(seen_by_manager.len() > 40);
    assert!(
        seen_by_manager.iter().all(|s| s.may_act),
        "the Account Manager acts on all"
    );

    let cm = seen_by_manager
        .iter()
        .find(|s| s.assignments.iter().any(|a| a.role == Role::ChannelManager))
        .unwrap();
    let Scope::Channel { id: own_channel } = cm.assignments[0].scope else {
        panic!("a channel manager's scope is a channel")
    };
    let channel_manager = TestConsole::new()
        .signed_in(&dir.path().join("cm"), &url, &cm.user.username)
        .await;
    let seen_by_cm = everyone(&channel_manager).await;
    let (mut own, mut above, mut sibling) = (0, 0, 0);
    for s in &seen_by_cm {
        // The whole truth, as the Account Manager sees it.
        let roles = &seen_by_manager
            .iter()
            .find(|m| m.user.id == s.user.id)
            .unwrap()
            .assignments;
        let expected = roles.iter().all(|a| {
            a.scope == (Scope::Channel { id: own_channel })
                && a.role.level() <= Role::ChannelManager.level()
        });
        assert_eq!(s.may_act, expected, "{}: {roles:?}", s.user.username);
        if roles.iter().any(|a| a.role == Role::AccountManager) {
            above += 1;
        } else if expected {
            own += 1;
        } else if s.assignments.len() < roles.len() {
            sibling += 1;
        }
    }
    assert!(
        own > 3 && above >= 2 && sibling > 3,
        "{own} {above} {sibling}"
    );

    // The drawer's copy of one user says the same.
    let am = seen_by_cm
        .iter()
        .find(|s| s.user.username == demo::MANAGER)
        .unwrap();
    let detail = crate::roles::roles_user_detail(&channel_manager, am.user.id)
        .await
        .unwrap();
    assert!(!detail.value.may_act);
}
