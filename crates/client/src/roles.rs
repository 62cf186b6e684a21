//! Granting and revoking roles.

use crate::{Client, ClientError};
use admin_api::{GrantRequest, RevocationReceipt, RoleAssignment};
use reqwest::Method;

impl Client {
    pub async fn grant_role(&self, req: &GrantRequest) -> Result<RoleAssignment, ClientError> {
        self.json(Method::POST, "api/v1/role-assignments", Some(req))
            .await
    }

    pub async fn revoke_role(&self, assignment_id: i64) -> Result<RevocationReceipt, ClientError> {
        let path = format!("api/v1/role-assignments/{assignment_id}");
        self.json(Method::DELETE, &path, None::<&()>).await
    }
}
