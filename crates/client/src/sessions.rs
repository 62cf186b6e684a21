//! Signing in and out, and the signed-in user's own account.

use crate::{Client, ClientError};
use admin_api::{ChangePasswordRequest, Health, Me, Secret, SignInRequest, SignInResponse};
use reqwest::Method;

impl Client {
    pub async fn health(&self) -> Result<Health, ClientError> {
        self.json(Method::GET, "api/v1/health", None::<&()>).await
    }

    pub async fn sign_in(
        &self,
        username: &str,
        password: &Secret,
    ) -> Result<SignInResponse, ClientError> {
        self.sign_in_with_totp(username, password, None).await
    }

    /// Signs in with the authenticator's current code, for accounts that require
    /// two-factor sign-in (4S-SSO).
    pub async fn sign_in_with_totp(
        &self,
        username: &str,
        password: &Secret,
        totp: Option<&Secret>,
    ) -> Result<SignInResponse, ClientError> {
        let body = SignInRequest {
            username: username.to_string(),
            password: password.clone(),
            totp: totp.cloned(),
        };
        self.json(Method::POST, "api/v1/sessions", Some(&body))
            .await
    }

    pub async fn me(&self) -> Result<Me, ClientError> {
        self.json(Method::GET, "api/v1/me", None::<&()>).await
    }

    pub async fn sign_out(&self) -> Result<(), ClientError> {
        self.send(Method::DELETE, "api/v1/sessions/current", None::<&()>)
            .await
            .map(drop)
    }

    pub async fn change_password(&self, req: &ChangePasswordRequest) -> Result<(), ClientError> {
        self.send(Method::POST, "api/v1/me/password", Some(req))
            .await
            .map(drop)
    }
}
