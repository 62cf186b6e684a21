//! Requests per second on each backend (issue 23): sign-in, a users page and an audit feed
//! page, through HTTP on loopback, on SQLite with one instance and on PostgreSQL with one and
//! with two instances sharing the database. Prints figures; before each rate it asserts that
//! every timed request got the answer it should. Run:
//! `ADMIN_BENCH_PG_URL=postgres://… cargo run --release -p admin-service --example backend_bench`
//! where the URL names a server the bench may create databases on
//! (`scripts/pg-cluster.sh start DIR PORT` prints one). Without it, SQLite alone.

use admin_service::clock::SystemClock;
use admin_service::{demo, AppState, Config, RunningService};
use chrono::Utc;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Requests in flight at once, spread over the instances in turn.
const CONCURRENCY: usize = 8;

struct Case {
    name: &'static str,
    requests: usize,
}

const CASES: [Case; 3] = [
    // Each sign-in hashes a password with argon2id (~55 ms of CPU, FZ-PW-REDACT).
    Case {
        name: "sign-in",
        requests: 160,
    },
    Case {
        name: "users page",
        requests: 2_000,
    },
    Case {
        name: "audit feed page",
        requests: 2_000,
    },
];

/// Rate limits out of the way: the bench is one client address asking as fast as it can.
fn config() -> Config {
    Config {
        sign_ins_per_minute: u32::MAX,
        feed_requests_per_minute: u32::MAX,
        ..Config::default()
    }
}

async fn instances(url: &str, count: usize) -> anyhow::Result<Vec<RunningService>> {
    let mut running = Vec::new();
    for i in 0..count {
        let db = admin_service::db::open(url).await?;
        if i == 0 {
            demo::seed_if_empty(&db, Utc::now()).await?;
        }
        let state = AppState::new(db, Arc::new(SystemClock), config());
        running.push(admin_service::start("127.0.0.1:0", state).await?);
    }
    Ok(running)
}

async fn token(http: &reqwest::Client, base: &str, username: &str) -> anyhow::Result<String> {
    let signed: Value = http
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({"username": username, "password": demo::DEMO_PASSWORD}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(signed["token"]
        .as_str()
        .expect("a session token")
        .to_string())
}

/// One request of `case` to `base`: whether it succeeded, and how many rows a page held.
async fn request(
    http: &reqwest::Client,
    base: &str,
    case: &str,
    manager: &str,
    operator: &str,
) -> anyhow::Result<(bool, usize)> {
    Ok(match case {
        "sign-in" => {
            let a = http
                .post(format!("{base}/api/v1/sessions"))
                .json(&json!({"username": demo::MANAGER, "password": demo::DEMO_PASSWORD}))
                .send()
                .await?;
            (a.status() == reqwest::StatusCode::CREATED, 0)
        }
        "users page" => {
            let a = http
                .get(format!("{base}/api/v1/users?limit=50"))
                .bearer_auth(manager)
                .send()
                .await?;
            let ok = a.status().is_success();
            let page: Value = a.json().await?;
            (ok, page["users"].as_array().map_or(0, Vec::len))
        }
        _ => {
            let a = http
                .get(format!("{base}/api/v1/audit?limit=100"))
                .bearer_auth(operator)
                .send()
                .await?;
            let ok = a.status().is_success();
            let page: Value = a.json().await?;
            (ok, page["items"].as_array().map_or(0, Vec::len))
        }
    })
}

async fn measure(label: &str, running: &[RunningService]) -> anyhow::Result<()> {
    let http = reqwest::Client::builder().no_proxy().build()?;
    let bases: Arc<Vec<String>> = Arc::new(running.iter().map(|r| r.base_url()).collect());
    let manager = token(&http, &bases[0], demo::MANAGER).await?;
    let operator = token(&http, &bases[0], demo::OPERATOR).await?;
    // The audit feed needs 100 events to fill a page.
    for _ in 0..60 {
        token(&http, &bases[0], demo::MANAGER).await?;
    }
    for case in &CASES {
        // Every timed page must hold what the first one held, and that must be something.
        let (ok, rows) = request(&http, &bases[0], case.name, &manager, &operator).await?;
        assert!(ok, "{label}, {}: the first request failed", case.name);
        assert!(
            case.name == "sign-in" || rows > 0,
            "{label}, {}: an empty page measures nothing",
            case.name
        );
        let next = Arc::new(AtomicUsize::new(0));
        let good = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut workers = Vec::new();
        for _ in 0..CONCURRENCY {
            let (http, bases, next, good) =
                (http.clone(), bases.clone(), next.clone(), good.clone());
            let (manager, operator, name, total) =
                (manager.clone(), operator.clone(), case.name, case.requests);
            workers.push(tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        return Ok::<_, anyhow::Error>(());
                    }
                    let base = &bases[i % bases.len()];
                    if request(&http, base, name, &manager, &operator).await? == (true, rows) {
                        good.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
        for worker in workers {
            worker.await??;
        }
        let seconds = started.elapsed().as_secs_f64();
        let good = good.load(Ordering::Relaxed);
        assert_eq!(
            good, case.requests,
            "{label}, {}: {good} of {} requests got the answer they should",
            case.name, case.requests
        );
        println!(
            "{label:<40} {:<22} {:>8.1} requests/s ({} requests of {rows} rows, {CONCURRENCY} at once, {seconds:.2} s)",
            case.name,
            case.requests as f64 / seconds,
            case.requests
        );
    }
    Ok(())
}

async fn pg_database(server: &str, name: &str) -> anyhow::Result<String> {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(server).await?;
    sqlx::Executor::execute(
        &mut admin,
        format!("DROP DATABASE IF EXISTS \"{name}\"").as_str(),
    )
    .await?;
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE \"{name}\"").as_str()).await?;
    admin.close().await?;
    let mut url = url::Url::parse(server)?;
    url.set_path(name);
    Ok(url.to_string())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite://{}/bench.sqlite", dir.path().display());
    let running = instances(&sqlite, 1).await?;
    measure("SQLite, one instance", &running).await?;
    for r in running {
        r.stop().await?;
    }
    let Ok(server) = std::env::var("ADMIN_BENCH_PG_URL") else {
        println!("PostgreSQL skipped: ADMIN_BENCH_PG_URL is not set");
        return Ok(());
    };
    for count in [1, 2] {
        let url = pg_database(&server, &format!("backend_bench_{count}")).await?;
        let running = instances(&url, count).await?;
        let label = if count == 1 {
            "PostgreSQL, one instance"
        } else {
            "PostgreSQL, two instances, one database"
        };
        measure(label, &running).await?;
        for r in running {
            r.stop().await?;
        }
    }
    Ok(())
}
