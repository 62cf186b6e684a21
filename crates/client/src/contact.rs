//! Contact details, their delivery status, and marketing consents.

use crate::{Client, ClientError};
use reqwest::Method;

impl Client {
    pub async fn change_contact(
        &self,
        user_id: i64,
        change: &admin_api::ContactChange,
    ) -> Result<admin_api::ContactChangeReceipt, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/users/{user_id}"),
            Some(change),
        )
        .await
    }

    /// The messages the outbox sent (or tries to send) about a user, with delivery status.
    pub async fn user_outbox(
        &self,
        user_id: i64,
    ) -> Result<Vec<admin_api::OutboxMessage>, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/users/{user_id}/outbox"),
            None::<&()>,
        )
        .await
    }

    pub async fn change_consent(
        &self,
        change: &admin_api::ConsentChange,
    ) -> Result<admin_api::Consents, ClientError> {
        self.json(Method::POST, "api/v1/me/consents", Some(change))
            .await
    }
}
