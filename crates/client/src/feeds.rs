//! User activities and notifications, paged like the audit feed.

use crate::{Client, ClientError};
use reqwest::Method;

impl Client {
    pub async fn activities_page(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<admin_api::ActivityPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/activities?after={after}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    pub async fn notifications_page(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<admin_api::NotificationPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/notifications?after={after}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    /// The caller's unread notifications after `after`, to bring read states marked
    /// elsewhere into the cache.
    pub async fn unread_notifications_page(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<admin_api::NotificationPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/notifications?after={after}&limit={limit}&unread=true"),
            None::<&()>,
        )
        .await
    }

    pub async fn mark_notifications_read(
        &self,
        ids: Vec<i64>,
    ) -> Result<admin_api::MarkReadReceipt, ClientError> {
        self.json(
            Method::POST,
            "api/v1/notifications/read",
            Some(&admin_api::MarkReadRequest { ids }),
        )
        .await
    }
}
