//! The real service for the client's tests: a seeded SQLite database and a clock stopped
//! at a fixed date, so no outcome depends on the day the tests run.
#![allow(dead_code)]

use admin_service::clock::ManualClock;
use admin_service::db::Db;
use admin_service::{demo, AppState, Config, RunningService};
use chrono::{DateTime, TimeZone, Utc};
use std::sync::Arc;
use tempfile::TempDir;

/// A Monday morning in Helsinki business hours.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// The demo workspace seeded as of `t0` in a temporary folder (kept alive by the `TempDir`).
pub async fn demo_database() -> (Db, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = admin_service::db::open(&format!("sqlite://{}/s.sqlite", dir.path().display()))
        .await
        .unwrap();
    demo::seed_if_empty(&db, t0()).await.unwrap();
    (db, dir)
}

/// Serves `db` on a free loopback port with the clock at `t0`.
pub async fn serve(db: Db, config: Config) -> RunningService {
    let state = AppState::new(db, Arc::new(ManualClock::new(t0())), config);
    admin_service::start("127.0.0.1:0", state).await.unwrap()
}
