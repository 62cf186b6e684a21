//! Clause 4S-SLA end to end on loopback: the service and an outside prober sharing one
//! manual clock, so hours of business time pass in a few seconds. Killing the service is
//! an outage the prober records as down; stopping the prober too leaves no data, which
//! never counts as uptime.

mod common;

use admin_service::clock::ManualClock;
use admin_service::probe::{Prober, Round};
use chrono::{Duration, TimeZone, Utc};
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::Arc;

/// One prober round a minute for `minutes` minutes.
async fn rounds(prober: &mut Prober, clock: &ManualClock, minutes: i64) -> Vec<Round> {
    let mut out = Vec::new();
    for _ in 0..minutes {
        out.push(prober.round().await);
        clock.advance(Duration::minutes(1));
    }
    out
}

async fn march(s: &TestService, monitor: i64) -> Value {
    let op = s.sign_in_demo(OPERATOR).await;
    let a = s
        .get(
            &format!("/api/v1/monitors/{monitor}/sla?month=2026-03"),
            Some(&op),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    a.body
}

fn secs(v: &Value, field: &str) -> i64 {
    v[field]
        .as_i64()
        .unwrap_or_else(|| panic!("{field} in {v}"))
}

/// Clause 4S-SLA: twenty minutes with the service killed are down; two hours with the
/// prober stopped (and the service too) are no data; March is then never compliant.
#[tokio::test]
async fn four_s_sla_service_killed_is_down_prober_stopped_is_no_data() {
    let s = TestService::start().await;
    // Monday 2 March 2026, 11:00 Helsinki: business hours.
    assert_eq!(s.now(), Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let op = s.sign_in_demo(OPERATOR).await;
    let made = s
        .post("/api/v1/probers", Some(&op), json!({"name": "edge-1"}))
        .await;
    let token = made.body["token"].as_str().unwrap().to_string();
    let monitor = s.get("/api/v1/monitors", Some(&op)).await.body[0]["id"]
        .as_i64()
        .unwrap();
    let clock = s.clock.clone();
    let mut prober = Prober::new(&s.base, &token, Arc::new(clock.clone()));

    let up = rounds(&mut prober, &clock, 30).await;
    assert!(up.iter().all(|r| r.delivered && r.probed == 1), "{up:?}");

    // Kill the service for 20 minutes; the prober keeps probing and holds its results.
    let stopped = s.stop().await;
    let away = rounds(&mut prober, &clock, 20).await;
    assert!(
        away.iter().all(|r| !r.delivered && r.probed == 1),
        "{away:?}"
    );
    assert_eq!(away.last().unwrap().held_samples, 20);
    let s = stopped.restart().await;
    let back = rounds(&mut prober, &clock, 30).await;
    assert!(back[0].delivered && back[0].held_samples == 0, "{back:?}");

    let before = march(&s, monitor).await;
    // 07:00-11:00 before the prober started is no data; 20 minutes down; an hour up.
    assert_eq!(secs(&before, "down_s"), 20 * 60, "{before}");
    assert_eq!(secs(&before, "up_s"), 60 * 60, "{before}");
    assert_eq!(secs(&before, "unmonitored_s"), 4 * 3600, "{before}");
    assert_eq!(secs(&before, "measured_s"), 4 * 3600 + 80 * 60);
    assert_eq!(before["status"], "at_risk", "no data exceeds the allowance");

    // Now the prober stops as well, and the service, for two hours.
    let stopped = s.stop().await;
    clock.advance(Duration::hours(2));
    let s = stopped.restart().await;
    let resumed = rounds(&mut prober, &clock, 10).await;
    assert!(resumed.iter().all(|r| r.delivered), "{resumed:?}");
    let after = march(&s, monitor).await;
    assert_eq!(
        secs(&after, "down_s"),
        20 * 60,
        "stopping the prober is not down"
    );
    // The last sample before the stop covers two intervals; the rest is no data.
    assert_eq!(
        secs(&after, "unmonitored_s") - secs(&before, "unmonitored_s"),
        2 * 3600 - 60,
        "{after}"
    );
    assert_eq!(
        secs(&after, "up_s") + secs(&after, "down_s") + secs(&after, "unmonitored_s"),
        secs(&after, "measured_s")
    );
    let probers = s
        .get("/api/v1/probers", Some(&s.sign_in_demo(OPERATOR).await))
        .await;
    assert_eq!(
        parse_time(&probers.body[0]["last_heartbeat_at"]),
        s.now() - Duration::minutes(1)
    );

    // April: March is closed with most of its business time unmonitored.
    clock.advance(Duration::days(31));
    let closed = march(&s, monitor).await;
    assert_eq!(secs(&closed, "remaining_s"), 0);
    let (up_s, down_s, measured) = (
        secs(&closed, "up_s") as f64,
        secs(&closed, "down_s") as f64,
        secs(&closed, "measured_s") as f64,
    );
    let expected = if up_s / measured >= 0.998 {
        "compliant"
    } else if up_s / (up_s + down_s) < 0.998 {
        "breached"
    } else {
        "unverified"
    };
    assert_eq!(closed["status"], expected, "{closed}");
    assert_ne!(closed["status"], "compliant");
    assert!(closed["uptime_ratio"].as_f64().unwrap() < 0.01);
}

/// Clause 4S-SLA: a push monitor that stops pushing is down once its interval plus grace
/// has passed; its heartbeats come with a prober token.
#[tokio::test]
async fn four_s_sla_push_monitor_silent_past_its_grace_is_down() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let made = s
        .post("/api/v1/probers", Some(&op), json!({"name": "batch-host"}))
        .await;
    let token = made.body["token"].as_str().unwrap().to_string();
    let push = s
        .post(
            "/api/v1/monitors",
            Some(&op),
            json!({"name": "Nightly batch", "kind": "push", "interval_s": 60, "grace_s": 120}),
        )
        .await;
    assert_eq!(push.body["grace_s"], 120, "{push:?}");
    let id = push.body["id"].as_i64().unwrap();
    let beat = |token: String| {
        let url = s.url(&format!("/api/v1/monitors/{id}/heartbeat"));
        let http = s.http.clone();
        async move { http.post(url).bearer_auth(token).send().await.unwrap() }
    };
    for _ in 0..10 {
        assert_eq!(beat(token.clone()).await.status(), StatusCode::NO_CONTENT);
        s.advance(Duration::minutes(1));
    }
    assert_eq!(
        beat("not-a-token".into()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Silent for 30 minutes.
    s.advance(Duration::minutes(30));
    let op = s.sign_in_demo(OPERATOR).await;
    let r = s
        .get(
            &format!("/api/v1/monitors/{id}/sla?month=2026-03"),
            Some(&op),
        )
        .await;
    // The last beat (at +9 min) covers 3 minutes, to +12; down from there to +40.
    assert_eq!(r.body["down_s"], 28 * 60, "{r:?}");
    assert_eq!(r.body["up_s"], 12 * 60);
    // Before the monitor existed (07:00-11:00 Helsinki) there is no data.
    assert_eq!(r.body["unmonitored_s"], 4 * 3600);
    let builtin = s.get("/api/v1/monitors", Some(&op)).await.body[0]["id"]
        .as_i64()
        .unwrap();
    let refused = s
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/monitors/{builtin}/heartbeat"),
            Some(&token),
            None,
        )
        .await;
    refused.assert_problem(409, "conflict");
}

/// Clause 4S-SLA, and issue 19: a month at risk, then breached, is told once per monitor and
/// status to the managers of every account, each judged in its own calendar; operators and
/// viewers are not told. Nothing new is sent while nothing changes.
#[tokio::test]
async fn four_s_sla_month_at_risk_then_breached_is_told_once_to_each_accounts_managers() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let state = &s.running.state;
    let op = s.sign_in_demo(OPERATOR).await;
    let monitors = s.get("/api/v1/monitors", Some(&op)).await.body;
    // What the Uptime panel says of March for each monitor is what the managers are told.
    let mut expected = Vec::new();
    for monitor in monitors.as_array().unwrap() {
        let id = monitor["id"].as_i64().unwrap();
        match march(&s, id).await["status"].as_str().unwrap() {
            "at_risk" => expected.push("sla_at_risk".to_string()),
            "breached" => expected.push("sla_breached".to_string()),
            _ => {}
        }
    }
    assert!(
        expected.contains(&"sla_at_risk".to_string()),
        "four hours of no data put March at risk"
    );
    let sent = admin_service::sla_alerts::check(state).await.unwrap();
    assert_eq!(
        sent,
        2 * expected.len(),
        "one alert a monitor for each of two accounts"
    );
    assert_eq!(s.notifications(MANAGER).await, expected);
    assert_eq!(s.notifications(other.manager).await, expected);
    assert!(s.notifications(OPERATOR).await.is_empty());
    assert!(s
        .notifications(&s.user_with_role("viewer").await)
        .await
        .is_empty());
    assert_eq!(
        admin_service::sla_alerts::check(state).await.unwrap(),
        0,
        "told once"
    );

    // An hour down in business hours breaks the promise: 0.2 % of March is 34 minutes.
    let (builtin, name): (i64, String) =
        admin_service::db::query_as("SELECT id, name FROM monitors WHERE builtin = TRUE")
            .fetch_one(s.db())
            .await
            .unwrap();
    assert_ne!(march(&s, builtin).await["status"], "breached");
    for minute in 0..60 {
        admin_service::db::query(
            "INSERT INTO monitor_samples (monitor_id, at, up) VALUES (?, ?, ?)",
        )
        .bind(builtin)
        .bind((s.now() - Duration::minutes(60 - minute)).timestamp())
        .bind(false)
        .execute(s.db())
        .await
        .unwrap();
    }
    assert_eq!(march(&s, builtin).await["status"], "breached");
    assert_eq!(admin_service::sla_alerts::check(state).await.unwrap(), 2);
    for manager in [MANAGER, other.manager] {
        let id = s.user_id(manager).await;
        let (kind, message): (String, String) = admin_service::db::query_as(
            "SELECT kind, message FROM user_notifications WHERE user_id = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_one(s.db())
        .await
        .unwrap();
        assert_eq!(kind, "sla_breached");
        assert!(
            message.starts_with(&format!(
                "Uptime promise breached: {name}, 2026-03: 60 min down"
            )),
            "{message}"
        );
    }
    assert_eq!(admin_service::sla_alerts::check(state).await.unwrap(), 0);
}
