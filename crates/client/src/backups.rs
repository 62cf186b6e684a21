//! Nightly backups, restore drills, backup alerts and restore requests.

use crate::{Client, ClientError};
use reqwest::Method;

impl Client {
    /// Every nightly backup on record, newest first (kept, failed and pruned ones).
    pub async fn backups(&self) -> Result<Vec<admin_api::Backup>, ClientError> {
        self.json(Method::GET, "api/v1/backups", None::<&()>).await
    }

    pub async fn backup(&self, id: i64) -> Result<admin_api::Backup, ClientError> {
        self.json(Method::GET, &format!("api/v1/backups/{id}"), None::<&()>)
            .await
    }

    pub async fn backup_drills(&self) -> Result<Vec<admin_api::BackupDrill>, ClientError> {
        self.json(Method::GET, "api/v1/backup-drills", None::<&()>)
            .await
    }

    pub async fn backup_alerts(&self) -> Result<Vec<admin_api::BackupAlert>, ClientError> {
        self.json(Method::GET, "api/v1/backup-alerts", None::<&()>)
            .await
    }

    pub async fn restore_requests(&self) -> Result<Vec<admin_api::RestoreRequest>, ClientError> {
        self.json(Method::GET, "api/v1/restore-requests", None::<&()>)
            .await
    }

    pub async fn create_restore_request(
        &self,
        new: &admin_api::NewRestoreRequest,
    ) -> Result<admin_api::RestoreRequest, ClientError> {
        self.json(Method::POST, "api/v1/restore-requests", Some(new))
            .await
    }

    pub async fn update_restore_request(
        &self,
        id: i64,
        patch: &admin_api::RestoreRequestPatch,
    ) -> Result<admin_api::RestoreRequest, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/restore-requests/{id}"),
            Some(patch),
        )
        .await
    }
}
