//! Who may act on a user: unlock, block, reset two-factor, change contact details, read
//! their security details (UQ-DELEGATE-CHANNEL, UQ-LEAST-PRIV).
//!
//! Seeing a user (UQ-SCOPE) is not enough: a Channel Manager sees every user of the
//! account, Account Managers included, but must not strip an Account Manager's second
//! factor. Acting needs one delegating grant at or above every role the target holds,
//! whose scope contains every one of the target's assignments.

use crate::delegation::{account_of_scope, contains, Grant, Org};
use crate::roles::Scope;

/// May the holder of `held` act on a user of `user_account` holding `user_grants`?
/// A user without roles is a member of their account: any manager in the account acts.
pub fn may_act_on_user(
    held: &[Grant],
    user_account: Option<i64>,
    user_grants: &[Grant],
    org: &impl Org,
) -> bool {
    held.iter().filter(|g| g.role.delegates()).any(|g| {
        let in_account = g.scope == Scope::Platform
            || (user_account.is_some() && account_of_scope(g.scope, org) == user_account);
        in_account
            && user_grants
                .iter()
                .all(|t| g.role.level() >= t.role.level() && contains(g.scope, t.scope, org))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delegation::OrgTree;
    use crate::roles::Role;

    fn org() -> OrgTree {
        OrgTree {
            accounts: vec![(1, vec![10, 11]), (2, vec![20])],
        }
    }
    fn g(role: Role, scope: Scope) -> Grant {
        Grant { role, scope }
    }
    const A1: Scope = Scope::Account { id: 1 };
    const C10: Scope = Scope::Channel { id: 10 };
    const C11: Scope = Scope::Channel { id: 11 };
    const C20: Scope = Scope::Channel { id: 20 };

    /// Clauses UQ-DELEGATE-CHANNEL, UQ-LEAST-PRIV: a Channel Manager acts on nobody
    /// holding a role above theirs, nor on anyone with a role outside their channel.
    #[test]
    fn uq_delegate_channel_lower_roles_do_not_act_on_higher_ones() {
        let o = org();
        let cm = [g(Role::ChannelManager, C10)];
        assert!(!may_act_on_user(
            &cm,
            Some(1),
            &[g(Role::AccountManager, A1)],
            &o
        ));
        assert!(!may_act_on_user(&cm, Some(1), &[g(Role::Viewer, C11)], &o));
        assert!(!may_act_on_user(
            &cm,
            Some(1),
            &[g(Role::Viewer, C10), g(Role::Viewer, C11)],
            &o
        ));
        assert!(may_act_on_user(&cm, Some(1), &[g(Role::Viewer, C10)], &o));
        assert!(may_act_on_user(
            &cm,
            Some(1),
            &[g(Role::ChannelManager, C10)],
            &o
        ));
        assert!(may_act_on_user(&cm, Some(1), &[], &o));
        assert!(!may_act_on_user(&cm, Some(2), &[], &o));
    }

    /// Clause UQ-LEAST-PRIV: one grant must cover the whole target, two half-grants do not.
    #[test]
    fn uq_least_priv_one_grant_covers_every_assignment() {
        let o = org();
        let two = [g(Role::ChannelManager, C10), g(Role::ChannelManager, C11)];
        let target = [g(Role::Viewer, C10), g(Role::Viewer, C11)];
        assert!(!may_act_on_user(&two, Some(1), &target, &o));
        let am = [g(Role::AccountManager, A1)];
        assert!(may_act_on_user(&am, Some(1), &target, &o));
        assert!(may_act_on_user(
            &am,
            Some(1),
            &[g(Role::AccountManager, A1)],
            &o
        ));
        assert!(!may_act_on_user(&am, Some(2), &[g(Role::Viewer, C20)], &o));
        assert!(!may_act_on_user(
            &am,
            Some(1),
            &[g(Role::ServiceOperator, Scope::Platform)],
            &o
        ));
        let editor = [g(Role::ChannelEditor, C10)];
        assert!(!may_act_on_user(
            &editor,
            Some(1),
            &[g(Role::Viewer, C10)],
            &o
        ));
        let op = [g(Role::ServiceOperator, Scope::Platform)];
        assert!(may_act_on_user(
            &op,
            Some(2),
            &[g(Role::AccountManager, Scope::Account { id: 2 })],
            &o
        ));
    }
}
