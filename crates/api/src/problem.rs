//! RFC 9457 problem details with a stable machine-readable `code`.

pub use admin_policy::maintenance::Violation;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Stable codes that clients switch on; the HTTP status alone is too coarse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    InvalidInput,
    InvalidCredentials,
    AccountLocked,
    UserBlocked,
    Unauthenticated,
    SessionExpired,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    RateLimited,
    Internal,
    /// 422: the request breaks a policy clause; `violations` names each.
    PolicyViolation,
    /// Delegation refusals, one per rule of `admin_policy::delegation::Refusal`.
    RoleScopeMismatch,
    NotADelegator,
    DelegationAboveOwnLevel,
    DelegationOutsideScope,
    UserOutsideAccount,
    LastAccountManager,
    /// The account requires two-factor sign-in: the answer says whether to enrol or send a code.
    TwoFactorEnrolmentRequired,
    TwoFactorRequired,
    /// The account allows only third-party sign-in (4S-SSO).
    ThirdPartySignInOnly,
    /// The provider's subject is linked to no user of the account (4S-SSO).
    IdentityNotLinked,
    /// A social provider, and the account has not turned social sign-in on (UQ-NO-SOCIAL-LOGIN).
    SocialSignInOff,
    /// The ID token failed a check (signature, issuer, audience, expiry, nonce).
    IdTokenRejected,
    /// The sign-in flow is unknown, used or older than ten minutes: start again.
    SignInFlowExpired,
    /// 502: the service could not reach the identity provider (discovery or keys).
    ProviderUnavailable,
}

impl From<admin_policy::delegation::Refusal> for ProblemCode {
    fn from(r: admin_policy::delegation::Refusal) -> Self {
        use admin_policy::delegation::Refusal::*;
        match r {
            RoleScopeMismatch { .. } => ProblemCode::RoleScopeMismatch,
            NotADelegator => ProblemCode::NotADelegator,
            AboveOwnLevel => ProblemCode::DelegationAboveOwnLevel,
            OutsideScope => ProblemCode::DelegationOutsideScope,
            UserOutsideAccount => ProblemCode::UserOutsideAccount,
            LastAccountManager => ProblemCode::LastAccountManager,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Problem {
    /// A URI naming the problem type; `about:blank` when the code says it all.
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ProblemCode,
    /// The request field that was wrong, for 400s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For 423: when the account opens again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_until: Option<DateTime<Utc>>,
    /// For 422 `policy_violation`: every clause the request breaks, with its numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violations: Option<Vec<Violation>>,
}

fn about_blank() -> String {
    "about:blank".into()
}

impl Problem {
    pub fn new(status: u16, code: ProblemCode, title: impl Into<String>) -> Self {
        Problem {
            kind: about_blank(),
            title: title.into(),
            status,
            detail: None,
            code,
            field: None,
            locked_until: None,
            violations: None,
        }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The most specific human-readable sentence available.
    pub fn message(&self) -> &str {
        self.detail.as_deref().unwrap_or(&self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use admin_policy::delegation::Refusal;

    /// Clause UQ-DELEGATE-ACCOUNT: each refusal's wire code is the policy's name for it.
    #[test]
    fn refusal_codes_match_the_policy_names() {
        for r in [
            Refusal::NotADelegator,
            Refusal::AboveOwnLevel,
            Refusal::OutsideScope,
            Refusal::UserOutsideAccount,
            Refusal::LastAccountManager,
        ] {
            let code = serde_json::to_value(ProblemCode::from(r)).unwrap();
            assert_eq!(code, r.code());
        }
    }
}
