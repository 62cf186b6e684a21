//! Shared harness for the integration tests: a real service on loopback, a temporary
//! SQLite database seeded with the demo workspace, a manual clock and a reqwest client.
#![allow(dead_code)]

pub mod oidc;
pub mod pg;
pub mod smtp;

use admin_service::clock::ManualClock;
use admin_service::db::Db;
use admin_service::{demo, AppState, Config, RunningService};
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::Arc;
use tempfile::TempDir;

#[allow(unused_imports)]
pub use demo::{DEMO_PASSWORD, MANAGER, OPERATOR};

/// The start of every test's time: a whole second, so computed deadlines compare exactly.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// When the harness seeds the demo: its maintenance windows and releases then sit around
/// November 2026, away from the months the tests fill themselves (March to June 2026).
pub fn demo_seeded_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 16, 9, 0, 0).unwrap()
}

pub struct TestService {
    pub running: RunningService,
    pub clock: ManualClock,
    pub http: reqwest::Client,
    pub base: String,
    // Dropped last: the database files live here.
    _dir: TempDir,
}

/// A service that was stopped, ready to start again where it was.
pub struct StoppedService {
    state: AppState,
    addr: std::net::SocketAddr,
    pub clock: ManualClock,
    http: reqwest::Client,
    base: String,
    dir: TempDir,
}

impl StoppedService {
    /// Starts the service again on the same address, database and clock.
    pub async fn restart(self) -> TestService {
        let running = admin_service::start(&self.addr.to_string(), self.state)
            .await
            .expect("restart on the same address");
        TestService {
            running,
            clock: self.clock,
            http: self.http,
            base: self.base,
            _dir: self.dir,
        }
    }
}

/// An HTTP answer read in full: status, content type and the body as JSON (Null if none).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: Option<String>,
    pub text: String,
    pub body: Value,
}

impl Answer {
    /// The problem+json `code`, asserting the content type on the way.
    pub fn problem_code(&self) -> &str {
        assert_eq!(
            self.content_type.as_deref(),
            Some("application/problem+json"),
            "a problem answer must be application/problem+json: {self:?}"
        );
        assert_eq!(
            self.body["status"].as_u64(),
            Some(self.status.as_u16() as u64),
            "{self:?}"
        );
        self.body["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no problem code in {self:?}"))
    }

    pub fn field(&self) -> Option<&str> {
        self.body["field"].as_str()
    }

    /// Asserts status and problem code together.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "unexpected status: {self:?}");
        assert_eq!(
            self.problem_code(),
            code,
            "unexpected problem code: {self:?}"
        );
    }
}

impl TestService {
    pub async fn start() -> TestService {
        Self::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> TestService {
        Self::start_seeded(config, demo_seeded_at(), t0()).await
    }

    /// The demo seeded as of `now`, with the clock at `now` too.
    pub async fn start_at(now: DateTime<Utc>) -> TestService {
        Self::start_seeded(Config::default(), now, now).await
    }

    async fn start_seeded(
        config: Config,
        seeded_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> TestService {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = pg::database_url(dir.path()).await;
        let db = admin_service::db::open(&url).await.expect("open db");
        assert!(
            demo::seed_if_empty(&db, seeded_at).await.expect("seed"),
            "a fresh database is seeded"
        );
        let clock = ManualClock::new(now);
        let state = AppState::new(db, Arc::new(clock.clone()), config);
        let running = admin_service::start("127.0.0.1:0", state)
            .await
            .expect("start service");
        let base = running.base_url();
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        TestService {
            running,
            clock,
            http,
            base,
            _dir: dir,
        }
    }

    /// Another instance of the service on the same PostgreSQL database (its own pool and
    /// its own in-process state) and the same clock; None, saying so, on SQLite.
    pub async fn second_instance(&self, test: &str) -> Option<TestService> {
        let admin_service::db::Db::Postgres(pool) = self.db() else {
            eprintln!("SKIPPED on SQLite: {test} (two instances share a PostgreSQL database; {}=postgres)", pg::BACKEND_VAR);
            return None;
        };
        let options = (*pool.connect_options()).clone();
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(16)
            .connect_with(options)
            .await
            .expect("second pool");
        let db = admin_service::db::Db::Postgres(pool);
        let state = AppState::new(db, Arc::new(self.clock.clone()), Config::default());
        let running = admin_service::start("127.0.0.1:0", state)
            .await
            .expect("start the second instance");
        let base = running.base_url();
        Some(TestService {
            running,
            clock: self.clock.clone(),
            http: self.http.clone(),
            base,
            _dir: tempfile::tempdir().expect("tempdir"),
        })
    }

    /// Stops the service; the database, the clock and the address stay for `restart`.
    pub async fn stop(self) -> StoppedService {
        let state = self.running.state.clone();
        let addr = self.running.addr;
        self.running.stop().await.expect("service stops");
        StoppedService {
            state,
            addr,
            clock: self.clock,
            http: self.http,
            base: self.base,
            dir: self._dir,
        }
    }

    /// The directory holding the database files.
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn db(&self) -> &Db {
        &self.running.state.db
    }

    pub fn now(&self) -> DateTime<Utc> {
        use admin_service::clock::Clock;
        self.clock.now()
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends a request, with an optional bearer token and JSON body, and reads the answer.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = self.http.request(method, self.url(path));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("request reaches the service");
        read(resp).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::POST, path, token, Some(body)).await
    }

    pub async fn sign_in_raw(&self, username: &str, password: &str) -> Answer {
        self.post(
            "/api/v1/sessions",
            None,
            json!({ "username": username, "password": password }),
        )
        .await
    }

    /// Signs in and returns the token, asserting 201.
    pub async fn sign_in(&self, username: &str, password: &str) -> String {
        let a = self.sign_in_raw(username, password).await;
        assert_eq!(
            a.status,
            StatusCode::CREATED,
            "sign-in of {username} failed: {a:?}"
        );
        a.body["token"].as_str().expect("token").to_string()
    }

    pub async fn sign_in_demo(&self, username: &str) -> String {
        self.sign_in(username, DEMO_PASSWORD).await
    }

    pub async fn me(&self, token: &str) -> Answer {
        self.get("/api/v1/me", Some(token)).await
    }

    pub async fn user_id(&self, username: &str) -> i64 {
        admin_service::db::query_scalar("SELECT id FROM users WHERE username = ?")
            .bind(username)
            .fetch_one(self.db())
            .await
            .unwrap_or_else(|e| panic!("no user {username}: {e}"))
    }

    /// The kinds of a user's activity rows, oldest first.
    pub async fn activities(&self, username: &str) -> Vec<String> {
        let id = self.user_id(username).await;
        admin_service::db::query_scalar(
            "SELECT kind FROM user_activities WHERE user_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(self.db())
        .await
        .unwrap()
    }

    /// A demo user holding exactly the given role (first in seed order).
    pub async fn user_with_role(&self, role: &str) -> String {
        admin_service::db::query_scalar(
            "SELECT u.username FROM users u JOIN role_assignments r ON r.user_id = u.id \
             WHERE r.role = ? AND u.blocked = FALSE ORDER BY u.id LIMIT 1",
        )
        .bind(role)
        .fetch_one(self.db())
        .await
        .unwrap()
    }
}

pub async fn read(resp: reqwest::Response) -> Answer {
    let status = resp.status();
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = resp.text().await.expect("body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::Null)
    };
    Answer {
        status,
        content_type,
        text,
        body,
    }
}

pub fn parse_time(v: &Value) -> DateTime<Utc> {
    let s = v.as_str().unwrap_or_else(|| panic!("not a time: {v}"));
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad time {s}: {e}"))
        .with_timezone(&Utc)
}

impl TestService {
    pub async fn delete(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::DELETE, path, token, None).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.call(Method::PUT, path, token, Some(body)).await
    }

    pub async fn channel_id(&self, name: &str) -> i64 {
        admin_service::db::query_scalar("SELECT id FROM channels WHERE name = ?")
            .bind(name)
            .fetch_one(self.db())
            .await
            .unwrap_or_else(|e| panic!("no channel {name}: {e}"))
    }

    pub async fn demo_account_id(&self) -> i64 {
        admin_service::db::query_scalar("SELECT id FROM accounts WHERE name = ?")
            .bind(demo::ACCOUNT)
            .fetch_one(self.db())
            .await
            .unwrap()
    }

    /// The kinds of a user's notifications, oldest first.
    pub async fn notifications(&self, username: &str) -> Vec<String> {
        let id = self.user_id(username).await;
        admin_service::db::query_scalar(
            "SELECT kind FROM user_notifications WHERE user_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(self.db())
        .await
        .unwrap()
    }

    /// A second tenant: account "Other Oy", channel "Other channel", its Account Manager
    /// `am@other.example` and viewer `viewer@other.example` (demo password).
    pub async fn other_account(&self) -> OtherAccount {
        let db = self.db();
        let hash: String =
            admin_service::db::query_scalar("SELECT password_hash FROM users WHERE username = ?")
                .bind(MANAGER)
                .fetch_one(db)
                .await
                .unwrap();
        let account: i64 = admin_service::db::query_scalar(
            "INSERT INTO accounts (name) VALUES ('Other Oy') RETURNING id",
        )
        .fetch_one(db)
        .await
        .unwrap();
        let channel: i64 = admin_service::db::query_scalar(
            "INSERT INTO channels (account_id, name) VALUES (?, 'Other channel') RETURNING id",
        )
        .bind(account)
        .fetch_one(db)
        .await
        .unwrap();
        let mut ids = Vec::new();
        for (name, role, level, scope) in [
            ("am@other.example", "account_manager", "account", account),
            ("viewer@other.example", "viewer", "channel", channel),
        ] {
            let id: i64 = admin_service::db::query_scalar(
                "INSERT INTO users (username, display_name, email, account_id, password_hash, created_at) \
                 VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(name)
            .bind(name)
            .bind(name)
            .bind(account)
            .bind(&hash)
            .bind(t0())
            .fetch_one(db)
            .await
            .unwrap();
            admin_service::db::query(
                "INSERT INTO role_assignments (user_id, role, scope_level, scope_id, granted_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(role)
            .bind(level)
            .bind(scope)
            .bind(t0())
            .execute(db)
            .await
            .unwrap();
            ids.push(id);
        }
        OtherAccount {
            account,
            channel,
            manager: "am@other.example",
            manager_id: ids[0],
            viewer_id: ids[1],
        }
    }
}

pub struct OtherAccount {
    pub account: i64,
    pub channel: i64,
    pub manager: &'static str,
    pub manager_id: i64,
    pub viewer_id: i64,
}
