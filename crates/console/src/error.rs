//! Errors as the web view sees them: a tagged enum it can switch on.

use admin_api::{ProblemCode, Violation};
use admin_cache::CacheError;
use admin_client::ClientError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    #[error("{message}")]
    InvalidInput {
        message: String,
        field: Option<String>,
    },
    #[error("{message}")]
    Unauthorized { message: String },
    #[error("{message}")]
    Locked {
        message: String,
        locked_until: DateTime<Utc>,
    },
    #[error("{message}")]
    Forbidden { message: String },
    /// The password was right; the account also asks for the authenticator's code
    /// (4S-SSO). The console holds the password until `submit_totp` or a cancel.
    #[error("{message}")]
    TwoFactorRequired { message: String },
    /// The account requires two-factor sign-in and the user has no authenticator yet:
    /// `start_totp_enrolment` shows the seed, `submit_totp` completes it.
    #[error("{message}")]
    TwoFactorEnrolmentRequired { message: String },
    #[error("{message}")]
    Offline { message: String },
    #[error("{message}")]
    InsecureUrl { message: String },
    #[error("{message}")]
    Keyring { message: String },
    #[error("{message}")]
    NotFound { message: String },
    #[error("{message}")]
    Conflict { message: String },
    #[error("{message}")]
    Internal { message: String },
    /// An update step failed; `stage` says which, and the installed app is unchanged.
    #[error("{message}")]
    UpdateFailed { message: String, stage: UpdateStage },
    /// Something that must not be interrupted is running (a sync, an export, a dialog).
    #[error("{message}")]
    Busy {
        message: String,
        activities: Vec<crate::busy::Activity>,
    },
    /// A policy clause refuses the request; each violation names its clause.
    #[error("{message}")]
    PolicyViolation {
        message: String,
        violations: Vec<Violation>,
    },
}

/// Where a self-update failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UpdateStage {
    Check,
    Download,
    Signature,
    Install,
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError::Internal {
            message: message.into(),
        }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CommandError::InvalidInput {
            message: message.into(),
            field: Some(field.into()),
        }
    }
}

impl From<ClientError> for CommandError {
    fn from(err: ClientError) -> Self {
        let message = err.to_string();
        match err {
            // Both are about the server address the user gave (4S-TLS).
            ClientError::Insecure(_) | ClientError::Redirected { .. } => {
                CommandError::InsecureUrl { message }
            }
            ClientError::Unreachable { .. } | ClientError::Timeout { .. } => {
                CommandError::Offline { message }
            }
            ClientError::Protocol(_) => CommandError::Internal { message },
            ClientError::Api { problem, .. } => match problem.code {
                ProblemCode::InvalidInput => CommandError::InvalidInput {
                    message,
                    field: problem.field,
                },
                ProblemCode::InvalidCredentials
                | ProblemCode::Unauthenticated
                | ProblemCode::SessionExpired => CommandError::Unauthorized { message },
                ProblemCode::AccountLocked => match problem.locked_until {
                    Some(locked_until) => CommandError::Locked {
                        message,
                        locked_until,
                    },
                    None => CommandError::Unauthorized { message },
                },
                ProblemCode::UserBlocked
                | ProblemCode::Forbidden
                | ProblemCode::NotADelegator
                | ProblemCode::DelegationAboveOwnLevel
                | ProblemCode::DelegationOutsideScope
                | ProblemCode::UserOutsideAccount
                | ProblemCode::ThirdPartySignInOnly
                | ProblemCode::IdentityNotLinked
                | ProblemCode::SocialSignInOff => CommandError::Forbidden { message },
                ProblemCode::IdTokenRejected | ProblemCode::SignInFlowExpired => {
                    CommandError::Unauthorized { message }
                }
                ProblemCode::TwoFactorRequired => CommandError::TwoFactorRequired { message },
                ProblemCode::TwoFactorEnrolmentRequired => {
                    CommandError::TwoFactorEnrolmentRequired { message }
                }
                ProblemCode::RoleScopeMismatch => CommandError::InvalidInput {
                    message,
                    field: Some("scope".into()),
                },
                ProblemCode::LastAccountManager => CommandError::Conflict { message },
                ProblemCode::NotFound => CommandError::NotFound { message },
                ProblemCode::Conflict => CommandError::Conflict { message },
                ProblemCode::PolicyViolation => CommandError::PolicyViolation {
                    message,
                    violations: problem.violations.unwrap_or_default(),
                },
                ProblemCode::RateLimited
                | ProblemCode::MethodNotAllowed
                | ProblemCode::Internal
                | ProblemCode::ProviderUnavailable => CommandError::Internal { message },
            },
        }
    }
}

impl From<CacheError> for CommandError {
    fn from(err: CacheError) -> Self {
        match err {
            CacheError::Invalid(message) => CommandError::InvalidInput {
                message,
                field: None,
            },
            other => CommandError::internal(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use admin_api::Problem;

    #[test]
    fn serializes_as_a_tagged_enum() {
        let e = CommandError::invalid("url", "bad");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "invalid_input", "message": "bad", "field": "url"})
        );
    }

    #[test]
    fn problems_map_to_kinds_the_ui_can_act_on() {
        let locked = Problem {
            locked_until: Some(Utc::now()),
            ..Problem::new(423, ProblemCode::AccountLocked, "Account locked")
        };
        let e: CommandError = ClientError::Api {
            problem: locked,
            retry_after: None,
        }
        .into();
        assert!(matches!(e, CommandError::Locked { .. }));
        let field = Problem::new(400, ProblemCode::InvalidInput, "x").field("new_password");
        let e: CommandError = ClientError::Api {
            problem: field,
            retry_after: None,
        }
        .into();
        assert_eq!(
            e,
            CommandError::InvalidInput {
                message: "x".into(),
                field: Some("new_password".into())
            }
        );
        let e: CommandError = ClientError::Timeout { url: "u".into() }.into();
        assert!(matches!(e, CommandError::Offline { .. }));
    }
}
