//! The service's one error type, mapped to problem+json in one place.

use admin_api::problem::PROBLEM_CONTENT_TYPE;
use admin_api::{Problem, ProblemCode};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    InvalidInput { field: String, message: String },
    #[error("wrong username or password")]
    InvalidCredentials,
    #[error("the account is locked until {0}")]
    Locked(DateTime<Utc>),
    #[error("this user is blocked")]
    Blocked,
    #[error("sign in first")]
    Unauthenticated,
    #[error("the session ended after 30 minutes without activity")]
    SessionExpired,
    #[error("{0}")]
    Forbidden(String),
    /// A delegation rule said no; the problem code names the rule.
    #[error("{0}")]
    Refused(#[from] admin_policy::delegation::Refusal),
    /// Sign-in refused by the account's security settings (4S-SSO).
    #[error("{1}")]
    SignInPolicy(ProblemCode, &'static str),
    /// Third-party sign-in refused by the account's providers or links (4S-SSO,
    /// UQ-NO-SOCIAL-LOGIN); the problem code names which.
    #[error("{1}")]
    ThirdParty(ProblemCode, String),
    #[error("{0}")]
    IdTokenRejected(String),
    #[error("this sign-in is unknown, already used or older than ten minutes; start it again")]
    SignInFlowExpired,
    #[error("the identity provider cannot be reached: {0}")]
    ProviderUnavailable(String),
    #[error("{0}")]
    NotFound(String),
    #[error("this method is not allowed on this path; the Allow header lists those that are")]
    MethodNotAllowed,
    #[error("{0}")]
    Conflict(String),
    #[error("too many sign-in attempts from this address; try again in {0} s")]
    RateLimited(u64),
    #[error("{}", .0.iter().map(|v| v.message.as_str()).collect::<Vec<_>>().join("; "))]
    PolicyViolation(Vec<admin_api::Violation>),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Internal(String),
    #[error("too many feed requests; try again in {0} s")]
    FeedRateLimited(u64),
    /// A body field holds a payment card number (FZ-NO-CARD / UQ-NO-CARD); names the field.
    #[error("{}", admin_policy::card::refusal(.0))]
    CardData(String),
}

impl ApiError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ApiError::InvalidInput {
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn status_and_code(&self) -> (StatusCode, ProblemCode, &'static str) {
        use ApiError::*;
        match self {
            InvalidInput { .. } => (
                StatusCode::BAD_REQUEST,
                ProblemCode::InvalidInput,
                "Invalid input",
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::InvalidCredentials,
                "Sign-in failed",
            ),
            Locked(_) => (
                StatusCode::LOCKED,
                ProblemCode::AccountLocked,
                "Account locked",
            ),
            Blocked => (
                StatusCode::FORBIDDEN,
                ProblemCode::UserBlocked,
                "User blocked",
            ),
            Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::Unauthenticated,
                "Not signed in",
            ),
            SessionExpired => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::SessionExpired,
                "Session expired",
            ),
            Forbidden(_) => (StatusCode::FORBIDDEN, ProblemCode::Forbidden, "Forbidden"),
            Refused(r) => {
                use admin_policy::delegation::Refusal;
                let status = match r {
                    Refusal::LastAccountManager => StatusCode::CONFLICT,
                    Refusal::RoleScopeMismatch { .. } => StatusCode::BAD_REQUEST,
                    _ => StatusCode::FORBIDDEN,
                };
                (
                    status,
                    ProblemCode::from(*r),
                    "Refused by a delegation rule",
                )
            }
            SignInPolicy(code, _) | ThirdParty(code, _) => {
                (StatusCode::FORBIDDEN, *code, "Sign-in refused")
            }
            IdTokenRejected(_) => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::IdTokenRejected,
                "ID token rejected",
            ),
            SignInFlowExpired => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::SignInFlowExpired,
                "Sign-in expired",
            ),
            ProviderUnavailable(_) => (
                StatusCode::BAD_GATEWAY,
                ProblemCode::ProviderUnavailable,
                "Identity provider unavailable",
            ),
            NotFound(_) => (StatusCode::NOT_FOUND, ProblemCode::NotFound, "Not found"),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ProblemCode::MethodNotAllowed,
                "Method not allowed",
            ),
            Conflict(_) => (StatusCode::CONFLICT, ProblemCode::Conflict, "Conflict"),
            RateLimited(_) | FeedRateLimited(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                ProblemCode::RateLimited,
                "Too many requests",
            ),
            PolicyViolation(_) | CardData(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ProblemCode::PolicyViolation,
                "Refused by policy",
            ),
            Database(_) | Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ProblemCode::Internal,
                "Internal error",
            ),
        }
    }

    pub fn to_problem(&self) -> Problem {
        let (status, code, title) = self.status_and_code();
        let mut problem = Problem::new(status.as_u16(), code, title);
        match self {
            // Internal details stay in the log, not in the answer.
            ApiError::Database(_) | ApiError::Internal(_) => {}
            other => problem = problem.detail(other.to_string()),
        }
        if let ApiError::InvalidInput { field, .. } = self {
            problem = problem.field(field.clone());
        }
        if let ApiError::PolicyViolation(violations) = self {
            problem.violations = Some(violations.clone());
        }
        if let ApiError::CardData(field) = self {
            problem = problem.field(field.clone());
            problem.violations = Some(vec![admin_api::Violation {
                clause: admin_policy::card::CLAUSE.into(),
                message: admin_policy::card::refusal(field),
            }]);
        }
        if let ApiError::Locked(until) = self {
            problem.locked_until = Some(*until);
        }
        problem
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if matches!(self, ApiError::Database(_) | ApiError::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
        let problem = self.to_problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response =
            (status, [(header::CONTENT_TYPE, PROBLEM_CONTENT_TYPE)], body).into_response();
        if let ApiError::RateLimited(seconds) | ApiError::FeedRateLimited(seconds) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
