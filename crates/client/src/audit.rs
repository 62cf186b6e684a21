//! The audit feed, and the console's own audit events sent back to it.

use crate::{Client, ClientError};
use admin_api::AuditPage;
use reqwest::Method;

impl Client {
    pub async fn audit_page(&self, after: i64, limit: u32) -> Result<AuditPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/audit?after={after}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    /// Sends what the console's user did with the cached log (audit the auditor).
    pub async fn send_console_audit(
        &self,
        batch: &admin_api::audit::ConsoleAuditBatch,
    ) -> Result<(), ClientError> {
        self.send(Method::POST, "api/v1/audit/console-events", Some(batch))
            .await
            .map(drop)
    }
}
