//! The console's only way to the admin API. It refuses plain HTTP except to loopback
//! (4S-TLS), retries what is safe to retry, and turns problem+json into typed errors.

mod error;
mod residency;
mod retry;

pub use error::ClientError;
pub use retry::RetryPolicy;

use admin_api::{
    Account, AuditPage, BlockReceipt, ChangePasswordRequest, Channel, DayBar, GrantRequest, Health,
    IncidentNote, IncidentView, LatencyPoint, Me, Monitor, MonitorPatch, NewMonitor, Problem,
    RevocationReceipt, RoleAssignment, Secret, SecuritySettings, SignInRequest, SignInResponse,
    SlaMonth, TotpEnrolment, TotpEnrolmentRequest, TwoFactorReset, User, UserPage, UserSummary,
};
use chrono::{DateTime, SecondsFormat, Utc};
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
            .build()
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        Ok(Client {
            http,
            base,
            token: None,
            retry: RetryPolicy::default(),
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

    pub async fn block_user(&self, user_id: i64) -> Result<BlockReceipt, ClientError> {
        self.json(
            Method::POST,
            &format!("api/v1/users/{user_id}/block"),
            None::<&()>,
        )
        .await
    }

    pub async fn unblock_user(&self, user_id: i64) -> Result<User, ClientError> {
        self.json(
            Method::POST,
            &format!("api/v1/users/{user_id}/unblock"),
            None::<&()>,
        )
        .await
    }

    pub async fn audit_page(&self, after: i64, limit: u32) -> Result<AuditPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/audit?after={after}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    pub async fn monitors(&self) -> Result<Vec<Monitor>, ClientError> {
        self.json(Method::GET, "api/v1/monitors", None::<&()>).await
    }

    pub async fn sla_history(
        &self,
        monitor: i64,
        months: u32,
    ) -> Result<Vec<SlaMonth>, ClientError> {
        let path = format!("api/v1/monitors/{monitor}/sla-history?months={months}");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn daily_bars(&self, monitor: i64, days: u32) -> Result<Vec<DayBar>, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/monitors/{monitor}/daily?days={days}"),
            None::<&()>,
        )
        .await
    }

    pub async fn incidents(
        &self,
        monitor: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<IncidentView>, ClientError> {
        let path = format!("api/v1/monitors/{monitor}/incidents?{}", range(from, to));
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn latency(
        &self,
        monitor: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<LatencyPoint>, ClientError> {
        let path = format!("api/v1/monitors/{monitor}/latency?{}", range(from, to));
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn create_monitor(&self, new: &NewMonitor) -> Result<Monitor, ClientError> {
        self.json(Method::POST, "api/v1/monitors", Some(new)).await
    }

    /// Renames, retargets, changes the interval, pauses or resumes.
    pub async fn update_monitor(
        &self,
        monitor: i64,
        patch: &MonitorPatch,
    ) -> Result<Monitor, ClientError> {
        let path = format!("api/v1/monitors/{monitor}");
        self.json(Method::PATCH, &path, Some(patch)).await
    }

    pub async fn delete_monitor(&self, monitor: i64) -> Result<(), ClientError> {
        let path = format!("api/v1/monitors/{monitor}");
        self.send(Method::DELETE, &path, None::<&()>)
            .await
            .map(drop)
    }

    /// Sets the note of the incident that started at `started` (its first down sample).
    pub async fn annotate_incident(
        &self,
        monitor: i64,
        started: DateTime<Utc>,
        note: &str,
    ) -> Result<(), ClientError> {
        let path = format!(
            "api/v1/monitors/{monitor}/incidents/{}/note",
            started.timestamp()
        );
        let body = IncidentNote {
            note: note.to_string(),
        };
        self.send(Method::PUT, &path, Some(&body)).await.map(drop)
    }

    /// Sets the account's business calendar, which its SLA is measured in.
    pub async fn put_business_calendar(
        &self,
        account_id: i64,
        calendar: &admin_api::BusinessCalendarSettings,
    ) -> Result<admin_api::BusinessCalendarSettings, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/business-calendar");
        self.json(Method::PUT, &path, Some(calendar)).await
    }

    pub async fn maintenance_windows(
        &self,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        self.json(Method::GET, "api/v1/maintenance-windows", None::<&()>)
            .await
    }

    /// Creates a window, or a series when `recurrence` is set; every window created comes back.
    pub async fn create_maintenance_window(
        &self,
        new: &admin_api::NewMaintenanceWindow,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        self.json(Method::POST, "api/v1/maintenance-windows", Some(new))
            .await
    }

    pub async fn update_maintenance_window(
        &self,
        id: i64,
        patch: &admin_api::MaintenanceWindowPatch,
    ) -> Result<admin_api::MaintenanceWindow, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/maintenance-windows/{id}"),
            Some(patch),
        )
        .await
    }

    pub async fn cancel_maintenance_window(
        &self,
        id: i64,
    ) -> Result<admin_api::MaintenanceWindow, ClientError> {
        self.json(
            Method::DELETE,
            &format!("api/v1/maintenance-windows/{id}"),
            None::<&()>,
        )
        .await
    }

    /// Edits the scheduled occurrences of `id`'s series that `patch.scope` reaches.
    pub async fn update_maintenance_series(
        &self,
        id: i64,
        patch: &admin_api::SeriesPatch,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/maintenance-windows/{id}/series"),
            Some(patch),
        )
        .await
    }

    pub async fn cancel_maintenance_series(
        &self,
        id: i64,
        scope: admin_api::SeriesScope,
    ) -> Result<Vec<admin_api::MaintenanceWindow>, ClientError> {
        let scope = match scope {
            admin_api::SeriesScope::All => "all",
            admin_api::SeriesScope::Following => "following",
        };
        self.json(
            Method::DELETE,
            &format!("api/v1/maintenance-windows/{id}/series?scope={scope}"),
            None::<&()>,
        )
        .await
    }

    /// The windows as an iCalendar file.
    pub async fn maintenance_calendar(&self) -> Result<String, ClientError> {
        let response = self
            .send(Method::GET, "api/v1/maintenance-windows.ics", None::<&()>)
            .await?;
        response
            .text()
            .await
            .map_err(|e| ClientError::from_reqwest(&self.base, e))
    }

    pub async fn announcements(&self) -> Result<Vec<admin_api::Announcement>, ClientError> {
        self.json(Method::GET, "api/v1/announcements", None::<&()>)
            .await
    }

    /// Every nightly backup on record, newest first (kept, failed and pruned ones).
    pub async fn backups(&self) -> Result<Vec<admin_api::Backup>, ClientError> {
        self.json(Method::GET, "api/v1/backups", None::<&()>).await
    }

    pub async fn backup(&self, id: i64) -> Result<admin_api::Backup, ClientError> {
        self.json(Method::GET, &format!("api/v1/backups/{id}"), None::<&()>)
            .await
    }

    pub async fn backup_drills(&self) -> Result<Vec<admin_api::BackupDrill>, ClientError> {
        self.json(Method::GET, "api/v1/backup-drills", None::<&()>)
            .await
    }

    pub async fn backup_alerts(&self) -> Result<Vec<admin_api::BackupAlert>, ClientError> {
        self.json(Method::GET, "api/v1/backup-alerts", None::<&()>)
            .await
    }

    pub async fn restore_requests(&self) -> Result<Vec<admin_api::RestoreRequest>, ClientError> {
        self.json(Method::GET, "api/v1/restore-requests", None::<&()>)
            .await
    }

    pub async fn create_restore_request(
        &self,
        new: &admin_api::NewRestoreRequest,
    ) -> Result<admin_api::RestoreRequest, ClientError> {
        self.json(Method::POST, "api/v1/restore-requests", Some(new))
            .await
    }

    pub async fn update_restore_request(
        &self,
        id: i64,
        patch: &admin_api::RestoreRequestPatch,
    ) -> Result<admin_api::RestoreRequest, ClientError> {
        self.json(
            Method::PATCH,
            &format!("api/v1/restore-requests/{id}"),
            Some(patch),
        )
        .await
    }

    /// The features the signed-in user may switch (4S-FEATURE-TOGGLES).
    pub async fn features(&self) -> Result<admin_api::Features, ClientError> {
        self.json(Method::GET, "api/v1/me/features", None::<&()>)
            .await
    }

    pub async fn set_feature(
        &self,
        change: &admin_api::FeatureChange,
    ) -> Result<admin_api::Features, ClientError> {
        self.json(Method::PUT, "api/v1/me/features", Some(change))
            .await
    }

    pub async fn accounts(&self) -> Result<Vec<Account>, ClientError> {
        self.json(Method::GET, "api/v1/accounts", None::<&()>).await
    }

    pub async fn channels(&self, account_id: i64) -> Result<Vec<Channel>, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/channels");
        self.json(Method::GET, &path, None::<&()>).await
    }

    /// One page of users; `query` holds the filters as `(name, value)` pairs.
    pub async fn users(&self, query: &[(&str, String)]) -> Result<UserPage, ClientError> {
        let mut url = Url::parse("http://x/api/v1/users").expect("static url");
        url.query_pairs_mut().extend_pairs(query);
        let path = format!("api/v1/users?{}", url.query().unwrap_or(""));
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn user(&self, user_id: i64) -> Result<UserSummary, ClientError> {
        let path = format!("api/v1/users/{user_id}");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn grant_role(&self, req: &GrantRequest) -> Result<RoleAssignment, ClientError> {
        self.json(Method::POST, "api/v1/role-assignments", Some(req))
            .await
    }

    pub async fn revoke_role(&self, assignment_id: i64) -> Result<RevocationReceipt, ClientError> {
        let path = format!("api/v1/role-assignments/{assignment_id}");
        self.json(Method::DELETE, &path, None::<&()>).await
    }

    pub async fn unlock_user(&self, user_id: i64) -> Result<User, ClientError> {
        let path = format!("api/v1/users/{user_id}/unlock");
        self.json(Method::POST, &path, None::<&()>).await
    }

    /// Clears a user's authenticator: they enrol again at their next sign-in.
    pub async fn reset_two_factor(&self, user_id: i64) -> Result<TwoFactorReset, ClientError> {
        let path = format!("api/v1/users/{user_id}/totp");
        self.json(Method::DELETE, &path, None::<&()>).await
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

    /// Sends what the console's user did with the cached log (audit the auditor).
    pub async fn send_console_audit(
        &self,
        batch: &admin_api::audit::ConsoleAuditBatch,
    ) -> Result<(), ClientError> {
        self.send(Method::POST, "api/v1/audit/console-events", Some(batch))
            .await
            .map(drop)
    }

    pub async fn activities_page(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<admin_api::ActivityPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/activities?after={after}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    pub async fn notifications_page(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<admin_api::NotificationPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/notifications?after={after}&limit={limit}"),
            None::<&()>,
        )
        .await
    }

    /// The caller's unread notifications after `after`, to bring read states marked
    /// elsewhere into the cache.
    pub async fn unread_notifications_page(
        &self,
        after: i64,
        limit: u32,
    ) -> Result<admin_api::NotificationPage, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/notifications?after={after}&limit={limit}&unread=true"),
            None::<&()>,
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

    pub async fn mark_notifications_read(
        &self,
        ids: Vec<i64>,
    ) -> Result<admin_api::MarkReadReceipt, ClientError> {
        self.json(
            Method::POST,
            "api/v1/notifications/read",
            Some(&admin_api::MarkReadRequest { ids }),
        )
        .await
    }

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

    pub async fn change_consent(
        &self,
        change: &admin_api::ConsentChange,
    ) -> Result<admin_api::Consents, ClientError> {
        self.json(Method::POST, "api/v1/me/consents", Some(change))
            .await
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
        let idempotent = matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE
        );
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request: RequestBuilder = self.http.request(method.clone(), url.clone());
            if let Some(token) = &self.token {
                request = request.bearer_auth(token.expose());
            }
            if let Some(body) = body {
                request = request.json(body);
            }
            let err = match request.send().await {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => problem_of(response).await,
                Err(e) => ClientError::from_reqwest(&self.base, e),
            };
            match self.retry.delay(attempt, idempotent, &err) {
                Some(delay) => {
                    tracing::debug!(%url, attempt, ?delay, error = %err, "retrying");
                    tokio::time::sleep(delay).await;
                }
                None => return Err(err),
            }
        }
    }
}

/// `from` and `to` as query parameters; `Z` instead of `+00:00`, which a query string
/// would turn into a space.
fn range(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let f = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    format!("from={}&to={}", f(from), f(to))
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
