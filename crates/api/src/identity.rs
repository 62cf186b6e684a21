//! Third-party sign-in (4S-SSO, UQ-NO-SOCIAL-LOGIN): an account's OpenID providers, the
//! links from a provider's subject to a user, and the two steps of a sign-in through one.

use crate::secret::Secret;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Who runs the provider: an organisation's directory, or a consumer sign-in service
/// (refused unless the account turned social sign-in on, UQ-NO-SOCIAL-LOGIN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdentityProviderKind {
    /// An organisation's directory, e.g. Microsoft Entra ID, Google Workspace.
    Workforce,
    /// A consumer sign-in, e.g. a personal Google account.
    Social,
}

/// An account's OpenID provider. No client secret: the console is a public native client
/// (RFC 8252), and what a provider shares with the service is its public keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct IdentityProvider {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    /// Shown on the sign-in screen: "Sign in with <name>".
    pub name: String,
    /// The issuer URL; discovery is `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    /// The console's client id at the provider (the ID token's audience).
    pub client_id: String,
    pub kind: IdentityProviderKind,
    /// A first sign-in with a verified e-mail address links the user holding it.
    pub link_by_email: bool,
    /// Users of the account linked to a subject of this provider.
    #[ts(type = "number")]
    pub linked_users: i64,
}

/// `POST /api/v1/accounts/{id}/identity-providers` and `PUT /api/v1/identity-providers/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct IdentityProviderSettings {
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub kind: IdentityProviderKind,
    #[serde(default)]
    pub link_by_email: bool,
}

/// `GET /api/v1/accounts/{id}/identity-providers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct IdentityProviderList {
    pub items: Vec<IdentityProvider>,
}

/// `POST /api/v1/identity-providers/{id}/links`: a manager links a provider's subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct NewIdentityLink {
    #[ts(type = "number")]
    pub user_id: i64,
    /// The provider's `sub` for this user.
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct IdentityLink {
    #[ts(type = "number")]
    pub provider_id: i64,
    #[ts(type = "number")]
    pub user_id: i64,
    pub subject: String,
    pub linked_at: DateTime<Utc>,
}

/// `POST /api/v1/sign-in-flows`: the first step, before the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignInFlowRequest {
    pub username: String,
}

/// A provider the user may sign in through, with what the console needs to send the
/// browser there (authorization code with PKCE, RFC 8252).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SignInOption {
    #[ts(type = "number")]
    pub provider_id: i64,
    pub name: String,
    pub kind: IdentityProviderKind,
    pub issuer: String,
    pub client_id: String,
}

/// The flow's handle and the nonce the ID token must carry; valid ten minutes, once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignInFlow {
    #[schema(value_type = String)]
    pub flow_id: Secret,
    pub nonce: String,
    pub expires_at: DateTime<Utc>,
    /// The providers of the user's account that may be used now (social ones only when
    /// the account allows social sign-in); empty for a password-only account.
    pub options: Vec<SignInOption>,
}

/// `POST /api/v1/sessions/third-party`: the provider's ID token for a flow.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThirdPartySignIn {
    #[schema(value_type = String)]
    pub flow_id: Secret,
    pub provider_id: i64,
    /// Checked (signature, iss, aud, exp, nonce), then dropped: never stored or logged.
    #[schema(value_type = String)]
    pub id_token: Secret,
    /// The TOTP code, when the account requires two factors and the provider did not
    /// assert multi-factor authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub totp: Option<Secret>,
}
