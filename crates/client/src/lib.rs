//! The console's only way to the admin API. It refuses plain HTTP except to loopback
//! (4S-TLS), retries what is safe to retry, and turns problem+json into typed errors.

mod audit;
mod backups;
mod contact;
mod directory;
mod error;
mod features;
mod feeds;
mod identity;
mod maintenance;
mod monitors;
pub mod oidc;
mod residency;
mod retry;
mod roles;
mod security;
mod sessions;

pub use error::ClientError;
pub use retry::RetryPolicy;

use admin_api::{Problem, Secret};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use std::time::Duration;
use url::Url;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: Option<Secret>,
    retry: RetryPolicy,
    /// Requests nobody asked for (FZ-IDLE-30): sent with `x-admin-activity: background`.
    background: bool,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

impl Client {
    pub fn new(base_url: &str) -> Result<Self, ClientError> {
        let base = admin_policy::transport::check_server_url(base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("admin-console/", env!("CARGO_PKG_VERSION")))
            .gzip(true)
            // 4S-TLS: a redirect could lead a sign-in body (the password) to another host
            // or to plain HTTP; none is followed, the error names where it led.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        Ok(Client {
            http,
            base,
            token: None,
            retry: RetryPolicy::default(),
            background: false,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// The same client, acting for the holder of `token`.
    pub fn with_token(&self, token: Secret) -> Self {
        Client {
            token: Some(token),
            ..self.clone()
        }
    }

    pub fn with_retry(self, retry: RetryPolicy) -> Self {
        Client { retry, ..self }
    }

    /// The same client for requests the user did not ask for (timed syncs and refreshes):
    /// the service serves them without counting them as activity, so its idle limit
    /// (FZ-IDLE-30) runs while the console only syncs.
    pub fn in_background(&self) -> Self {
        Client {
            background: true,
            ..self.clone()
        }
    }

    pub fn is_background(&self) -> bool {
        self.background
    }

    async fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl serde::Serialize>,
    ) -> Result<T, ClientError> {
        let response = self.send(method, path, body).await?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ClientError::from_reqwest(&self.base, e))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| ClientError::Protocol(format!("unreadable answer: {e}")))
    }

    /// Sends with retries; a non-success status becomes `ClientError::Api`.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl serde::Serialize>,
    ) -> Result<Response, ClientError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        // POST, PATCH and DELETE are repeated only when the request provably never left
        // (no connection was made): a repeated sign-in would count a failure twice.
        let idempotent = matches!(method, Method::GET | Method::HEAD | Method::PUT);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request: RequestBuilder = self.http.request(method.clone(), url.clone());
            if let Some(token) = &self.token {
                request = request.bearer_auth(token.expose());
            }
            if self.background {
                request =
                    request.header(admin_api::headers::ACTIVITY, admin_api::headers::BACKGROUND);
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let err = match request.send().await {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) if response.status().is_redirection() => {
                    return Err(redirected(&url, &response))
                }
                Ok(response) => problem_of(response).await,
                Err(e) => ClientError::from_reqwest(&self.base, e),
            };
            let never_sent = matches!(err, ClientError::Unreachable { sent: false, .. });
            match self.retry.delay(attempt, idempotent || never_sent, &err) {
                Some(delay) => {
                    tracing::debug!(%url, attempt, ?delay, error = %err, "retrying");
                    tokio::time::sleep(delay).await;
                }
                None => return Err(err),
            }
        }
    }
}

async fn problem_of(response: Response) -> ClientError {
    let status = response.status();
    let retry_after = retry::retry_after(response.headers());
    let bytes = response.bytes().await.unwrap_or_default();
    let problem = serde_json::from_slice::<Problem>(&bytes).unwrap_or_else(|_| {
        let code = match status {
            StatusCode::TOO_MANY_REQUESTS => admin_api::ProblemCode::RateLimited,
            StatusCode::UNAUTHORIZED => admin_api::ProblemCode::Unauthenticated,
            StatusCode::FORBIDDEN => admin_api::ProblemCode::Forbidden,
            StatusCode::NOT_FOUND => admin_api::ProblemCode::NotFound,
            _ => admin_api::ProblemCode::Internal,
        };
        Problem::new(
            status.as_u16(),
            code,
            status.canonical_reason().unwrap_or("HTTP error"),
        )
    });
    ClientError::Api {
        problem,
        retry_after,
    }
}

/// A 3xx answer: where it pointed, with no user-info or query (it may carry tokens).
fn redirected(from: &Url, response: &Response) -> ClientError {
    let to = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|loc| from.join(loc).ok())
        .map(|mut url| {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.to_string()
        })
        .unwrap_or_else(|| "an unnamed address".into());
    ClientError::Redirected { to }
}
