//! Over 500 lines: one state machine whose transitions share its locks; panels live elsewhere.
//! The console's state machine: welcome -> signed in -> signed out, with the demo
//! workspace, profiles in the cache, tokens in the keyring and the idle lock.
//! The commands (`commands!` in each panel) call into this; tests drive it without a window.

use crate::browser::{Browser, NoBrowser};
use crate::busy::BusyRegistry;
use crate::clock::Clock;
use crate::dialog::{NoDialog, SaveAs, SaveDialog};
use crate::error::CommandError;
use crate::host::Host;
use crate::idle::IdleLock;
use crate::logging;
use crate::token_fallback::KeyringOrMemory;
use crate::tokens::TokenStore;
use crate::views::{
    ConnectRequest, Connection, ConsoleState, ProviderWorkspace, SessionEndReason, SessionEnded,
    SessionView, TotpEnrolmentView,
};
use admin_api::{ChangePasswordRequest, ProblemCode, Secret, SignInFlow, SignInOption};
use admin_cache::{Cache, NewProfile, Profile};
use admin_client::{Client, ClientError, RetryPolicy};
use admin_service::RunningService;
use chrono::{DateTime, Duration, Utc};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the console tells the web view about things it did not ask for.
pub trait Notifier: Send + Sync + 'static {
    fn session_ended(&self, ended: SessionEnded);
    fn connection_changed(&self, connection: Connection);
    fn audit_sync_progress(&self, _progress: crate::audit::AuditSyncProgress) {}
    fn audit_export_progress(&self, _progress: crate::audit::AuditExportProgress) {}
    fn full_sync_progress(&self, _progress: crate::offline::FullSyncProgress) {}
    fn pack_progress(&self, _progress: crate::pack::save::PackProgress) {}
}

/// While the manager is active, the service session is refreshed this often so
/// the service's own 30-minute limit does not end it under their hands.
const KEEPALIVE_MINUTES: i64 = 5;

struct Active {
    client: Client,
    view: SessionView,
    last_touch: DateTime<Utc>,
}

/// What proves who signs in: a password, or a provider's ID token for a sign-in flow
/// (4S-SSO). Either waits in memory only, never in the cache, config or logs
/// (FZ-THIRD-PARTY-PW), until the service opened its session.
#[derive(Clone)]
enum Credential {
    Password(Secret),
    Provider {
        flow: SignInFlow,
        provider_id: i64,
        id_token: Secret,
    },
}

/// A sign-in the service answered with "and now the authenticator's code" (4S-SSO). The
/// credential waits here so it need not cross from the web view (or the browser) again.
#[derive(Clone)]
struct PendingSignIn {
    id: String,
    name: String,
    url: String,
    username: String,
    demo: bool,
    credential: Credential,
}

impl PendingSignIn {
    fn new(profile: &NewProfile<'_>, credential: &Credential) -> Self {
        PendingSignIn {
            id: profile.id.to_string(),
            name: profile.name.to_string(),
            url: profile.url.to_string(),
            username: profile.username.to_string(),
            demo: profile.demo,
            credential: credential.clone(),
        }
    }

    fn profile(&self) -> NewProfile<'_> {
        NewProfile {
            id: &self.id,
            name: &self.name,
            url: &self.url,
            username: &self.username,
            demo: self.demo,
        }
    }
}

/// How long a third-party sign-in waits for the browser to come back.
const BROWSER_WAIT: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// A profile to be saved once the sign-in succeeds (owned: it outlives the browser step).
struct PendingProfile {
    id: String,
    name: String,
    url: String,
    username: String,
    demo: bool,
}

impl PendingProfile {
    fn as_new(&self) -> NewProfile<'_> {
        NewProfile {
            id: &self.id,
            name: &self.name,
            url: &self.url,
            username: &self.username,
            demo: self.demo,
        }
    }
}

/// A TOTP code as typed: six digits, spaces allowed (authenticators show "123 456").
fn parse_totp(code: &Secret) -> Result<Secret, CommandError> {
    let digits: String = code
        .expose()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(Secret::new(digits))
    } else {
        Err(CommandError::invalid(
            "totp",
            "enter the 6-digit code from your authenticator app",
        ))
    }
}

/// The otpauth URI as an SVG QR code for the enrolment screen.
fn qr_svg(uri: &Secret) -> Result<String, CommandError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(uri.expose(), qrcode::EcLevel::M)
        .map_err(|e| CommandError::internal(format!("the QR code could not be drawn: {e}")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

pub struct Console {
    cache: Cache,
    /// What opening the cache had to work around (see `crate::startup`).
    cache_notice: Option<crate::startup::StartupNotice>,
    _scratch: Option<tempfile::TempDir>,
    tokens: Arc<KeyringOrMemory>,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    dialog: Arc<dyn SaveDialog>,
    browser: Arc<dyn Browser>,
    data_dir: PathBuf,
    session: tokio::sync::Mutex<Option<Active>>,
    pending: tokio::sync::Mutex<Option<PendingSignIn>>,
    demo: tokio::sync::Mutex<Option<RunningService>>,
    connection: Mutex<Connection>,
    idle: IdleLock,
    audit_sync: tokio::sync::Mutex<()>,
    full_sync: crate::offline::FullSyncState,
    busy: BusyRegistry,
    policy_path: PathBuf,
    first_panel: crate::first_panel::FirstPanel,
}

fn view_key(profile_id: &str) -> String {
    format!("session_view:{profile_id}")
}

impl Console {
    pub async fn open(
        data_dir: PathBuf,
        tokens: Arc<dyn TokenStore>,
        notifier: Arc<dyn Notifier>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CommandError> {
        std::fs::create_dir_all(&data_dir).map_err(|e| CommandError::internal(e.to_string()))?;
        let now = clock.now();
        let opened = crate::startup::open_cache(&data_dir, now).await?;
        Ok(Console {
            cache: opened.cache,
            cache_notice: opened.notice,
            _scratch: opened.scratch,
            tokens: Arc::new(KeyringOrMemory::probe(tokens)),
            notifier,
            clock,
            dialog: Arc::new(NoDialog),
            browser: Arc::new(NoBrowser),
            data_dir,
            session: tokio::sync::Mutex::new(None),
            pending: tokio::sync::Mutex::new(None),
            demo: tokio::sync::Mutex::new(None),
            connection: Mutex::new(Connection::Online { since: now }),
            idle: IdleLock::new(now),
            audit_sync: tokio::sync::Mutex::new(()),
            full_sync: Default::default(),
            busy: BusyRegistry::default(),
            policy_path: crate::updates::default_policy_path(),
            first_panel: Default::default(),
        })
    }

    /// Reads the managed-install policy from `path` instead of the system-wide place.
    pub fn with_policy_path(mut self, path: PathBuf) -> Self {
        self.policy_path = path;
        self
    }

    /// Asks the system's "Save as" dialog (none by default: exports are cancelled).
    pub fn with_dialog(mut self, dialog: Arc<dyn SaveDialog>) -> Self {
        self.dialog = dialog;
        self
    }

    /// Opens the system browser for third-party sign-in (none by default: it is refused).
    pub fn with_browser(mut self, browser: Arc<dyn Browser>) -> Self {
        self.browser = browser;
        self
    }

    /// When the UI drew its first panel: the work that can wait waits for it.
    pub fn first_panel(&self) -> &crate::first_panel::FirstPanel {
        &self.first_panel
    }

    pub(crate) fn cache_notice(&self) -> Option<crate::startup::StartupNotice> {
        self.cache_notice.clone()
    }

    /// Why the keyring could not be used, when tokens are held in memory for this run.
    pub(crate) fn keyring_missing(&self) -> Option<String> {
        self.tokens.missing()
    }

    /// What is running that an update install must not interrupt (see `crate::busy`).
    pub fn busy(&self) -> &BusyRegistry {
        &self.busy
    }

    pub async fn state(&self) -> Result<ConsoleState, CommandError> {
        let session = self.session.lock().await.as_ref().map(|a| a.view.clone());
        Ok(ConsoleState {
            profile: self.cache.active_profile().await?,
            session,
            connection: *self.connection.lock().unwrap(),
        })
    }

    /// Picks up where the last run left off: the active profile and its keyring token.
    pub async fn restore(&self) -> Result<(), CommandError> {
        let Some(mut profile) = self.cache.active_profile().await? else {
            return Ok(());
        };
        if profile.demo {
            profile.url = self.demo_url(&profile).await?;
        }
        let Some(token) = self.tokens.get(&profile.id)? else {
            return Ok(());
        };
        let client = Client::new(&profile.url)?.with_token(token);
        match client.me().await {
            Ok(me) => {
                let region = client.health().await.map(|h| h.region).unwrap_or_default();
                self.begin(client, SessionView::new(profile, me, region))
                    .await
            }
            Err(e) if e.is_offline() => {
                // Offline: the last known view, so cached data stays reachable.
                self.set_connection(false);
                let cached = self.cache.setting(&view_key(&profile.id)).await?;
                if let Some(view) =
                    cached.and_then(|json| serde_json::from_str::<SessionView>(&json).ok())
                {
                    *self.session.lock().await = Some(Active {
                        client,
                        view,
                        last_touch: self.clock.now(),
                    });
                }
                Ok(())
            }
            Err(_) => self.tokens.delete(&profile.id),
        }
    }

    /// Starts the embedded demo service if needed and signs in as the demo manager.
    pub async fn open_demo(&self) -> Result<SessionView, CommandError> {
        let existing = self.cache.demo_profile().await?;
        let id = existing
            .as_ref()
            .map_or_else(|| uuid::Uuid::new_v4().to_string(), |p| p.id.clone());
        let url = self.ensure_demo().await?;
        let profile = NewProfile {
            id: &id,
            name: crate::demo::PROFILE_NAME,
            url: &url,
            username: admin_service::demo::MANAGER,
            demo: true,
        };
        let password = Secret::new(admin_service::demo::DEMO_PASSWORD);
        self.establish(profile, &Credential::Password(password), None)
            .await
    }

    pub async fn connect(&self, req: ConnectRequest) -> Result<SessionView, CommandError> {
        let url = admin_policy::transport::check_server_url(&req.url).map_err(|e| {
            CommandError::InsecureUrl {
                message: e.to_string(),
            }
        })?;
        let username = admin_policy::username::parse(&req.username)
            .map_err(|e| CommandError::invalid("username", e.to_string()))?
            .value;
        if req.password.expose().is_empty() {
            return Err(CommandError::invalid("password", "enter your password"));
        }
        let url = url.as_str().trim_end_matches('/').to_string();
        let name = url::Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(String::from))
            .unwrap_or(url.clone());
        let id = uuid::Uuid::new_v4().to_string();
        let profile = NewProfile {
            id: &id,
            name: &name,
            url: &url,
            username: &username,
            demo: false,
        };
        self.establish(profile, &Credential::Password(req.password), None)
            .await
    }

    /// Signs in again to the active (server) profile.
    pub async fn sign_in(&self, password: Secret) -> Result<SessionView, CommandError> {
        let profile = self
            .cache
            .active_profile()
            .await?
            .ok_or_else(|| CommandError::NotFound {
                message: "no workspace is selected".into(),
            })?;
        if profile.demo {
            return self.open_demo().await;
        }
        let new = NewProfile {
            id: &profile.id,
            name: &profile.name,
            url: &profile.url,
            username: &profile.username,
            demo: false,
        };
        self.establish(new, &Credential::Password(password), None)
            .await
    }

    /// The workspace a third-party sign-in is for: the one given (a new connection), or
    /// the active one, reusing its profile so its cache stays its own.
    async fn provider_workspace(
        &self,
        workspace: &ProviderWorkspace,
    ) -> Result<PendingProfile, CommandError> {
        let active = self.cache.active_profile().await?;
        let Some(url) = workspace.url.as_deref() else {
            let mut profile = active.ok_or_else(|| CommandError::NotFound {
                message: "no workspace is selected".into(),
            })?;
            if profile.demo {
                profile.url = self.demo_url(&profile).await?;
            }
            return Ok(PendingProfile {
                id: profile.id,
                name: profile.name,
                url: profile.url,
                username: profile.username,
                demo: profile.demo,
            });
        };
        let url = admin_policy::transport::check_server_url(url).map_err(|e| {
            CommandError::InsecureUrl {
                message: e.to_string(),
            }
        })?;
        let url = url.as_str().trim_end_matches('/').to_string();
        let username = admin_policy::username::parse(workspace.username.as_deref().unwrap_or(""))
            .map_err(|e| CommandError::invalid("username", e.to_string()))?
            .value;
        let reuse = active.filter(|p| !p.demo && p.url == url && p.username == username);
        let name = url::Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(String::from))
            .unwrap_or(url.clone());
        Ok(PendingProfile {
            id: reuse.map_or_else(|| uuid::Uuid::new_v4().to_string(), |p| p.id),
            name,
            url,
            username,
            demo: false,
        })
    }

    /// The providers the sign-in screen offers ("Sign in with <name>") for the workspace's
    /// user; empty for a password-only account or an unknown user (the service tells
    /// nobody who exists).
    pub async fn sign_in_options(
        &self,
        workspace: ProviderWorkspace,
    ) -> Result<Vec<SignInOption>, CommandError> {
        let profile = self.provider_workspace(&workspace).await?;
        let client = Client::new(&profile.url)?;
        let flow = self.online(client.start_sign_in_flow(&profile.username).await)?;
        Ok(flow.options)
    }

    /// Signs in through one of the account's providers in the system browser (RFC 8252),
    /// then at the service with the ID token, as a password sign-in does with the password:
    /// the service's token goes to the keyring; the ID token is dropped once the service has
    /// it (or kept in memory while the authenticator's code is asked for).
    pub async fn sign_in_with_provider(
        &self,
        workspace: ProviderWorkspace,
        provider_id: i64,
    ) -> Result<SessionView, CommandError> {
        let profile = self.provider_workspace(&workspace).await?;
        let client = Client::new(&profile.url)?;
        let flow = self.online(client.start_sign_in_flow(&profile.username).await)?;
        let option = flow
            .options
            .iter()
            .find(|o| o.provider_id == provider_id)
            .cloned()
            .ok_or_else(|| {
                CommandError::invalid(
                    "provider",
                    "this provider is not offered for this user's account now",
                )
            })?;
        let browser = self.browser.clone();
        let id_token = admin_client::oidc::sign_in_in_browser(
            &option,
            &flow.nonce,
            move |url| browser.open(url),
            BROWSER_WAIT,
        )
        .await
        .map_err(|e| match e {
            admin_client::oidc::OidcError::Insecure(e) => CommandError::InsecureUrl {
                message: e.to_string(),
            },
            other => CommandError::invalid("provider", other.to_string()),
        })?;
        logging::remember(id_token.expose());
        let credential = Credential::Provider {
            flow,
            provider_id,
            id_token,
        };
        self.establish(profile.as_new(), &credential, None).await
    }

    /// Completes a sign-in that asked for the authenticator's code; the first right code
    /// after enrolment also completes the enrolment (4S-SSO).
    pub async fn submit_totp(&self, code: Secret) -> Result<SessionView, CommandError> {
        let code = parse_totp(&code)?;
        let pending = self.pending_sign_in().await?;
        match self
            .establish(pending.profile(), &pending.credential, Some(&code))
            .await
        {
            // The password was right a moment ago: a refusal now is the code's.
            Err(CommandError::Unauthorized { .. }) => Err(CommandError::invalid(
                "totp",
                "that code is not right: enter the current code from your authenticator app",
            )),
            other => other,
        }
    }

    /// Starts enrolling an authenticator for the pending sign-in: the seed and its QR
    /// code, shown once. Never logged, never written to the cache.
    pub async fn start_totp_enrolment(&self) -> Result<TotpEnrolmentView, CommandError> {
        let pending = self.pending_sign_in().await?;
        let client = Client::new(&pending.url)?;
        // The provider's ID token proves the user where a third-party-only account has no
        // password to enrol with.
        let enrolment = match &pending.credential {
            Credential::Password(password) => client.enrol_totp(&pending.username, password).await,
            Credential::Provider {
                flow,
                provider_id,
                id_token,
            } => {
                client
                    .enrol_totp_third_party(flow, *provider_id, id_token.clone())
                    .await
            }
        };
        let enrolment = self.online(enrolment)?;
        logging::remember(enrolment.secret.expose());
        logging::remember(enrolment.otpauth_url.expose());
        let qr_svg = qr_svg(&enrolment.otpauth_url)?;
        Ok(TotpEnrolmentView {
            secret: enrolment.secret,
            otpauth_url: enrolment.otpauth_url,
            qr_svg,
        })
    }

    /// Forgets a sign-in that waited for a code: back to the password.
    pub async fn cancel_sign_in(&self) {
        *self.pending.lock().await = None;
    }

    async fn pending_sign_in(&self) -> Result<PendingSignIn, CommandError> {
        self.pending
            .lock()
            .await
            .clone()
            .ok_or_else(|| CommandError::Unauthorized {
                message: "sign in with your password first".into(),
            })
    }

    async fn establish(
        &self,
        new: NewProfile<'_>,
        credential: &Credential,
        totp: Option<&Secret>,
    ) -> Result<SessionView, CommandError> {
        let client = Client::new(new.url)?;
        let answer = match credential {
            Credential::Password(password) => {
                logging::remember(password.expose());
                client.sign_in_with_totp(new.username, password, totp).await
            }
            Credential::Provider {
                flow,
                provider_id,
                id_token,
            } => {
                client
                    .sign_in_third_party(flow, *provider_id, id_token.clone(), totp)
                    .await
            }
        };
        let signed_in = match self.online(answer) {
            Ok(signed_in) => signed_in,
            Err(
                err @ (CommandError::TwoFactorRequired { .. }
                | CommandError::TwoFactorEnrolmentRequired { .. }),
            ) => {
                *self.pending.lock().await = Some(PendingSignIn::new(&new, credential));
                return Err(err);
            }
            Err(err) => return Err(err),
        };
        *self.pending.lock().await = None;
        logging::remember(signed_in.token.expose());
        let authed = client.with_token(signed_in.token.clone());
        let me = self.online(authed.me().await)?;
        let region = self.online(client.health().await)?.region;
        let profile = self.cache.save_profile(new, self.clock.now()).await?;
        self.tokens.set(&profile.id, &signed_in.token)?;
        self.cache.set_active_profile(Some(&profile.id)).await?;
        let view = SessionView::new(profile, me, region);
        self.begin(authed, view.clone()).await?;
        Ok(view)
    }

    async fn begin(&self, client: Client, view: SessionView) -> Result<(), CommandError> {
        let json =
            serde_json::to_string(&view).map_err(|e| CommandError::internal(e.to_string()))?;
        self.cache
            .set_setting(&view_key(&view.profile.id), Some(&json))
            .await?;
        let now = self.clock.now();
        self.idle.input(now);
        self.set_connection(true);
        *self.session.lock().await = Some(Active {
            client,
            view,
            last_touch: now,
        });
        Ok(())
    }

    pub async fn sign_out(&self) -> Result<(), CommandError> {
        self.end_session(SessionEndReason::SignedOut).await
    }

    /// Signs out and forgets which workspace was active: back to the welcome screen.
    pub async fn leave_workspace(&self) -> Result<(), CommandError> {
        self.cancel_sign_in().await;
        self.end_session(SessionEndReason::SignedOut).await?;
        self.cache.set_active_profile(None).await?;
        if let Some(demo) = self.demo.lock().await.take() {
            demo.stop()
                .await
                .map_err(|e| CommandError::internal(e.to_string()))?;
        }
        Ok(())
    }

    pub async fn change_password(&self, req: ChangePasswordRequest) -> Result<(), CommandError> {
        logging::remember(req.current_password.expose());
        logging::remember(req.new_password.expose());
        let client = self.client().await?;
        let result = client.change_password(&req).await;
        self.after_call(result).await
    }

    pub fn report_activity(&self) {
        self.idle.input(self.clock.now());
    }

    /// Asks the service whether it is there, and tells the web view if that changed.
    pub async fn check_connection(&self) -> Result<Connection, CommandError> {
        if let Some(profile) = self.cache.active_profile().await? {
            let client = Client::new(&profile.url)?.with_retry(RetryPolicy::none());
            let reachable = client.health().await.is_ok();
            self.set_connection(reachable);
        }
        Ok(*self.connection.lock().unwrap())
    }

    /// Runs every few seconds: the idle lock, and the keep-alive while the user is active.
    pub async fn tick(&self, now: DateTime<Utc>) -> Result<(), CommandError> {
        let (client, last_touch) = match self.session.lock().await.as_ref() {
            Some(active) => (active.client.clone(), active.last_touch),
            None => return Ok(()),
        };
        if self.idle.is_expired(now) {
            tracing::info!("signing out after 30 minutes without input");
            return self.end_session(SessionEndReason::Idle).await;
        }
        let active_since_touch = self.idle.last_input() > last_touch;
        if active_since_touch && now - last_touch >= Duration::minutes(KEEPALIVE_MINUTES) {
            let me = self.after_call(client.me().await).await?;
            if let Some(active) = self.session.lock().await.as_mut() {
                active.last_touch = now;
                active.view.idle_expires_at = me.idle_expires_at;
            }
        }
        Ok(())
    }

    /// The session's client, marked background unless the user asked (FZ-IDLE-30).
    fn marked(&self, client: &Client) -> Client {
        crate::origin::mark(client.clone(), self.idle.last_input(), self.clock.now())
    }

    /// "Now" from the injected clock: logic never reads the system time itself.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Notes whether the service answered, and converts the error.
    fn online<T>(&self, result: Result<T, ClientError>) -> Result<T, CommandError> {
        match result {
            Err(e) if e.is_offline() => {
                self.set_connection(false);
                Err(e.into())
            }
            Err(e) => {
                self.set_connection(true);
                Err(e.into())
            }
            Ok(value) => {
                self.set_connection(true);
                Ok(value)
            }
        }
    }

    fn set_connection(&self, online: bool) {
        let changed = {
            let mut current = self.connection.lock().unwrap();
            if current.is_online() == online {
                None
            } else {
                let since = self.clock.now();
                *current = if online {
                    Connection::Online { since }
                } else {
                    Connection::Offline { since }
                };
                Some(*current)
            }
        };
        if let Some(connection) = changed {
            self.notifier.connection_changed(connection);
        }
    }

    async fn end_session(&self, reason: SessionEndReason) -> Result<(), CommandError> {
        let Some(active) = self.session.lock().await.take() else {
            return Ok(());
        };
        if matches!(reason, SessionEndReason::SignedOut | SessionEndReason::Idle) {
            // Best effort: offline, the token still dies with its idle limit on the service.
            if let Err(e) = active.client.sign_out().await {
                tracing::warn!(error = %e, "the service did not confirm the sign-out");
            }
        }
        self.tokens.delete(&active.view.profile.id)?;
        self.notifier.session_ended(SessionEnded { reason });
        Ok(())
    }

    async fn ensure_demo(&self) -> Result<String, CommandError> {
        let mut demo = self.demo.lock().await;
        if demo.is_none() {
            let started =
                crate::demo::start(&self.data_dir.join("demo"), self.now(), &self.first_panel)
                    .await
                    .map_err(|e| {
                        CommandError::internal(format!("the demo workspace did not start: {e}"))
                    })?;
            tracing::info!(url = %started.base_url(), "demo workspace started");
            *demo = Some(started);
        }
        Ok(demo.as_ref().map(|d| d.base_url()).unwrap_or_default())
    }

    /// Stops the embedded service but keeps the session: the service "goes away".
    #[cfg(test)]
    pub(crate) async fn stop_demo_for_test(&self) -> bool {
        match self.demo.lock().await.take() {
            Some(demo) => demo.stop().await.is_ok(),
            None => false,
        }
    }

    async fn demo_url(&self, profile: &Profile) -> Result<String, CommandError> {
        let url = self.ensure_demo().await?;
        self.cache.set_profile_url(&profile.id, &url).await?;
        Ok(url)
    }
}

/// What the panels see of the console (`crate::host`).
impl Host for Console {
    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn cache(&self) -> &Cache {
        &self.cache
    }

    fn notifier(&self) -> Arc<dyn Notifier> {
        self.notifier.clone()
    }

    fn busy(&self) -> &BusyRegistry {
        &self.busy
    }

    fn is_online(&self) -> bool {
        self.connection.lock().unwrap().is_online()
    }

    fn policy_path(&self) -> &std::path::Path {
        &self.policy_path
    }

    fn audit_sync_lock(&self) -> &tokio::sync::Mutex<()> {
        &self.audit_sync
    }

    fn full_sync(&self) -> &crate::offline::FullSyncState {
        &self.full_sync
    }

    async fn client(&self) -> Result<Client, CommandError> {
        match self.session.lock().await.as_ref() {
            Some(active) => Ok(self.marked(&active.client)),
            None => Err(CommandError::Unauthorized {
                message: "sign in first".into(),
            }),
        }
    }

    async fn session(&self) -> Result<(Client, SessionView), CommandError> {
        match self.session.lock().await.as_ref() {
            Some(active) => Ok((self.marked(&active.client), active.view.clone())),
            None => Err(CommandError::Unauthorized {
                message: "sign in first".into(),
            }),
        }
    }

    async fn profile_id(&self) -> Option<String> {
        let session = self.session.lock().await;
        session.as_ref().map(|a| a.view.profile.id.clone())
    }

    async fn after_call<T: Send>(&self, result: Result<T, ClientError>) -> Result<T, CommandError> {
        let err = match self.online(result) {
            Ok(value) => return Ok(value),
            Err(err) => err,
        };
        if let CommandError::Unauthorized { .. } = err {
            // A call still running with an earlier session's token (signed out and in again
            // meanwhile) says nothing of this session: end only one the service refuses too.
            let current = match self.client().await {
                Ok(client) => client.me().await.is_ok(),
                Err(_) => false,
            };
            if !current {
                self.end_session(SessionEndReason::Expired).await?;
            }
        }
        if let CommandError::Forbidden { .. } = err {
            if self.client().await?.me().await.is_err_and(|e| {
                e.problem()
                    .is_some_and(|p| p.code == ProblemCode::UserBlocked)
            }) {
                self.end_session(SessionEndReason::Blocked).await?;
            }
        }
        Err(err)
    }

    async fn ask_save(&self, what: SaveAs) -> Option<PathBuf> {
        // An update does not install while the dialog is open (see `crate::busy`).
        let _busy = self.busy.hold(crate::busy::Activity::Dialog);
        self.dialog.ask(what).await
    }
}
