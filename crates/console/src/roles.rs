//! The Roles panel's logic: the org tree, what the signed-in manager may delegate and
//! the preview of a user's access after a change, all computed by `admin_policy`, the
//! same code the service enforces with.

use crate::error::CommandError;
use crate::host::Host;
use crate::kept::Kept;
use admin_api::{
    Account, BlockReceipt, Channel, GrantRequest, RevocationReceipt, Role, RoleAssignment, Scope,
    SecuritySettings, TwoFactorReset, User, UserPage, UserStatus, UserSummary,
};
use admin_policy::delegation::{self, Access, Grant, OrgTree};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountNode {
    pub account: Account,
    pub channels: Vec<Channel>,
}

/// What the panel needs first: the tree, and what the manager may hand out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RolesOverview {
    pub tree: Vec<AccountNode>,
    /// Every role and scope the signed-in manager may grant and revoke.
    pub delegable: Vec<Grant>,
    /// Accounts whose security settings the manager may change.
    #[ts(type = "Array<number>")]
    pub administers: Vec<i64>,
    /// Service Operators block and unblock users (UQ-BLOCK).
    pub may_block: bool,
}

/// The panel's offline copies (`admin_cache` snapshots) are keyed `roles-<kind>`.
fn snapshot_key(kind: &str) -> String {
    format!("roles-{kind}")
}

/// Every user the manager may see, saved by the full sync (`crate::offline`); offline it
/// answers for any filter and any user's drawer, where the panel's own first page cannot.
const ALL_USERS: &str = "all-users";
/// The most users one page of the service holds.
const PAGE_MAX: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct UserFilter {
    pub q: Option<String>,
    pub role: Option<Role>,
    pub locked: Option<bool>,
    pub blocked: Option<bool>,
    /// The org tree's selection: members of this account.
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    /// The org tree's selection: users holding a role in this channel.
    #[ts(type = "number | null")]
    pub channel_id: Option<i64>,
    #[ts(type = "number | null")]
    pub after: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccessChange {
    Grant {
        role: Role,
        scope: Scope,
    },
    Revoke {
        #[ts(type = "number")]
        assignment_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccessPreview {
    pub before: Access,
    pub after: Access,
}

fn grants(assignments: &[RoleAssignment]) -> Vec<Grant> {
    assignments
        .iter()
        .map(|a| Grant {
            role: a.role,
            scope: a.scope,
        })
        .collect()
}

fn org_of(tree: &[AccountNode]) -> OrgTree {
    OrgTree {
        accounts: tree
            .iter()
            .map(|n| (n.account.id, n.channels.iter().map(|c| c.id).collect()))
            .collect(),
    }
}

/// The service's filters, applied to the offline copy of the first page.
fn filter_offline(page: UserPage, filter: &UserFilter, now: DateTime<Utc>) -> UserPage {
    if filter.after.is_some() {
        return UserPage {
            users: Vec::new(),
            next_after: None,
        };
    }
    let q = filter.q.as_deref().map(|q| q.trim().to_lowercase());
    let users = page
        .users
        .into_iter()
        .filter(|s| {
            let u = &s.user;
            let text = [
                Some(&u.username),
                Some(&u.display_name),
                u.email.as_ref(),
                u.phone.as_ref(),
            ];
            q.as_deref()
                .is_none_or(|q| text.iter().flatten().any(|t| t.to_lowercase().contains(q)))
                && filter
                    .role
                    .is_none_or(|r| s.assignments.iter().any(|a| a.role == r))
                && filter
                    .blocked
                    .is_none_or(|b| (u.status == UserStatus::Blocked) == b)
                && filter
                    .locked
                    .is_none_or(|l| u.locked_until.is_some_and(|t| t > now) == l)
                && filter.account_id.is_none_or(|a| u.account_id == Some(a))
                && filter.channel_id.is_none_or(|c| {
                    s.assignments
                        .iter()
                        .any(|a| a.scope == Scope::Channel { id: c })
                })
        })
        .collect();
    UserPage {
        users,
        next_after: page.next_after.filter(|_| filter == &UserFilter::default()),
    }
}

async fn save_snapshot<T: Serialize>(
    host: &impl Host,
    kind: &str,
    value: &T,
) -> Result<(), CommandError> {
    let Some(profile) = host.profile_id().await else {
        return Ok(());
    };
    let json = serde_json::to_string(value).map_err(|e| CommandError::internal(e.to_string()))?;
    host.cache()
        .save_snapshot(&profile, &snapshot_key(kind), &json, host.now())
        .await?;
    Ok(())
}

/// The offline copy when the service is unreachable; any other error stands.
async fn offline_copy<T: DeserializeOwned>(
    host: &impl Host,
    kind: &str,
    err: CommandError,
) -> Result<(T, DateTime<Utc>), CommandError> {
    if !matches!(err, CommandError::Offline { .. }) {
        return Err(err);
    }
    let Some(profile) = host.profile_id().await else {
        return Err(err);
    };
    match host.cache().snapshot(&profile, &snapshot_key(kind)).await? {
        Some((json, at)) => match serde_json::from_str::<T>(&json) {
            Ok(value) => Ok((value, at)),
            Err(_) => Err(err),
        },
        None => Err(err),
    }
}

/// Offline: every user as the last full sync read them, else the panel's last first page.
async fn offline_users(
    host: &impl Host,
    err: CommandError,
) -> Result<(UserPage, DateTime<Utc>), CommandError> {
    match offline_copy::<UserPage>(host, ALL_USERS, err).await {
        Err(err @ CommandError::Offline { .. }) => offline_copy(host, "users", err).await,
        other => other,
    }
}

/// Reads every page of users and keeps them as one copy, with their assignments.
pub async fn sync_all_users(host: &impl Host) -> Result<usize, CommandError> {
    let client = host.client().await?;
    let mut users = Vec::new();
    let mut after: Option<i64> = None;
    loop {
        let mut query = vec![("limit", PAGE_MAX.to_string())];
        if let Some(after) = after {
            query.push(("after", after.to_string()));
        }
        let page = host.after_call(client.users(&query).await).await?;
        users.extend(page.users);
        match page.next_after {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let count = users.len();
    let all = UserPage {
        users,
        next_after: None,
    };
    save_snapshot(host, ALL_USERS, &all).await?;
    Ok(count)
}

async fn tree(host: &impl Host) -> Result<Vec<AccountNode>, CommandError> {
    let client = host.client().await?;
    let accounts = host.after_call(client.accounts().await).await?;
    let mut tree = Vec::new();
    for account in accounts {
        let channels = host.after_call(client.channels(account.id).await).await?;
        tree.push(AccountNode { account, channels });
    }
    Ok(tree)
}

async fn live_overview(host: &impl Host) -> Result<RolesOverview, CommandError> {
    let client = host.client().await?;
    // Read fresh: a role revoked a moment ago must not be offered (UQ-REVOKE-LIVE).
    let me = host.after_call(client.me().await).await?;
    let tree = tree(host).await?;
    let held = grants(&me.assignments);
    let org = org_of(&tree);
    Ok(RolesOverview {
        delegable: delegation::delegable(&held, &org),
        administers: tree
            .iter()
            .map(|n| n.account.id)
            .filter(|&id| delegation::administers_account(&held, id))
            .collect(),
        may_block: held.iter().any(|g| g.role == Role::ServiceOperator),
        tree,
    })
}

async fn live_users(host: &impl Host, filter: UserFilter) -> Result<UserPage, CommandError> {
    let mut query: Vec<(&str, String)> = vec![("limit", "50".into())];
    if let Some(q) = filter.q.filter(|q| !q.trim().is_empty()) {
        query.push(("q", q.trim().to_string()));
    }
    if let Some(role) = filter.role {
        query.push(("role", role.as_str().into()));
    }
    if let Some(locked) = filter.locked {
        query.push(("locked", locked.to_string()));
    }
    if let Some(blocked) = filter.blocked {
        query.push(("blocked", blocked.to_string()));
    }
    if let Some(account) = filter.account_id {
        query.push(("account", account.to_string()));
    }
    if let Some(channel) = filter.channel_id {
        query.push(("channel", channel.to_string()));
    }
    if let Some(after) = filter.after {
        query.push(("after", after.to_string()));
    }
    let client = host.client().await?;
    host.after_call(client.users(&query).await).await
}

async fn live_user(host: &impl Host, user_id: i64) -> Result<UserSummary, CommandError> {
    let client = host.client().await?;
    host.after_call(client.user(user_id).await).await
}

crate::commands! {
    host;
    panel: "roles";
    pub async fn roles_overview(host) -> Kept<RolesOverview> {
        match live_overview(host).await {
            Ok(overview) => {
                save_snapshot(host, "overview", &overview).await?;
                Ok(Kept::fresh(overview, host.now()))
            }
            Err(err) => {
                let (overview, at) = offline_copy::<RolesOverview>(host, "overview", err).await?;
                Ok(Kept::cached(overview, at))
            }
        }
    }

    /// Users as filtered; offline, the first unfiltered page as last read, filtered here.
    pub async fn roles_list_users(host, filter: UserFilter) -> Kept<UserPage> {
        let first_page = filter == UserFilter::default();
        match live_users(host, filter.clone()).await {
            Ok(page) => {
                if first_page {
                    save_snapshot(host, "users", &page).await?;
                }
                Ok(Kept::fresh(page, host.now()))
            }
            Err(err) => {
                let (page, at) = offline_users(host, err).await?;
                Ok(Kept::cached(filter_offline(page, &filter, host.now()), at))
            }
        }
    }

    /// One user for the drawer; offline, the copy saved when it was last opened, or else
    /// the user's row of the saved first page of users.
    pub async fn roles_user_detail(host, user_id: i64) -> Kept<UserSummary> {
        let kind = format!("user_{user_id}");
        let err = match live_user(host, user_id).await {
            Ok(summary) => {
                save_snapshot(host, &kind, &summary).await?;
                return Ok(Kept::fresh(summary, host.now()));
            }
            Err(err) => err,
        };
        let (summary, at) = match offline_copy::<UserSummary>(host, &kind, err).await {
            Ok(copy) => copy,
            Err(err) => {
                let (page, at) = offline_users(host, err.clone()).await?;
                let row = page.users.into_iter().find(|s| s.user.id == user_id);
                (row.ok_or(err)?, at)
            }
        };
        Ok(Kept::cached(summary, at))
    }

    /// The user's access before and after a grant or revocation, for the dialog.
    pub async fn roles_preview_access(
        host,
        user_id: i64,
        change: AccessChange,
    ) -> AccessPreview {
        let user = live_user(host, user_id).await?;
        let org = org_of(&tree(host).await?);
        let before = grants(&user.assignments);
        let after: Vec<Grant> = match change {
            AccessChange::Grant { role, scope } => {
                let mut all = before.clone();
                all.push(Grant { role, scope });
                all
            }
            AccessChange::Revoke { assignment_id } => grants(
                &user
                    .assignments
                    .iter()
                    .filter(|a| a.id != assignment_id)
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
        };
        Ok(AccessPreview {
            before: delegation::access(&before, &org),
            after: delegation::access(&after, &org),
        })
    }

    pub async fn roles_grant(host, request: GrantRequest) -> RoleAssignment {
        let client = host.client().await?;
        host.after_call(client.grant_role(&request).await).await
    }

    pub async fn roles_revoke(host, assignment_id: i64) -> RevocationReceipt {
        let client = host.client().await?;
        host.after_call(client.revoke_role(assignment_id).await)
            .await
    }

    pub async fn roles_unlock_user(host, user_id: i64) -> User {
        let client = host.client().await?;
        host.after_call(client.unlock_user(user_id).await).await
    }

    /// Clears the user's authenticator (a lost phone): they enrol again at their next
    /// sign-in. Managers in scope only; the service decides and tells the user.
    pub async fn roles_reset_two_factor(host, user_id: i64) -> TwoFactorReset {
        let client = host.client().await?;
        host.after_call(client.reset_two_factor(user_id).await)
            .await
    }

    pub async fn roles_security_settings(host, account_id: i64) -> SecuritySettings {
        let client = host.client().await?;
        let key = snapshot_key(&format!("security-{account_id}"));
        crate::kept::fetched_or_copy(host, &key, client.security_settings(account_id).await)
            .await
    }

    pub async fn roles_save_security_settings(
        host,
        account_id: i64,
        settings: SecuritySettings,
    ) -> SecuritySettings {
        let client = host.client().await?;
        host.after_call(client.set_security_settings(account_id, &settings).await)
            .await
    }

    /// Blocks a user; the receipt says how many of their sessions ended (UQ-BLOCK).
    pub async fn roles_block_user(host, user_id: i64) -> BlockReceipt {
        let client = host.client().await?;
        host.after_call(client.block_user(user_id).await).await
    }

    pub async fn roles_unblock_user(host, user_id: i64) -> User {
        let client = host.client().await?;
        host.after_call(client.unblock_user(user_id).await).await
    }
}
