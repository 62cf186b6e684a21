use admin_api::Problem;
use admin_policy::transport::TransportError;
use std::time::Duration;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error(transparent)]
    Insecure(#[from] TransportError),
    /// `sent` is false when no connection was made, so the request provably never left.
    #[error("cannot reach {url}: {reason}")]
    Unreachable {
        url: String,
        reason: String,
        sent: bool,
    },
    /// 4S-TLS: redirects are never followed (a password must not follow one elsewhere).
    #[error("the server redirected to {to}; check the server address")]
    Redirected { to: String },
    #[error("{url} did not answer in time")]
    Timeout { url: String },
    /// The service answered with a problem.
    #[error("{}", problem.message())]
    Api {
        problem: Problem,
        retry_after: Option<Duration>,
    },
    #[error("unexpected answer from the service: {0}")]
    Protocol(String),
}

impl ClientError {
    pub(crate) fn from_reqwest(base: &Url, e: reqwest::Error) -> Self {
        let url = base.as_str().trim_end_matches('/').to_string();
        if e.is_timeout() {
            ClientError::Timeout { url }
        } else if e.is_connect() {
            let reason = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_else(|| "connection failed".into());
            ClientError::Unreachable {
                url,
                reason,
                sent: false,
            }
        } else if e.is_decode() || e.is_body() {
            ClientError::Protocol(e.to_string())
        } else {
            // The connection was made: the request may have reached the service.
            ClientError::Unreachable {
                url,
                reason: e.to_string(),
                sent: true,
            }
        }
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ClientError::Api { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// True when the service could not be reached at all: the console goes offline.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            ClientError::Unreachable { .. } | ClientError::Timeout { .. }
        )
    }
}
