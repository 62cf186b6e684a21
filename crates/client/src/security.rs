//! Per-account security settings and TOTP enrolment (4S-SSO).

use crate::{Client, ClientError};
use admin_api::{Secret, SecuritySettings, TotpEnrolment, TotpEnrolmentRequest};
use reqwest::Method;

impl Client {
    /// Starts TOTP enrolment; the answer holds the seed, shown once (4S-SSO).
    pub async fn enrol_totp(
        &self,
        username: &str,
        password: &Secret,
    ) -> Result<TotpEnrolment, ClientError> {
        let body = TotpEnrolmentRequest {
            username: username.to_string(),
            password: password.clone(),
        };
        self.json(Method::POST, "api/v1/totp-enrolments", Some(&body))
            .await
    }

    pub async fn security_settings(
        &self,
        account_id: i64,
    ) -> Result<SecuritySettings, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/security");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn set_security_settings(
        &self,
        account_id: i64,
        settings: &SecuritySettings,
    ) -> Result<SecuritySettings, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/security");
        self.json(Method::PUT, &path, Some(settings)).await
    }
}
