//! Maintenance windows and series, their iCalendar export, and announcements.

use crate::{Client, ClientError};
use reqwest::Method;

impl Client {
    pub async fn maintenance_windows(
        &self,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        self.json(Method::GET, "api/v1/maintenance-windows", None::<&()>)
            .await
    }

    /// Creates a window, or a series when `recurrence` is set; every window created comes back.
    pub async fn create_maintenance_window(
        &self,
        new: &admin_api::NewMaintenanceWindow,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        self.json(Method::POST, "api/v1/maintenance-windows", Some(new))
            .await
    }

    pub async fn update_maintenance_window(
        &self,
        id: i64,
        patch: &admin_api::MaintenanceWindowPatch,
    ) -> Result<admin_api::MaintenanceWindow, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/maintenance-windows/{id}"),
            Some(patch),
        )
        .await
    }

    pub async fn cancel_maintenance_window(
        &self,
        id: i64,
    ) -> Result<admin_api::MaintenanceWindow, ClientError> {
        self.json(
            Method::DELETE,
            &format!("api/v1/maintenance-windows/{id}"),
            None::<&()>,
        )
        .await
    }

    /// Edits the scheduled occurrences of `id`'s series that `patch.scope` reaches.
    pub async fn update_maintenance_series(
        &self,
        id: i64,
        patch: &admin_api::SeriesPatch,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/maintenance-windows/{id}/series"),
            Some(patch),
        )
        .await
    }

    pub async fn cancel_maintenance_series(
        &self,
        id: i64,
        scope: admin_api::SeriesScope,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        let scope = match scope {
            admin_api::SeriesScope::All => "all",
            admin_api::SeriesScope::Following => "following",
        };
        self.json(
            Method::DELETE,
            &format!("api/v1/maintenance-windows/{id}/series?scope={scope}"),
            None::<&()>,
        )
        .await
    }

    /// The windows as an iCalendar file.
    pub async fn maintenance_calendar(&self) -> Result<String, ClientError> {
        let response = self
            .send(Method::GET, "api/v1/maintenance-windows.ics", None::<&()>)
            .await?;
        response
            .text()
            .await
            .map_err(|e| ClientError::from_reqwest(&self.base, e))
    }

    pub async fn announcements(&self) -> Result<Vec<admin_api::Announcement>, ClientError> {
        self.json(Method::GET, "api/v1/announcements", None::<&()>)
            .await
    }

    /// Every release announced: change notices, and updates installed once shipped.
    pub async fn releases(&self) -> Result<Vec<admin_api::Release>, ClientError> {
        self.json(Method::GET, "api/v1/releases", None::<&()>).await
    }
}
