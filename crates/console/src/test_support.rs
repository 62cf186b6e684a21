//! What the console's tests share: the real service on loopback with the demo data, and
//! consoles opened on a temporary folder, signed in to it as a demo user.

use crate::clock::{Clock, SystemClock};
use crate::console::{Console, Notifier};
use crate::tokens::{MemoryStore, TokenStore};
use crate::views::{ConnectRequest, Connection, SessionEnded};
use admin_api::Secret;
use admin_service::{demo, AppState, Config, RunningService};
use std::path::Path;
use std::sync::Arc;

/// A notifier for tests that listen to nothing.
pub(crate) struct Quiet;

impl Notifier for Quiet {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
}

/// The demo service, seeded on its first start. Its database lives in the folder it is
/// started in, so starting it again there (on the same address) is a restart.
pub(crate) struct DemoService {
    clock: Arc<dyn Clock>,
    config: Config,
    audit_events: u64,
    listen: String,
}

impl DemoService {
    pub(crate) fn new() -> Self {
        DemoService {
            clock: Arc::new(SystemClock),
            config: Config::default(),
            audit_events: 0,
            listen: "127.0.0.1:0".into(),
        }
    }

    pub(crate) fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub(crate) fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Demo audit events seeded on the first start, beside what seeding writes anyway.
    pub(crate) fn audit_events(mut self, n: u64) -> Self {
        self.audit_events = n;
        self
    }

    pub(crate) fn listen(mut self, addr: &str) -> Self {
        self.listen = addr.into();
        self
    }

    pub(crate) async fn start(self, dir: &Path) -> RunningService {
        let url = format!("sqlite://{}/service.sqlite", dir.display());
        let db = admin_service::db::open(&url).await.unwrap();
        let now = self.clock.now();
        if demo::seed_if_empty(&db, now).await.unwrap() && self.audit_events > 0 {
            demo::seed_audit(&db, self.audit_events, now).await.unwrap();
        }
        let state = AppState::new(db, self.clock, self.config);
        admin_service::start(&self.listen, state).await.unwrap()
    }
}

/// A console on a folder of its own, with an in-memory keyring, the system clock and no
/// listener unless told otherwise.
pub(crate) struct TestConsole {
    tokens: Arc<dyn TokenStore>,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
}

impl TestConsole {
    pub(crate) fn new() -> Self {
        TestConsole {
            tokens: Arc::new(MemoryStore::default()),
            notifier: Arc::new(Quiet),
            clock: Arc::new(SystemClock),
        }
    }

    pub(crate) fn tokens(mut self, tokens: Arc<dyn TokenStore>) -> Self {
        self.tokens = tokens;
        self
    }

    pub(crate) fn notifier(mut self, notifier: Arc<dyn Notifier>) -> Self {
        self.notifier = notifier;
        self
    }

    pub(crate) fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    pub(crate) async fn open(self, dir: &Path) -> Console {
        Console::open(dir.to_path_buf(), self.tokens, self.notifier, self.clock)
            .await
            .expect("the console opens")
    }

    /// Opened and signed in to `url` as `username` with the demo password.
    pub(crate) async fn signed_in(self, dir: &Path, url: &str, username: &str) -> Console {
        let console = self.open(dir).await;
        sign_in(&console, url, username).await;
        console
    }
}

/// Signs `console` in to `url` as `username` with the demo password.
pub(crate) async fn sign_in(console: &Console, url: &str, username: &str) {
    console
        .connect(ConnectRequest {
            url: url.to_string(),
            username: username.into(),
            password: Secret::new(demo::DEMO_PASSWORD),
        })
        .await
        .unwrap();
}
