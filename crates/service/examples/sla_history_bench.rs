//! `GET /api/v1/monitors/{id}/sla-history?months=12` through HTTP on loopback, as the uptime
//! panel calls it, over a year of 60 s samples (525,600). Target: p95 <= 100 ms. Prints
//! figures; it asserts only that the run it timed was a correct one. Run:
//! `cargo run --release -p admin-service --example sla_history_bench`

use admin_service::clock::ManualClock;
use admin_service::{demo, AppState, Config};
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Instant;

const SAMPLES: i64 = 525_600;
const RUNS: usize = 60;

fn percentile(sorted: &[f64], p: usize) -> f64 {
    sorted[(sorted.len() * p).div_ceil(100) - 1]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db =
        admin_service::db::open(&format!("sqlite://{}/bench.sqlite", dir.path().display())).await?;
    // Thursday 15 January 2026, 12:00 Helsinki: twelve months back reach February 2025.
    let now = Utc.with_ymd_and_hms(2026, 1, 15, 10, 0, 0).unwrap();
    demo::seed_if_empty(&db, now).await?;
    let clock = ManualClock::new(now);
    let state = AppState::new(db.clone(), Arc::new(clock), Config::default());
    let running = admin_service::start("127.0.0.1:0", state).await?;
    let monitor: i64 =
        admin_service::db::query_scalar("SELECT id FROM monitors WHERE builtin = TRUE")
            .fetch_one(&db)
            .await?;
    // A year of minute samples ending now, with a 25-minute outage every 9 days, written by
    // SQLite itself (as the demo history is).
    let first = now.timestamp() - SAMPLES * 60;
    let started = Instant::now();
    admin_service::db::query(
        "WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i + 1 < ?) \
         INSERT INTO monitor_samples (monitor_id, at, up, status_code, latency_ms) \
         SELECT ?, ? + i * 60, CASE WHEN i % 12960 < 25 THEN FALSE ELSE TRUE END, 200, 40 FROM m",
    )
    .bind(SAMPLES)
    .bind(monitor)
    .bind(first)
    .execute(&db)
    .await?;
    println!(
        "seeded {SAMPLES} samples in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let http = reqwest::Client::builder().no_proxy().build()?;
    let base = running.base_url();
    let signed: Value = http
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({"username": demo::MANAGER, "password": demo::DEMO_PASSWORD}))
        .send()
        .await?
        .json()
        .await?;
    let token = signed["token"]
        .as_str()
        .expect("a session token")
        .to_string();
    let url = format!("{base}/api/v1/monitors/{monitor}/sla-history?months=12");
    let get = || async {
        let t = Instant::now();
        let months: Vec<Value> = http
            .get(&url)
            .bearer_auth(&token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok::<_, anyhow::Error>((t.elapsed().as_secs_f64() * 1000.0, months))
    };

    // The first call computes every month; closed months are kept after it.
    let (cold, months) = get().await?;
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["month"], "2026-01");
    assert_eq!(months[0]["remaining_s"].as_i64().map(|s| s > 0), Some(true));
    assert_eq!(months[11]["month"], "2025-02");
    for m in &months {
        // Every measured second is up, down or without data, in progress or not.
        let part = |f: &str| m[f].as_i64().expect(f);
        assert_eq!(
            part("up_s") + part("down_s") + part("unmonitored_s"),
            part("measured_s"),
            "{m}"
        );
    }
    for m in &months[1..] {
        // A correct run: closed, fully covered months whose parts add up and are judged.
        let part = |f: &str| m[f].as_i64().expect(f);
        assert_eq!(part("remaining_s"), 0, "{m}");
        assert_eq!(part("unmonitored_s"), 0, "{m}");
        assert!(part("down_s") > 0, "{m}");
        assert_eq!(part("up_s") + part("down_s"), part("measured_s"), "{m}");
        assert!(
            matches!(m["status"].as_str(), Some("compliant" | "breached")),
            "{m}"
        );
    }
    let mut warm = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (ms, again) = get().await?;
        assert_eq!(again, months, "the same figures every time");
        warm.push(ms);
    }
    warm.sort_by(f64::total_cmp);
    println!("GET sla-history?months=12 over {SAMPLES} samples, loopback HTTP:");
    println!("  first call (computes all 12 months): {cold:.1} ms");
    println!(
        "  next {RUNS} calls: p50 {:.1} ms, p95 {:.1} ms, worst {:.1} ms (target p95 <= 100 ms)",
        percentile(&warm, 50),
        percentile(&warm, 95),
        warm[warm.len() - 1]
    );
    for m in &months {
        println!(
            "  {}: {} proven {:.5} best {:.5} down {} s",
            m["month"].as_str().unwrap_or("?"),
            m["status"].as_str().unwrap_or("?"),
            m["uptime_ratio"].as_f64().unwrap_or(f64::NAN),
            m["uptime_ratio_best"].as_f64().unwrap_or(f64::NAN),
            m["down_s"]
        );
    }
    running.stop().await?;
    Ok(())
}
