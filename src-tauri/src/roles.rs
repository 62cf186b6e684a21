//! The Roles panel's logic: the org tree, what the signed-in manager may delegate and
//! the preview of a user's access after a change, all computed by `admin_policy`, the
//! same code the service enforces with.

use crate::console::Console;
use crate::error::CommandError;
use admin_api::{
    Account, BlockReceipt, Channel, GrantRequest, RevocationReceipt, Role, RoleAssignment, Scope,
    SecuritySettings, User, UserPage, UserSummary,
};
use admin_policy::delegation::{self, Access, Grant, OrgTree};
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct UserFilter {
    pub q: Option<String>,
    pub role: Option<Role>,
    pub locked: Option<bool>,
    pub blocked: Option<bool>,
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

impl Console {
    async fn tree(&self) -> Result<Vec<AccountNode>, CommandError> {
        let client = self.client().await?;
        let accounts = self.after_call(client.accounts().await).await?;
        let mut tree = Vec::new();
        for account in accounts {
            let channels = self.after_call(client.channels(account.id).await).await?;
            tree.push(AccountNode { account, channels });
        }
        Ok(tree)
    }

    pub async fn roles_overview(&self) -> Result<RolesOverview, CommandError> {
        let client = self.client().await?;
        // Read fresh: a role revoked a moment ago must not be offered (UQ-REVOKE-LIVE).
        let me = self.after_call(client.me().await).await?;
        let tree = self.tree().await?;
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

    /// Blocks a user; the receipt says how many of their sessions ended (UQ-BLOCK).
    pub async fn block_user(&self, user_id: i64) -> Result<BlockReceipt, CommandError> {
        let client = self.client().await?;
        self.after_call(client.block_user(user_id).await).await
    }

    pub async fn unblock_user(&self, user_id: i64) -> Result<User, CommandError> {
        let client = self.client().await?;
        self.after_call(client.unblock_user(user_id).await).await
    }

    pub async fn list_users(&self, filter: UserFilter) -> Result<UserPage, CommandError> {
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
        if let Some(after) = filter.after {
            query.push(("after", after.to_string()));
        }
        let client = self.client().await?;
        self.after_call(client.users(&query).await).await
    }

    pub async fn user_detail(&self, user_id: i64) -> Result<UserSummary, CommandError> {
        let client = self.client().await?;
        self.after_call(client.user(user_id).await).await
    }

    /// The user's access before and after a grant or revocation, for the dialog.
    pub async fn preview_access(
        &self,
        user_id: i64,
        change: AccessChange,
    ) -> Result<AccessPreview, CommandError> {
        let user = self.user_detail(user_id).await?;
        let org = org_of(&self.tree().await?);
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

    pub async fn grant_role(&self, request: GrantRequest) -> Result<RoleAssignment, CommandError> {
        let client = self.client().await?;
        self.after_call(client.grant_role(&request).await).await
    }

    pub async fn revoke_role(&self, assignment_id: i64) -> Result<RevocationReceipt, CommandError> {
        let client = self.client().await?;
        self.after_call(client.revoke_role(assignment_id).await)
            .await
    }

    pub async fn unlock_user(&self, user_id: i64) -> Result<User, CommandError> {
        let client = self.client().await?;
        self.after_call(client.unlock_user(user_id).await).await
    }

    pub async fn security_settings(
        &self,
        account_id: i64,
    ) -> Result<SecuritySettings, CommandError> {
        let client = self.client().await?;
        self.after_call(client.security_settings(account_id).await)
            .await
    }

    pub async fn save_security_settings(
        &self,
        account_id: i64,
        settings: SecuritySettings,
    ) -> Result<SecuritySettings, CommandError> {
        let client = self.client().await?;
        self.after_call(client.set_security_settings(account_id, &settings).await)
            .await
    }
}
