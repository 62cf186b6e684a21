//! Who may grant or revoke which role where (UQ-DELEGATE-ACCOUNT, UQ-DELEGATE-CHANNEL),
//! what a set of roles lets one see (UQ-SCOPE), and the last-Account-Manager rule.
//!
//! Pure: the org tree (which account a channel belongs to) is passed in by the caller,
//! so the service answers from its database and the console from what it fetched.

use crate::roles::{Level, Role, Scope};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;
use ts_rs::TS;

/// The org lookup containment needs: the account a channel belongs to.
pub trait Org {
    fn account_of(&self, channel: i64) -> Option<i64>;
}

/// A whole org tree: accounts and their channels, for enumerating what one may delegate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgTree {
    /// (account id, its channel ids)
    pub accounts: Vec<(i64, Vec<i64>)>,
}

impl Org for OrgTree {
    fn account_of(&self, channel: i64) -> Option<i64> {
        self.accounts
            .iter()
            .find(|(_, channels)| channels.contains(&channel))
            .map(|(a, _)| *a)
    }
}

impl OrgTree {
    /// Every scope of the tree, platform first.
    pub fn scopes(&self) -> Vec<Scope> {
        let mut all = vec![Scope::Platform];
        for (account, channels) in &self.accounts {
            all.push(Scope::Account { id: *account });
            all.extend(channels.iter().map(|&id| Scope::Channel { id }));
        }
        all
    }
}

/// A held role: what a user has, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct Grant {
    pub role: Role,
    pub scope: Scope,
}

impl PartialOrd for Scope {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scope {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.level(), self.id()).cmp(&(other.level(), other.id()))
    }
}

impl PartialOrd for Role {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Role {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |r: &Role| Role::ALL.iter().position(|x| x == r);
        rank(self).cmp(&rank(other))
    }
}

/// Why a grant or revocation is refused. Each has a stable code the service sends as
/// the problem `code`, so the console can name the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Refusal {
    /// The role does not live at that kind of scope (a Viewer of an account).
    #[error("a {role} is assigned at {expected:?} level, not at the given scope")]
    RoleScopeMismatch { role: &'static str, expected: Level },
    /// The acting user holds no role that delegates (Channel Editors and Viewers do not).
    #[error("only Service Operators, Account Managers and Channel Managers delegate roles")]
    NotADelegator,
    /// The role is above every delegating role the acting user holds.
    #[error("nobody grants or revokes a role above their own level")]
    AboveOwnLevel,
    /// None of the acting user's roles at a high enough level contains the scope.
    #[error("the scope is outside the scopes of your roles")]
    OutsideScope,
    /// The user belongs to another account than the scope.
    #[error("the user belongs to another account than the scope")]
    UserOutsideAccount,
    /// The revocation would leave an account without an Account Manager.
    #[error("an account keeps at least one Account Manager")]
    LastAccountManager,
}

impl Refusal {
    /// The problem code on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::RoleScopeMismatch { .. } => "role_scope_mismatch",
            Refusal::NotADelegator => "not_a_delegator",
            Refusal::AboveOwnLevel => "delegation_above_own_level",
            Refusal::OutsideScope => "delegation_outside_scope",
            Refusal::UserOutsideAccount => "user_outside_account",
            Refusal::LastAccountManager => "last_account_manager",
        }
    }
}

impl Role {
    /// Roles whose holders may delegate (UQ-LEAST-PRIV: editors and viewers do not).
    pub fn delegates(self) -> bool {
        matches!(
            self,
            Role::ServiceOperator | Role::AccountManager | Role::ChannelManager
        )
    }
}

/// Whether `outer` contains `inner` (UQ-SCOPE). A channel is in its account; an
/// unknown channel is in nothing but itself and the platform.
pub fn contains(outer: Scope, inner: Scope, org: &impl Org) -> bool {
    match (outer, inner) {
        (Scope::Platform, _) => true,
        (Scope::Account { id: a }, Scope::Account { id: b }) => a == b,
        (Scope::Account { id: a }, Scope::Channel { id: c }) => org.account_of(c) == Some(a),
        (Scope::Channel { id: a }, Scope::Channel { id: b }) => a == b,
        _ => false,
    }
}

/// The account a scope lies in; none for the platform or an unknown channel.
pub fn account_of_scope(scope: Scope, org: &impl Org) -> Option<i64> {
    match scope {
        Scope::Platform => None,
        Scope::Account { id } => Some(id),
        Scope::Channel { id } => org.account_of(id),
    }
}

/// Roles live at their own level only: an Account Manager of an account, a Viewer of a channel.
pub fn check_shape(role: Role, scope: Scope) -> Result<(), Refusal> {
    if role.level() == scope.level() {
        Ok(())
    } else {
        Err(Refusal::RoleScopeMismatch {
            role: role.display_name(),
            expected: role.level(),
        })
    }
}

/// May a user holding `held` grant or revoke `target` (UQ-DELEGATE-ACCOUNT,
/// UQ-DELEGATE-CHANNEL)? Needs a delegating role whose level is at least the role's
/// and whose scope contains the target scope. The most telling refusal is returned.
pub fn may_delegate(held: &[Grant], target: Grant, org: &impl Org) -> Result<(), Refusal> {
    check_shape(target.role, target.scope)?;
    let delegators: Vec<&Grant> = held.iter().filter(|g| g.role.delegates()).collect();
    if delegators.is_empty() {
        return Err(Refusal::NotADelegator);
    }
    let high_enough: Vec<&&Grant> = delegators
        .iter()
        .filter(|g| g.role.level() >= target.role.level())
        .collect();
    if high_enough.is_empty() {
        return Err(Refusal::AboveOwnLevel);
    }
    if high_enough
        .iter()
        .any(|g| contains(g.scope, target.scope, org))
    {
        Ok(())
    } else {
        Err(Refusal::OutsideScope)
    }
}

/// A grant to a user: the delegation rule, plus the user must belong to the scope's
/// account (platform roles go to users of no account or any; tenants stay apart).
pub fn may_grant(
    held: &[Grant],
    target: Grant,
    user_account: Option<i64>,
    org: &impl Org,
) -> Result<(), Refusal> {
    may_delegate(held, target, org)?;
    match account_of_scope(target.scope, org) {
        Some(account) if user_account != Some(account) => Err(Refusal::UserOutsideAccount),
        _ => Ok(()),
    }
}

/// A revocation: the delegation rule, and an account keeps at least one Account
/// Manager. `account_managers_left` counts the account's Account Manager assignments
/// held by users who are not blocked, this one included.
pub fn may_revoke(
    held: &[Grant],
    target: Grant,
    account_managers_left: usize,
    org: &impl Org,
) -> Result<(), Refusal> {
    may_delegate(held, target, org)?;
    if target.role == Role::AccountManager && account_managers_left <= 1 {
        return Err(Refusal::LastAccountManager);
    }
    Ok(())
}

/// Every (role, scope) of the tree the holder of `held` may grant or revoke: what the
/// console's dialogs offer, computed by the rule the service enforces.
pub fn delegable(held: &[Grant], org: &OrgTree) -> Vec<Grant> {
    let mut out = Vec::new();
    for scope in org.scopes() {
        for role in Role::ALL {
            let g = Grant { role, scope };
            if may_delegate(held, g, org).is_ok() {
                out.push(g);
            }
        }
    }
    out
}

/// What a set of roles lets its holder see and do: the preview a dialog shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Access {
    #[ts(type = "Array<number>")]
    pub accounts: Vec<i64>,
    #[ts(type = "Array<number>")]
    pub channels: Vec<i64>,
    /// Roles and scopes this holder may grant and revoke.
    pub may_delegate: Vec<Grant>,
    pub sees_all_users: bool,
}

/// The accounts and channels `held` lets one see (UQ-SCOPE), and what it delegates.
pub fn access(held: &[Grant], org: &OrgTree) -> Access {
    let mut accounts = BTreeSet::new();
    let mut channels = BTreeSet::new();
    for (account, chans) in &org.accounts {
        for &c in chans {
            let here = Scope::Channel { id: c };
            if held.iter().any(|g| contains(g.scope, here, org)) {
                accounts.insert(*account);
                channels.insert(c);
            }
        }
        let whole = Scope::Account { id: *account };
        if held.iter().any(|g| contains(g.scope, whole, org)) {
            accounts.insert(*account);
        }
    }
    Access {
        accounts: accounts.into_iter().collect(),
        channels: channels.into_iter().collect(),
        may_delegate: delegable(held, org),
        sees_all_users: held.iter().any(|g| g.scope == Scope::Platform),
    }
}

/// May the holder of `held` see a user of `user_account` who holds `user_grants`
/// (UQ-SCOPE)? Platform roles see everyone; account roles their account's users;
/// Channel Managers their account's users (to delegate to them); channel editors and
/// viewers only the people who share one of their channels.
pub fn may_see_user(
    held: &[Grant],
    user_account: Option<i64>,
    user_grants: &[Grant],
    org: &impl Org,
) -> bool {
    held.iter().any(|g| match g.scope {
        Scope::Platform => true,
        Scope::Account { id } => user_account == Some(id),
        Scope::Channel { id } if g.role.delegates() => {
            user_account.is_some() && org.account_of(id) == user_account
        }
        Scope::Channel { .. } => user_grants.iter().any(|u| u.scope == g.scope),
    })
}

/// May the holder of `held` see an assignment at `scope` (UQ-SCOPE)?
pub fn may_see_scope(held: &[Grant], scope: Scope, org: &impl Org) -> bool {
    held.iter().any(|g| contains(g.scope, scope, org))
}

/// May the holder of `held` manage (unlock, read security settings of) users of
/// `account`? Managers whose scope lies in or contains the account.
pub fn manages_account(held: &[Grant], account: Option<i64>, org: &impl Org) -> bool {
    held.iter().any(|g| {
        g.role.delegates()
            && match g.scope {
                Scope::Platform => true,
                other => account.is_some() && account_of_scope(other, org) == account,
            }
    })
}

/// May the holder of `held` change an account's security settings? Account Managers
/// of that account and Service Operators.
pub fn administers_account(held: &[Grant], account: i64) -> bool {
    held.iter().any(|g| match (g.role, g.scope) {
        (Role::ServiceOperator, Scope::Platform) => true,
        (Role::AccountManager, Scope::Account { id }) => id == account,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> OrgTree {
        OrgTree {
            accounts: vec![(1, vec![10, 11]), (2, vec![20])],
        }
    }
    fn g(role: Role, scope: Scope) -> Grant {
        Grant { role, scope }
    }
    const A1: Scope = Scope::Account { id: 1 };
    const A2: Scope = Scope::Account { id: 2 };
    const C10: Scope = Scope::Channel { id: 10 };
    const C11: Scope = Scope::Channel { id: 11 };
    const C20: Scope = Scope::Channel { id: 20 };

    /// Clause UQ-DELEGATE-ACCOUNT: an Account Manager delegates at account level and
    /// lower inside the account, never above it nor in another account.
    #[test]
    fn uq_delegate_account_inside_own_account_only() {
        let am = [g(Role::AccountManager, A1)];
        let o = org();
        assert_eq!(may_delegate(&am, g(Role::AccountManager, A1), &o), Ok(()));
        assert_eq!(may_delegate(&am, g(Role::ChannelManager, C10), &o), Ok(()));
        assert_eq!(may_delegate(&am, g(Role::Viewer, C11), &o), Ok(()));
        assert_eq!(
            may_delegate(&am, g(Role::AccountManager, A2), &o),
            Err(Refusal::OutsideScope)
        );
        assert_eq!(
            may_delegate(&am, g(Role::Viewer, C20), &o),
            Err(Refusal::OutsideScope)
        );
        assert_eq!(
            may_delegate(&am, g(Role::ServiceOperator, Scope::Platform), &o),
            Err(Refusal::AboveOwnLevel)
        );
    }

    /// Clause UQ-DELEGATE-CHANNEL: a Channel Manager delegates channel roles in their
    /// channel only.
    #[test]
    fn uq_delegate_channel_inside_own_channel_only() {
        let cm = [g(Role::ChannelManager, C10)];
        let o = org();
        assert_eq!(may_delegate(&cm, g(Role::ChannelManager, C10), &o), Ok(()));
        assert_eq!(may_delegate(&cm, g(Role::Viewer, C10), &o), Ok(()));
        assert_eq!(
            may_delegate(&cm, g(Role::Viewer, C11), &o),
            Err(Refusal::OutsideScope)
        );
        assert_eq!(
            may_delegate(&cm, g(Role::AccountManager, A1), &o),
            Err(Refusal::AboveOwnLevel)
        );
    }

    /// Clause UQ-LEAST-PRIV: editors and viewers delegate nothing, even in their channel.
    #[test]
    fn uq_least_priv_editors_and_viewers_do_not_delegate() {
        let o = org();
        for role in [Role::ChannelEditor, Role::Viewer] {
            assert_eq!(
                may_delegate(&[g(role, C10)], g(Role::Viewer, C10), &o),
                Err(Refusal::NotADelegator)
            );
            assert!(delegable(&[g(role, C10)], &o).is_empty());
        }
    }

    /// Clause UQ-RBAC: a role is assigned at its own level only.
    #[test]
    fn uq_rbac_role_lives_at_its_level() {
        let op = [g(Role::ServiceOperator, Scope::Platform)];
        let o = org();
        assert!(matches!(
            may_delegate(&op, g(Role::Viewer, A1), &o),
            Err(Refusal::RoleScopeMismatch { .. })
        ));
        assert!(matches!(
            may_delegate(&op, g(Role::AccountManager, Scope::Platform), &o),
            Err(Refusal::RoleScopeMismatch { .. })
        ));
        assert_eq!(
            may_delegate(&op, g(Role::ServiceOperator, Scope::Platform), &o),
            Ok(())
        );
    }

    #[test]
    fn last_account_manager_is_kept() {
        let am = [g(Role::AccountManager, A1)];
        let o = org();
        let target = g(Role::AccountManager, A1);
        assert_eq!(
            may_revoke(&am, target, 1, &o),
            Err(Refusal::LastAccountManager)
        );
        assert_eq!(may_revoke(&am, target, 2, &o), Ok(()));
        assert_eq!(may_revoke(&am, g(Role::Viewer, C10), 1, &o), Ok(()));
    }

    /// Clause UQ-SCOPE: grants stay inside the user's own account.
    #[test]
    fn uq_scope_grants_stay_in_the_users_account() {
        let op = [g(Role::ServiceOperator, Scope::Platform)];
        let o = org();
        assert_eq!(
            may_grant(&op, g(Role::Viewer, C20), Some(1), &o),
            Err(Refusal::UserOutsideAccount)
        );
        assert_eq!(may_grant(&op, g(Role::Viewer, C20), Some(2), &o), Ok(()));
        assert_eq!(
            may_grant(&op, g(Role::ServiceOperator, Scope::Platform), Some(2), &o),
            Ok(())
        );
    }

    /// Clause UQ-SCOPE: what one sees follows one's roles.
    #[test]
    fn uq_scope_access_follows_roles() {
        let o = org();
        let cm = access(&[g(Role::ChannelManager, C11)], &o);
        assert_eq!(cm.accounts, vec![1]);
        assert_eq!(cm.channels, vec![11]);
        assert!(!cm.sees_all_users);
        assert_eq!(cm.may_delegate.len(), 3);
        let am = access(&[g(Role::AccountManager, A1)], &o);
        assert_eq!(am.channels, vec![10, 11]);
        let op = access(&[g(Role::ServiceOperator, Scope::Platform)], &o);
        assert_eq!(op.accounts, vec![1, 2]);
        assert!(op.sees_all_users);
        let viewer = [g(Role::Viewer, C10)];
        assert!(may_see_user(&viewer, Some(1), &[g(Role::Viewer, C10)], &o));
        assert!(!may_see_user(&viewer, Some(1), &[g(Role::Viewer, C11)], &o));
        assert!(may_see_user(
            &[g(Role::ChannelManager, C10)],
            Some(1),
            &[],
            &o
        ));
        assert!(!may_see_user(
            &[g(Role::ChannelManager, C10)],
            Some(2),
            &[],
            &o
        ));
        assert!(manages_account(
            &[g(Role::ChannelManager, C10)],
            Some(1),
            &o
        ));
        assert!(!manages_account(&viewer, Some(1), &o));
        assert!(administers_account(&[g(Role::AccountManager, A1)], 1));
        assert!(!administers_account(&[g(Role::ChannelManager, C10)], 1));
    }

    #[test]
    fn refusal_codes_are_distinct() {
        let all = [
            Refusal::RoleScopeMismatch {
                role: "x",
                expected: Level::Channel,
            },
            Refusal::NotADelegator,
            Refusal::AboveOwnLevel,
            Refusal::OutsideScope,
            Refusal::UserOutsideAccount,
            Refusal::LastAccountManager,
        ];
        let codes: BTreeSet<&str> = all.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), all.len());
    }
}
