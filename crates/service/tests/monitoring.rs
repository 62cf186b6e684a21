//! Over 500 lines: the 4S-SLA stories over HTTP share the monitor and prober helpers.
//! Monitors, probes, pushed samples, the monthly SLA and incidents, over real HTTP.

mod common;

use admin_service::probe::Prober;
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn push_monitor(s: &TestService, op: &str) -> i64 {
    let a = s
        .post(
            "/api/v1/monitors",
            Some(op),
            json!({"name": "Edge probe", "kind": "push", "interval_s": 60}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    a.body["id"].as_i64().unwrap()
}

/// One sample a minute over `[from, to)`, down inside `outage`.
fn minute_samples(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    outage: (DateTime<Utc>, DateTime<Utc>),
) -> Vec<Value> {
    let mut out = Vec::new();
    let mut at = from;
    while at < to {
        let up = !(at >= outage.0 && at < outage.1);
        out.push(json!({"at": at, "up": up, "latency_ms": 40}));
        at += Duration::minutes(1);
    }
    out
}

#[tokio::test]
async fn operators_manage_monitors_and_others_may_not() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let list = s.get("/api/v1/monitors", Some(&manager)).await;
    assert_eq!(list.status, StatusCode::OK);
    let builtin = &list.body[0];
    assert_eq!(
        (builtin["builtin"].as_bool(), builtin["kind"].as_str()),
        (Some(true), Some("http"))
    );
    assert_eq!(
        builtin["target"].as_str(),
        Some(format!("{}/api/v1/health", s.base).as_str())
    );

    let refused = s
        .post(
            "/api/v1/monitors",
            Some(&manager),
            json!({"name": "x", "kind": "push"}),
        )
        .await;
    refused.assert_problem(403, "forbidden");
    let bad = s
        .post(
            "/api/v1/monitors",
            Some(&op),
            json!({"name": "x", "kind": "http", "target": "ftp://x"}),
        )
        .await;
    bad.assert_problem(400, "invalid_input");
    assert_eq!(bad.field(), Some("target"));
    let bad = s
        .post(
            "/api/v1/monitors",
            Some(&op),
            json!({"name": "x", "kind": "push", "interval_s": 5}),
        )
        .await;
    assert_eq!(bad.field(), Some("interval_s"));

    let id = push_monitor(&s, &op).await;
    let paused = s
        .call(
            Method::PATCH,
            &format!("/api/v1/monitors/{id}"),
            Some(&op),
            Some(json!({"paused": true})),
        )
        .await;
    assert_eq!(paused.body["paused"], true, "{paused:?}");
    let builtin_id = builtin["id"].as_i64().unwrap();
    s.call(
        Method::DELETE,
        &format!("/api/v1/monitors/{builtin_id}"),
        Some(&op),
        None,
    )
    .await
    .assert_problem(409, "conflict");
    let gone = s
        .call(
            Method::DELETE,
            &format!("/api/v1/monitors/{id}"),
            Some(&op),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(
        s.get("/api/v1/monitors", Some(&op))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

async fn register_prober(s: &TestService, op: &str) -> String {
    let a = s
        .post("/api/v1/probers", Some(op), json!({"name": "edge-1"}))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    a.body["token"].as_str().unwrap().to_string()
}

/// Clause 4S-SLA: the service writes no samples of its own; an outside prober checks
/// every http monitor at its interval, and a target nobody answers on is down.
#[tokio::test]
async fn four_s_sla_an_outside_prober_checks_every_http_monitor_at_its_interval() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    s.post("/api/v1/probers", Some(&manager), json!({"name": "x"}))
        .await
        .assert_problem(403, "forbidden");
    let token = register_prober(&s, &op).await;
    s.post("/api/v1/probers", Some(&op), json!({"name": "edge-1"}))
        .await
        .assert_problem(409, "conflict");
    // A session token is not a prober token, and neither is nothing.
    s.get("/api/v1/probe/targets", Some(&op))
        .await
        .assert_problem(401, "unauthenticated");
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let gone = s
        .post(
            "/api/v1/monitors",
            Some(&op),
            json!({"name": "Gone", "kind": "http", "target": format!("http://{closed}/"), "interval_s": 120}),
        )
        .await;
    let gone = gone.body["id"].as_i64().unwrap();
    let clock = std::sync::Arc::new(s.clock.clone());
    let mut prober = Prober::new(&s.base, &token, clock);
    let first = prober.round().await;
    assert_eq!((first.probed, first.delivered), (2, true), "{first:?}");
    assert_eq!(prober.round().await.probed, 0, "not due again yet");
    s.advance(Duration::seconds(60));
    assert_eq!(prober.round().await.probed, 1, "the 60 s monitor only");
    let rows: Vec<(i64, bool, Option<i64>)> = admin_service::db::query_as(
        "SELECT monitor_id, up, status_code FROM monitor_samples ORDER BY at, monitor_id",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    let builtin = s.get("/api/v1/monitors", Some(&op)).await.body[0]["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        rows,
        vec![
            (builtin, true, Some(200)),
            (gone, false, None),
            (builtin, true, Some(200))
        ]
    );
    let probers = s.get("/api/v1/probers", Some(&manager)).await;
    assert_eq!(probers.body[0]["name"], "edge-1");
    assert_eq!(
        parse_time(&probers.body[0]["last_heartbeat_at"]),
        s.now(),
        "{probers:?}"
    );
}

#[tokio::test]
async fn pushed_samples_are_idempotent_on_their_time() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let id = push_monitor(&s, &op).await;
    let t = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let batch = minute_samples(t, t + Duration::minutes(30), (t, t));
    let path = format!("/api/v1/monitors/{id}/samples");
    let first = s.post(&path, Some(&op), Value::Array(batch.clone())).await;
    assert_eq!(
        first.body,
        json!({"accepted": 30, "duplicates": 0}),
        "{first:?}"
    );
    let again = s.post(&path, Some(&op), Value::Array(batch)).await;
    assert_eq!(again.body, json!({"accepted": 0, "duplicates": 30}));
    let builtin = s.get("/api/v1/monitors", Some(&op)).await.body[0]["id"]
        .as_i64()
        .unwrap();
    s.post(
        &format!("/api/v1/monitors/{builtin}/samples"),
        Some(&op),
        json!([]),
    )
    .await
    .assert_problem(409, "conflict");
}

/// Clause 4S-SLA: the service's monthly figure over pushed samples: an hour down in
/// business hours out of 22 business days breaks 99.8 %.
#[tokio::test]
async fn four_s_sla_month_report_over_pushed_samples() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let id = push_monitor(&s, &op).await;
    // June 2026 in Helsinki (UTC+3), down 10:00-11:00 local on Wednesday the 10th.
    let from = Utc.with_ymd_and_hms(2026, 5, 31, 21, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2026, 6, 30, 21, 0, 0).unwrap();
    let outage = (
        Utc.with_ymd_and_hms(2026, 6, 10, 7, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 6, 10, 8, 0, 0).unwrap(),
    );
    let all = minute_samples(from, to, outage);
    for chunk in all.chunks(10_000) {
        let a = s
            .post(
                &format!("/api/v1/monitors/{id}/samples"),
                Some(&op),
                Value::Array(chunk.to_vec()),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{a:?}");
    }
    // Into July: June is closed.
    s.advance(Duration::days(130));
    let manager = s.sign_in_demo(MANAGER).await;
    let r = s
        .get(
            &format!("/api/v1/monitors/{id}/sla?month=2026-06"),
            Some(&manager),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{r:?}");
    let b = &r.body;
    assert_eq!(b["time_zone"], "Europe/Helsinki");
    assert_eq!(b["business_s"], 22 * 13 * 3600);
    assert_eq!(b["measured_s"], 22 * 13 * 3600);
    assert_eq!(b["remaining_s"], 0);
    assert_eq!(b["down_s"], 3600);
    assert_eq!(b["unmonitored_s"], 0);
    assert_eq!(b["status"], "breached");
    assert_eq!(b["compliant"], false);
    assert_eq!(b["target_ratio"], 0.998);
    let ratio = b["uptime_ratio"].as_f64().unwrap();
    assert!((ratio - (1.0 - 3600.0 / (22.0 * 13.0 * 3600.0))).abs() < 1e-9);
    assert_eq!(b["uptime_ratio_best"].as_f64(), Some(ratio));
    let allowed = b["allowed_downtime_s"].as_f64().unwrap();
    assert!((allowed - 0.002 * 22.0 * 13.0 * 3600.0).abs() < 1e-6);

    s.get(
        &format!("/api/v1/monitors/{id}/sla?month=June"),
        Some(&manager),
    )
    .await
    .assert_problem(400, "invalid_input");
    let viewer = s.user_with_role("viewer").await;
    let viewer = s.sign_in_demo(&viewer).await;
    s.get(
        &format!("/api/v1/monitors/{id}/sla?month=2026-06"),
        Some(&viewer),
    )
    .await
    .assert_problem(403, "forbidden");
}

/// Clause 4S-CRITICAL-FIX: an incident shows its time-to-fix in business hours and
/// whether it was fixed the same business day; operators annotate it.
#[tokio::test]
async fn four_s_critical_fix_incidents_with_business_time_to_fix() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let id = push_monitor(&s, &op).await;
    // Down from 19:30 to 21:00 Helsinki on Wednesday 2026-06-10: 30 business minutes.
    let from = Utc.with_ymd_and_hms(2026, 6, 10, 15, 0, 0).unwrap();
    let outage = (
        Utc.with_ymd_and_hms(2026, 6, 10, 16, 30, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 6, 10, 18, 0, 0).unwrap(),
    );
    let batch = minute_samples(from, from + Duration::hours(4), outage);
    s.post(
        &format!("/api/v1/monitors/{id}/samples"),
        Some(&op),
        Value::Array(batch),
    )
    .await;
    let range = "from=2026-06-10T00:00:00Z&to=2026-06-11T00:00:00Z";
    let list = s
        .get(
            &format!("/api/v1/monitors/{id}/incidents?{range}"),
            Some(&op),
        )
        .await;
    let incidents = list.body.as_array().unwrap();
    assert_eq!(incidents.len(), 1, "{list:?}");
    assert_eq!(incidents[0]["duration_s"], 90 * 60);
    assert_eq!(incidents[0]["time_to_fix_business_s"], 30 * 60);
    // Fixed at 21:00, after the 20:00 closing of the day it started in.
    assert_eq!(incidents[0]["fixed_same_business_day"], false);

    let started = outage.0.timestamp();
    let note = json!({"note": "Database failover; fixed by promoting the replica."});
    let a = s
        .call(
            Method::PUT,
            &format!("/api/v1/monitors/{id}/incidents/{started}/note"),
            Some(&op),
            Some(note),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{a:?}");
    let list = s
        .get(
            &format!("/api/v1/monitors/{id}/incidents?{range}"),
            Some(&op),
        )
        .await;
    assert_eq!(
        list.body[0]["note"],
        "Database failover; fixed by promoting the replica."
    );
    let not_an_incident = from.timestamp();
    s.call(
        Method::PUT,
        &format!("/api/v1/monitors/{id}/incidents/{not_an_incident}/note"),
        Some(&op),
        Some(json!({"note": "x"})),
    )
    .await
    .assert_problem(404, "not_found");
}

/// The console seeds the demo's recent days before its first panel and the older months after
/// (issue 18): the two steps write the same minutes as one seeding, and neither writes twice.
#[tokio::test]
async fn demo_history_seeded_in_two_steps_is_the_same_history() {
    let (one, two) = (TestService::start().await, TestService::start().await);
    let now = one.now();
    let all = admin_service::demo::seed_history(one.db(), now)
        .await
        .unwrap();
    let recent = admin_service::demo::seed_recent_history(two.db(), now)
        .await
        .unwrap();
    assert_eq!(recent, admin_service::demo::RECENT_DAYS * 1440);
    let older = admin_service::demo::seed_older_history(two.db())
        .await
        .unwrap();
    assert_eq!(recent + older, all);
    assert_eq!(
        admin_service::demo::seed_older_history(two.db())
            .await
            .unwrap(),
        0
    );
    let later = now + chrono::Duration::days(2);
    assert_eq!(
        admin_service::demo::seed_recent_history(two.db(), later)
            .await
            .unwrap(),
        0
    );
    let shape = "SELECT COUNT(*), SUM(CASE WHEN up THEN 1 ELSE 0 END), MIN(at), MAX(at) FROM monitor_samples";
    let a: (i64, i64, i64, i64) = admin_service::db::query_as(shape)
        .fetch_one(one.db())
        .await
        .unwrap();
    let b: (i64, i64, i64, i64) = admin_service::db::query_as(shape)
        .fetch_one(two.db())
        .await
        .unwrap();
    assert_eq!(a, b, "count, minutes up, first and last minute");
}

/// Clause 4S-SLA: the demo history has 13 months of minute samples in which exactly one
/// month breaks 99.8 %, as the uptime panel's history table shows; the 90 daily bars and
/// the response-time series come from the same samples.
#[tokio::test]
async fn four_s_sla_demo_history_daily_bars_and_latency() {
    let s = TestService::start().await;
    let now = s.now();
    let written = admin_service::demo::seed_history(s.db(), now)
        .await
        .unwrap();
    assert!(written > 13 * 30 * 1440, "{written}");
    assert_eq!(
        admin_service::demo::seed_history(s.db(), now)
            .await
            .unwrap(),
        0,
        "seeds once"
    );
    let manager = s.sign_in_demo(MANAGER).await;
    let id = s.get("/api/v1/monitors", Some(&manager)).await.body[0]["id"]
        .as_i64()
        .unwrap();

    let history = s
        .get(
            &format!("/api/v1/monitors/{id}/sla-history?months=12"),
            Some(&manager),
        )
        .await;
    let months = history.body.as_array().expect("a list");
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[0]["month"], "2026-03",
        "newest first, this month included"
    );
    assert_eq!(months[1]["month"], "2026-02");
    let breaching: Vec<&Value> = months.iter().filter(|m| m["compliant"] == false).collect();
    assert_eq!(breaching.len(), 1, "{months:?}");
    assert!(breaching[0]["down_s"].as_i64().unwrap() >= 3 * 3600);

    let daily = s
        .get(
            &format!("/api/v1/monitors/{id}/daily?days=90"),
            Some(&manager),
        )
        .await;
    let bars = daily.body.as_array().expect("a list");
    assert_eq!(bars.len(), 90);
    assert_eq!(bars[89]["date"], "2026-03-02", "ends today in Helsinki");
    assert_eq!(bars[0]["date"], "2025-12-03");
    let count = |state: &str| bars.iter().filter(|b| b["state"] == state).count();
    assert!(count("up") > 70, "{bars:?}");
    assert!(count("degraded") >= 5, "the 7-minute outages every ~9 days");
    assert_eq!(count("no_data"), 0);
    s.get(
        &format!("/api/v1/monitors/{id}/daily?days=0"),
        Some(&manager),
    )
    .await
    .assert_problem(400, "invalid_input");

    let range = "from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z";
    let points = s
        .get(
            &format!("/api/v1/monitors/{id}/latency?{range}"),
            Some(&manager),
        )
        .await;
    let points = points
        .body
        .as_array()
        .unwrap_or_else(|| panic!("{points:?}"));
    assert!(
        !points.is_empty() && points.len() <= 1000,
        "{}",
        points.len()
    );
    for p in points {
        let (avg, max) = (p["avg_ms"].as_f64().unwrap(), p["max_ms"].as_f64().unwrap());
        assert!((38.0..=100.0).contains(&avg) && max >= avg, "{p}");
    }
}

/// Clauses 4S-SLA and 4S-MAINT-NOTICE: a daytime window announced 7 days ahead leaves
/// measured time; one announced two days ahead does not, so its outage is downtime.
#[tokio::test]
async fn four_s_sla_only_properly_announced_maintenance_is_cut_out() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let id = push_monitor(&s, &op).await;
    let at = |d, h| Utc.with_ymd_and_hms(2026, 6, d, h, 0, 0).unwrap();
    // Helsinki is UTC+3 in June: 07:00-08:00 UTC is 10:00-11:00 local, business hours.
    for (day, announced_days_before, title) in [(10, 8, "Announced"), (11, 2, "Too late")] {
        admin_service::db::query(
            "INSERT INTO maintenance_windows (title, starts_at, ends_at, announced_at, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(title)
        .bind(at(day, 7))
        .bind(at(day, 8))
        .bind(at(day, 7) - Duration::days(announced_days_before))
        .bind(s.now())
        .execute(s.db())
        .await
        .unwrap();
    }
    let from = Utc.with_ymd_and_hms(2026, 5, 31, 21, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2026, 6, 30, 21, 0, 0).unwrap();
    let mut all = Vec::new();
    let mut at_ = from;
    while at_ < to {
        let down = (at_ >= at(10, 7) && at_ < at(10, 8)) || (at_ >= at(11, 7) && at_ < at(11, 8));
        all.push(json!({"at": at_, "up": !down}));
        at_ += Duration::minutes(1);
    }
    for chunk in all.chunks(10_000) {
        s.post(
            &format!("/api/v1/monitors/{id}/samples"),
            Some(&op),
            Value::Array(chunk.to_vec()),
        )
        .await;
    }
    // Into July: June is closed.
    s.advance(Duration::days(130));
    let op = s.sign_in_demo(OPERATOR).await;
    let r = s
        .get(
            &format!("/api/v1/monitors/{id}/sla?month=2026-06"),
            Some(&op),
        )
        .await;
    assert_eq!(r.body["maintenance_s"], 3600, "{r:?}");
    assert_eq!(
        r.body["down_s"], 3600,
        "the late-announced window's outage is downtime"
    );
    assert_eq!(r.body["business_s"], 22 * 13 * 3600);
}

/// Clause 4S-SLA: a day with maintenance announced as the rules require is a maintenance
/// day, and the outage inside the window counts as neither up nor down; a day whose
/// maintenance was announced too late shows its outage as down.
#[tokio::test]
async fn four_s_sla_daily_bars_mark_announced_maintenance() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let id = push_monitor(&s, &op).await;
    // Helsinki is UTC+2 in February: 08:00-10:00 UTC is 10:00-12:00 local.
    let at = |d, h| Utc.with_ymd_and_hms(2026, 2, d, h, 0, 0).unwrap();
    for (day, announced_days_before, title) in [(25, 8, "Announced"), (26, 2, "Too late")] {
        admin_service::db::query(
            "INSERT INTO maintenance_windows (title, starts_at, ends_at, announced_at, status, created_at) \
             VALUES (?, ?, ?, ?, 'completed', ?)",
        )
        .bind(title)
        .bind(at(day, 8))
        .bind(at(day, 10))
        .bind(at(day, 8) - Duration::days(announced_days_before))
        .bind(s.now())
        .execute(s.db())
        .await
        .unwrap();
    }
    let from = Utc.with_ymd_and_hms(2026, 2, 23, 22, 0, 0).unwrap();
    let mut all = Vec::new();
    let mut t = from;
    while t < s.now() {
        let down = (t >= at(25, 8) && t < at(25, 10)) || (t >= at(26, 8) && t < at(26, 10));
        all.push(json!({"at": t, "up": !down, "latency_ms": 50}));
        t += Duration::minutes(1);
    }
    for chunk in all.chunks(10_000) {
        s.post(
            &format!("/api/v1/monitors/{id}/samples"),
            Some(&op),
            Value::Array(chunk.to_vec()),
        )
        .await;
    }
    let r = s
        .get(&format!("/api/v1/monitors/{id}/daily?days=8"), Some(&op))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{r:?}");
    let days: Vec<(String, String, i64, i64)> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap().to_string(),
                d["state"].as_str().unwrap().to_string(),
                d["down_s"].as_i64().unwrap(),
                d["maintenance_s"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2026-02-23".into(), "no_data".into(), 0, 0),
            ("2026-02-24".into(), "up".into(), 0, 0),
            ("2026-02-25".into(), "maintenance".into(), 0, 7200),
            ("2026-02-26".into(), "down".into(), 7200, 0),
            ("2026-02-27".into(), "up".into(), 0, 0),
            ("2026-02-28".into(), "up".into(), 0, 0),
            ("2026-03-01".into(), "up".into(), 0, 0),
            ("2026-03-02".into(), "up".into(), 0, 0),
        ]
    );
    assert_eq!(r.body[2]["up_s"], 86_400 - 7200);
}

/// Clause 4S-SLA: the report names the calendar it was measured in. Only Service
/// Operators change an account's calendar; the change governs months from the next one
/// on, Account Managers see it and who made it when, and every month is measured in the
/// version in force for it.
#[tokio::test]
async fn four_s_sla_report_names_the_accounts_business_calendar() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let id = push_monitor(&s, &op).await;
    let path = format!("/api/v1/monitors/{id}/sla?month=2026-02");
    let default = s.get(&path, Some(&manager)).await;
    assert_eq!(
        default.body["business_days"],
        json!([1, 2, 3, 4, 5]),
        "{default:?}"
    );
    assert_eq!(default.body["business_opens"], "07:00");
    assert_eq!(default.body["business_closes"], "20:00");
    assert_eq!(default.body["business_s"], 20 * 13 * 3600);
    let account = s.demo_account_id().await;
    let calendar_path = format!("/api/v1/accounts/{account}/business-calendar");
    let service = &s;
    let put = |token: String, body: Value| {
        let path = calendar_path.clone();
        async move { service.put(&path, Some(&token), body).await }
    };
    let stockholm = json!({"time_zone": "Europe/Stockholm", "days": [6, 1, 2, 3, 4, 5, 5],
        "opens": "08:00", "closes": "18:00"});
    put(manager.clone(), stockholm.clone())
        .await
        .assert_problem(403, "forbidden");
    put(
        op.clone(),
        json!({"time_zone": "Mars/Olympus", "days": [1], "opens": "08:00", "closes": "18:00"}),
    )
    .await
    .assert_problem(400, "invalid_input");
    let bad_days = put(op.clone(), json!({"time_zone": "Europe/Stockholm", "days": [0, 8], "opens": "08:00", "closes": "18:00"})).await;
    assert_eq!(bad_days.field(), Some("days"));
    let backwards = put(
        op.clone(),
        json!({"time_zone": "Europe/Stockholm", "days": [1], "opens": "18:00", "closes": "08:00"}),
    )
    .await;
    assert_eq!(backwards.field(), Some("closes"));
    let saved = put(op.clone(), stockholm).await;
    assert_eq!(saved.status, StatusCode::OK, "{saved:?}");
    assert_eq!(saved.body["days"], json!([1, 2, 3, 4, 5, 6]));

    // Managers see the versions, who changed them and when.
    let seen = s.get(&calendar_path, Some(&manager)).await;
    assert_eq!(seen.status, StatusCode::OK, "{seen:?}");
    assert_eq!(seen.body["month"], "2026-03");
    assert_eq!(seen.body["in_force"]["time_zone"], "Europe/Helsinki");
    assert_eq!(seen.body["next_change_from"], "2026-04");
    let version = &seen.body["versions"][0];
    assert_eq!(version["effective_from"], "2026-04");
    assert_eq!(version["calendar"]["time_zone"], "Europe/Stockholm");
    assert_eq!(version["changed_by"], OPERATOR);
    assert_eq!(parse_time(&version["changed_at"]), s.now());

    // February and the month in progress keep the clause's calendar.
    let own = s.get(&path, Some(&manager)).await;
    assert_eq!(own.body, default.body);
    let march = s
        .get(
            &format!("/api/v1/monitors/{id}/sla?month=2026-03"),
            Some(&manager),
        )
        .await;
    assert_eq!(march.body["time_zone"], "Europe/Helsinki");
    // April is measured in the new version: 22 weekdays and 4 Saturdays of 10 hours.
    let april = s
        .get(
            &format!("/api/v1/monitors/{id}/sla?month=2026-04"),
            Some(&manager),
        )
        .await;
    assert_eq!(april.body["time_zone"], "Europe/Stockholm");
    assert_eq!(april.body["business_days"], json!([1, 2, 3, 4, 5, 6]));
    assert_eq!(april.body["business_opens"], "08:00");
    assert_eq!(april.body["business_s"], 26 * 10 * 3600);
}

/// Clause 4S-SLA: a calendar change made today leaves last month's report identical to
/// the second, and the history measures each month in its own version.
#[tokio::test]
async fn four_s_sla_calendar_change_today_leaves_last_month_identical() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let id = push_monitor(&s, &op).await;
    // February 2026 with an hour down, pushed minute by minute.
    let from = Utc.with_ymd_and_hms(2026, 1, 31, 22, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2026, 2, 28, 22, 0, 0).unwrap();
    let outage = (
        Utc.with_ymd_and_hms(2026, 2, 10, 8, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 2, 10, 9, 0, 0).unwrap(),
    );
    for chunk in minute_samples(from, to, outage).chunks(10_000) {
        s.post(
            &format!("/api/v1/monitors/{id}/samples"),
            Some(&op),
            Value::Array(chunk.to_vec()),
        )
        .await;
    }
    // The manager reads in the account's calendar; the operator changes it.
    let manager = s.sign_in_demo(MANAGER).await;
    let feb = format!("/api/v1/monitors/{id}/sla?month=2026-02");
    let history = format!("/api/v1/monitors/{id}/sla-history?months=3");
    let before = s.get(&feb, Some(&manager)).await;
    let history_before = s.get(&history, Some(&manager)).await;
    assert_eq!(before.body["down_s"], 3600, "{before:?}");
    let account = s.demo_account_id().await;
    let changed = s
        .put(
            &format!("/api/v1/accounts/{account}/business-calendar"),
            Some(&op),
            json!({"time_zone": "America/New_York", "days": [1, 2, 3, 4, 5, 6, 7], "opens": "00:00", "closes": "23:59"}),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{changed:?}");
    let after = s.get(&feb, Some(&manager)).await;
    assert_eq!(
        after.text, before.text,
        "February is closed: not a second moves"
    );
    assert_eq!(
        s.get(&history, Some(&manager)).await.text,
        history_before.text
    );
    // Two months on, the history shows each month in its own calendar.
    s.advance(Duration::days(61));
    let manager = s.sign_in_demo(MANAGER).await;
    let months = s.get(&history, Some(&manager)).await;
    let zones: Vec<&str> = months
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["time_zone"].as_str().unwrap())
        .collect();
    assert_eq!(
        zones,
        ["America/New_York", "America/New_York", "Europe/Helsinki"],
        "May, April, March"
    );
    assert_eq!(s.get(&feb, Some(&manager)).await.text, before.text);
}
