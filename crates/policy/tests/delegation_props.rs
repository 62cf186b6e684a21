//! Property tests of delegation over random org trees and random operation sequences
//! (UQ-DELEGATE-ACCOUNT, UQ-DELEGATE-CHANNEL, UQ-SCOPE, UQ-LEAST-PRIV): whatever anyone
//! tries, no one ends up with a role above the level, or outside the scope, of the
//! authority that handed it out.

use admin_policy::delegation::{may_grant, may_revoke, Grant, Org, OrgTree};
use admin_policy::roles::{Level, Role, Scope};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct World {
    org: OrgTree,
    /// Each user's account (None: a platform user).
    users: Vec<Option<i64>>,
    /// (user index, grant)
    held: Vec<(usize, Grant)>,
}

#[derive(Debug, Clone)]
enum Op {
    Grant {
        actor: usize,
        target: usize,
        role: usize,
        scope: usize,
    },
    Revoke {
        actor: usize,
        pick: usize,
    },
}

/// Containment written out again, independently of the crate, as the oracle.
fn within(outer: Scope, inner: Scope, org: &OrgTree) -> bool {
    match (outer, inner) {
        (Scope::Platform, _) => true,
        (Scope::Account { id: a }, Scope::Account { id: b }) => a == b,
        (Scope::Account { id: a }, Scope::Channel { id: c }) => org
            .accounts
            .iter()
            .any(|(acc, chans)| *acc == a && chans.contains(&c)),
        (Scope::Channel { id: a }, Scope::Channel { id: b }) => a == b,
        _ => false,
    }
}

fn authority_covers(authority: &[Grant], g: Grant, org: &OrgTree) -> bool {
    authority.iter().any(|a| {
        matches!(
            a.role,
            Role::ServiceOperator | Role::AccountManager | Role::ChannelManager
        ) && a.role.level() >= g.role.level()
            && within(a.scope, g.scope, org)
    })
}

fn world() -> impl Strategy<Value = World> {
    (1usize..4, 1usize..4, 2usize..9, any::<bool>())
        .prop_flat_map(|(accounts, per, n_users, operator)| {
            let org = OrgTree {
                accounts: (0..accounts as i64)
                    .map(|a| {
                        let first = 100 + a * 10;
                        (a + 1, (first..first + per as i64).collect())
                    })
                    .collect(),
            };
            let user_accounts = proptest::collection::vec(
                proptest::option::weighted(0.85, 1..=accounts as i64),
                n_users,
            );
            let seeds = proptest::collection::vec((0..n_users, 0..5usize, 0..64usize), 0..10);
            (Just(org), user_accounts, seeds, Just(operator))
        })
        .prop_map(|(org, users, seeds, operator)| {
            let mut held = Vec::new();
            if operator {
                held.push((
                    0,
                    Grant {
                        role: Role::ServiceOperator,
                        scope: Scope::Platform,
                    },
                ));
            }
            for (user, role_ix, scope_ix) in seeds {
                let role = Role::ALL[role_ix];
                let Some(account) = users[user] else { continue };
                let chans = &org.accounts[(account - 1) as usize].1;
                let scope = match role.level() {
                    Level::Platform => continue,
                    Level::Account => Scope::Account { id: account },
                    Level::Channel => Scope::Channel {
                        id: chans[scope_ix % chans.len()],
                    },
                };
                let g = Grant { role, scope };
                if !held.contains(&(user, g)) {
                    held.push((user, g));
                }
            }
            World { org, users, held }
        })
}

fn ops(n_users: usize) -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        3 => (0..n_users, 0..n_users, 0..5usize, 0..32usize)
            .prop_map(|(actor, target, role, scope)| Op::Grant { actor, target, role, scope }),
        1 => (0..n_users, 0..64usize).prop_map(|(actor, pick)| Op::Revoke { actor, pick }),
    ];
    proptest::collection::vec(op, 0..40)
}

fn grants_of(held: &[(usize, Grant)], user: usize) -> Vec<Grant> {
    held.iter()
        .filter(|(u, _)| *u == user)
        .map(|(_, g)| *g)
        .collect()
}

fn account_managers(held: &[(usize, Grant)], account: i64) -> usize {
    held.iter()
        .filter(|(_, g)| {
            g.role == Role::AccountManager && g.scope == Scope::Account { id: account }
        })
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Clauses UQ-DELEGATE-ACCOUNT, UQ-DELEGATE-CHANNEL, UQ-SCOPE, UQ-LEAST-PRIV: every
    /// assignment that ever exists is covered by the initial delegating authority, every
    /// allowed change was covered by the actor's roles at that moment, tenants stay apart,
    /// and accounts that had an Account Manager keep one.
    #[test]
    fn uq_delegate_no_sequence_escalates((w, ops) in world().prop_flat_map(|w| {
        let n = w.users.len();
        (Just(w), ops(n))
    })) {
        let initial: Vec<Grant> = w.held.iter().map(|(_, g)| *g).collect();
        let had_manager: Vec<i64> = w.org.accounts.iter().map(|(a, _)| *a)
            .filter(|a| account_managers(&w.held, *a) > 0).collect();
        let scopes = w.org.scopes();
        let mut held = w.held.clone();
        for op in ops {
            match op {
                Op::Grant { actor, target, role, scope } => {
                    let g = Grant { role: Role::ALL[role], scope: scopes[scope % scopes.len()] };
                    let mine = grants_of(&held, actor);
                    if may_grant(&mine, g, w.users[target], &w.org).is_ok() {
                        prop_assert!(authority_covers(&mine, g, &w.org),
                            "user {actor} granted {g:?} holding only {mine:?}");
                        if !held.contains(&(target, g)) {
                            held.push((target, g));
                        }
                    }
                }
                Op::Revoke { actor, pick } => {
                    if held.is_empty() { continue; }
                    let ix = pick % held.len();
                    let (_, g) = held[ix];
                    let mine = grants_of(&held, actor);
                    let left = match g.scope {
                        Scope::Account { id } => account_managers(&held, id),
                        _ => 0,
                    };
                    if may_revoke(&mine, g, left, &w.org).is_ok() {
                        prop_assert!(authority_covers(&mine, g, &w.org),
                            "user {actor} revoked {g:?} holding only {mine:?}");
                        held.remove(ix);
                    }
                }
            }
            for (user, g) in &held {
                prop_assert!(initial.contains(g) || authority_covers(&initial, *g, &w.org),
                    "{g:?} of user {user} is above or outside every initial authority");
                prop_assert_eq!(g.role.level(), g.scope.level());
                if let Some(account) = match g.scope {
                    Scope::Platform => None,
                    Scope::Account { id } => Some(id),
                    Scope::Channel { id } => w.org.account_of(id),
                } {
                    prop_assert!(initial.contains(g) || w.users[*user] == Some(account),
                        "user {user} of {:?} got {g:?} in account {account}", w.users[*user]);
                }
            }
            for a in &had_manager {
                prop_assert!(account_managers(&held, *a) >= 1, "account {a} lost its last manager");
            }
        }
        // Without a Service Operator nobody ever reaches the platform.
        if !initial.iter().any(|g| g.role == Role::ServiceOperator) {
            prop_assert!(held.iter().all(|(_, g)| g.scope != Scope::Platform));
        }
    }

    /// Clause UQ-LEAST-PRIV: a user with only editor and viewer roles changes nothing.
    #[test]
    fn uq_least_priv_non_delegators_change_nothing(w in world(), role in 0..5usize, scope in 0..32usize) {
        let scopes = w.org.scopes();
        for user in 0..w.users.len() {
            let mine = grants_of(&w.held, user);
            if mine.iter().all(|g| matches!(g.role, Role::ChannelEditor | Role::Viewer)) {
                let g = Grant { role: Role::ALL[role], scope: scopes[scope % scopes.len()] };
                prop_assert!(may_grant(&mine, g, w.users[user], &w.org).is_err());
                prop_assert!(may_revoke(&mine, g, 2, &w.org).is_err());
            }
        }
    }
}
