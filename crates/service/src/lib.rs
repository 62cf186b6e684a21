//! The reference admin API service. It runs standalone (`admin-service serve`) and
//! embedded in the console as the demo workspace.

pub mod audit;
mod audit_tx;
mod auth;
pub mod backups;
pub mod clock;
mod completion;
pub mod contract;
pub mod db;
pub mod demo;
pub mod error;
mod extract;
pub mod jobs;
pub mod maintenance;
pub mod monitoring;
pub mod no_card;
pub mod notifications;
mod oidc;
pub mod outbox;
mod passwords;
pub mod probe;
mod ratelimit;
pub mod residency;
mod routes;
mod scope;
pub mod seed_key;
pub mod sla_alerts;
pub mod sla_report;
mod third_party;
mod totp;
mod users;

use crate::db::Db;
use axum::routing::get;
use axum::{middleware, Json, Router};
use clock::{Clock, SystemClock};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use routes::ApiDoc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    audit_lock: Arc<tokio::sync::Mutex<()>>,
    pub(crate) sign_in_limiter: Arc<ratelimit::Limiter>,
    pub(crate) feed_limiter: Arc<ratelimit::Limiter<i64>>,
    /// One outbox round at a time, so that no message is sent twice.
    pub(crate) outbox_lock: Arc<tokio::sync::Mutex<()>>,
    /// One sign-in attempt per user at a time, so that parallel guesses are all
    /// counted and the lock stops the ones after the third (UQ-LOCKOUT-3).
    sign_in_locks: Arc<std::sync::Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>>,
    /// Identity providers' signing keys, fetched on use (4S-SSO).
    pub(crate) oidc_keys: Arc<oidc::KeyCache>,
}

pub struct Config {
    /// Where the service runs, shown to users (4S-HOST).
    pub region: String,
    /// Sign-in attempts one client address may make per minute before 429.
    pub sign_ins_per_minute: u32,
    /// Feed pages (audit, activities, notifications) one user may fetch per minute before 429.
    pub feed_requests_per_minute: u32,
    /// Where contact-change messages go; none keeps them queued in the outbox.
    pub smtp_relay: Option<outbox::SmtpRelay>,
    /// Nightly backups and restore drills; None runs none (tests drive `backups::tick`).
    pub backups: Option<backups::BackupConfig>,
    /// Who is behind each outbound path, and where (4S-SUBPROC). A path with none named
    /// counts as outside Europe.
    pub subprocessors: Vec<admin_api::Subprocessor>,
    /// Seals TOTP seeds in the database (4S-SSO); the database never holds it.
    pub totp_key: seed_key::SeedKey,
    /// How often each account's month is checked for an uptime promise at risk or broken;
    /// None checks never (tests drive `sla_alerts::check`).
    pub sla_alerts_every: Option<std::time::Duration>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            region: "North Europe (Ireland)".into(),
            sign_ins_per_minute: 60,
            feed_requests_per_minute: 1200,
            smtp_relay: None,
            backups: None,
            subprocessors: residency::default_register(),
            totp_key: seed_key::SeedKey::random(),
            sla_alerts_every: None,
        }
    }
}

impl AppState {
    pub fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> Self {
        AppState {
            db,
            clock,
            sign_in_limiter: Arc::new(ratelimit::Limiter::new(config.sign_ins_per_minute)),
            feed_limiter: Arc::new(ratelimit::Limiter::new(config.feed_requests_per_minute)),
            outbox_lock: Arc::default(),
            config: Arc::new(config),
            audit_lock: Arc::default(),
            sign_in_locks: Arc::default(),
            oidc_keys: Arc::default(),
        }
    }

    pub(crate) fn sign_in_lock(&self, user_id: i64) -> Arc<tokio::sync::Mutex<()>> {
        let mut locks = self.sign_in_locks.lock().unwrap_or_else(|e| e.into_inner());
        locks.entry(user_id).or_default().clone()
    }

    pub fn with_system_clock(db: Db) -> Self {
        Self::new(db, Arc::new(SystemClock), Config::default())
    }
}

/// The OpenAPI 3.1 document, built from the handlers themselves.
pub fn openapi() -> utoipa::openapi::OpenApi {
    contract::complete(routes::api().split_for_parts().1)
}

pub fn router(state: AppState) -> Router {
    let (api, doc) = routes::api().split_for_parts();
    let doc = Arc::new(contract::complete(doc));
    api.route(
        "/api/v1/openapi.json",
        get(move || async move { Json(doc.as_ref().clone()) }),
    )
    .method_not_allowed_fallback(|| async { error::ApiError::MethodNotAllowed })
    .fallback(|| async { error::ApiError::NotFound("no such route".into()) })
    .layer(middleware::from_fn_with_state(
        state.clone(),
        audit::middleware,
    ))
    .layer(middleware::from_fn(completion::run_to_completion))
    // The fastest gzip level: a feed page compresses about as well (repetitive JSON), and
    // the default level was the largest single cost of a sync (docs/benchmarks.md).
    .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
    .layer(TraceLayer::new_for_http().make_span_with(request_span))
    .with_state(state)
}

/// The request's span, as tower-http's default has it but with card numbers in the URL
/// masked (FZ-NO-CARD): the path and the query are logged at DEBUG.
fn request_span<B>(req: &axum::http::Request<B>) -> tracing::Span {
    let uri = req.uri().to_string();
    tracing::debug_span!(
        "request",
        method = %req.method(),
        uri = %no_card::mask_path(&uri),
        version = ?req.version(),
    )
}

/// A service listening on a socket, stopped by `stop` or when the process ends.
pub struct RunningService {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
    outbox_worker: Option<JoinHandle<()>>,
    maintenance_ticker: JoinHandle<()>,
    sla_alerts_ticker: Option<JoinHandle<()>>,
}

impl RunningService {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn stop(self) -> std::io::Result<()> {
        if let Some(worker) = &self.outbox_worker {
            worker.abort();
        }
        let _ = self.shutdown.send(());
        self.maintenance_ticker.abort();
        if let Some(ticker) = &self.sla_alerts_ticker {
            ticker.abort();
        }
        self.task.await.map_err(std::io::Error::other)?
    }
}

/// Checks every minute whether tonight's backup or this week's drill is due.
async fn backup_loop(state: AppState, config: backups::BackupConfig) {
    loop {
        let round = backups::tick(&state, &config);
        if let Err(e) = jobs::run_alone(&state.db, jobs::Job::Backups, round).await {
            tracing::error!(error = %e, "backup scheduler");
        }
        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    }
}

/// Binds `listen` (port 0 picks a free one) and serves in the background.
pub async fn start(listen: &str, state: AppState) -> std::io::Result<RunningService> {
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let health = format!("http://{addr}/api/v1/health");
    monitoring::ensure_builtin(&state, &health)
        .await
        .map_err(std::io::Error::other)?;
    totp::seal_plain_seeds(&state.db, &state.config.totp_key)
        .await
        .map_err(std::io::Error::other)?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let mut jobs = Vec::new();
    if let Some(config) = state.config.backups.clone() {
        jobs.push(tokio::spawn(backup_loop(state.clone(), config)));
    }
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
        for job in jobs {
            job.abort();
        }
        served
    });
    let maintenance_ticker =
        maintenance::spawn_ticker(state.clone(), std::time::Duration::from_secs(15));
    let sla_alerts_ticker = state
        .config
        .sla_alerts_every
        .map(|every| sla_alerts::spawn_ticker(state.clone(), every));
    let outbox_worker = state
        .config
        .smtp_relay
        .is_some()
        .then(|| outbox::spawn_worker(state.clone(), std::time::Duration::from_secs(15)));
    Ok(RunningService {
        addr,
        state,
        shutdown,
        task,
        outbox_worker,
        maintenance_ticker,
        sla_alerts_ticker,
    })
}
