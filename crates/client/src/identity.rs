//! Third-party sign-in and an account's identity providers (4S-SSO, UQ-NO-SOCIAL-LOGIN).
//! The browser step between the two sign-in calls is `crate::oidc`.

use crate::{Client, ClientError};
use admin_api::{
    IdentityLink, IdentityLinkList, IdentityProvider, IdentityProviderList,
    IdentityProviderSettings, NewIdentityLink, Secret, SignInFlow, SignInFlowRequest,
    SignInResponse, ThirdPartySignIn, TotpEnrolment,
};
use reqwest::Method;

impl Client {
    /// The providers `username` may sign in through, with the flow's id and nonce.
    pub async fn start_sign_in_flow(&self, username: &str) -> Result<SignInFlow, ClientError> {
        let body = SignInFlowRequest {
            username: username.to_string(),
        };
        self.json(Method::POST, "api/v1/sign-in-flows", Some(&body))
            .await
    }

    /// The provider's ID token for the flow; the service's own session in return.
    pub async fn sign_in_third_party(
        &self,
        flow: &SignInFlow,
        provider_id: i64,
        id_token: Secret,
        totp: Option<&Secret>,
    ) -> Result<SignInResponse, ClientError> {
        let body = ThirdPartySignIn {
            flow_id: flow.flow_id.clone(),
            provider_id,
            id_token,
            totp: totp.cloned(),
        };
        self.json(Method::POST, "api/v1/sessions/third-party", Some(&body))
            .await
    }

    /// Enrols an authenticator with the flow's ID token where there is no password to
    /// enrol with; the flow stays open for the sign-in with the first code.
    pub async fn enrol_totp_third_party(
        &self,
        flow: &SignInFlow,
        provider_id: i64,
        id_token: Secret,
    ) -> Result<TotpEnrolment, ClientError> {
        let body = ThirdPartySignIn {
            flow_id: flow.flow_id.clone(),
            provider_id,
            id_token,
            totp: None,
        };
        self.json(
            Method::POST,
            "api/v1/totp-enrolments/third-party",
            Some(&body),
        )
        .await
    }

    pub async fn identity_providers(
        &self,
        account_id: i64,
    ) -> Result<IdentityProviderList, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/identity-providers");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn add_identity_provider(
        &self,
        account_id: i64,
        settings: &IdentityProviderSettings,
    ) -> Result<IdentityProvider, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/identity-providers");
        self.json(Method::POST, &path, Some(settings)).await
    }

    pub async fn update_identity_provider(
        &self,
        id: i64,
        settings: &IdentityProviderSettings,
    ) -> Result<IdentityProvider, ClientError> {
        let path = format!("api/v1/identity-providers/{id}");
        self.json(Method::PUT, &path, Some(settings)).await
    }

    pub async fn link_identity(
        &self,
        provider_id: i64,
        link: &NewIdentityLink,
    ) -> Result<IdentityLink, ClientError> {
        let path = format!("api/v1/identity-providers/{provider_id}/links");
        self.json(Method::POST, &path, Some(link)).await
    }

    pub async fn delete_identity_provider(&self, id: i64) -> Result<(), ClientError> {
        let path = format!("api/v1/identity-providers/{id}");
        self.send(Method::DELETE, &path, None::<&()>)
            .await
            .map(drop)
    }

    pub async fn identity_links(&self, provider_id: i64) -> Result<IdentityLinkList, ClientError> {
        let path = format!("api/v1/identity-providers/{provider_id}/links");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn unlink_identity(&self, provider_id: i64, user_id: i64) -> Result<(), ClientError> {
        let path = format!("api/v1/identity-providers/{provider_id}/links/{user_id}");
        self.send(Method::DELETE, &path, None::<&()>)
            .await
            .map(drop)
    }
}
