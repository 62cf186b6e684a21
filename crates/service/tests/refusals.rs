//! Refusals that come before any handler logic: unknown routes, wrong methods, bad
//! path and query values, and too many sign-ins from one address.

mod common;

use admin_service::Config;
use chrono::Duration;
use common::*;
use reqwest::Method;

#[tokio::test]
async fn wrong_method_is_405_problem() {
    let s = TestService::start().await;
    let a = s.call(Method::PUT, "/api/v1/me", None, None).await;
    a.assert_problem(405, "method_not_allowed");
}

#[tokio::test]
async fn bad_path_and_query_values_are_400_naming_the_parameter() {
    let s = TestService::start().await;
    let operator = s.sign_in(OPERATOR, DEMO_PASSWORD).await;
    let a = s
        .post(
            "/api/v1/users/abc/block",
            Some(&operator),
            serde_json::json!({}),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("id"), "{a:?}");
    let a = s.get("/api/v1/audit?after=x", Some(&operator)).await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("after"), "{a:?}");
}

/// Clause UQ-LOCKOUT-3 (its companion): one address cannot spray sign-ins across many
/// users; past the quota it gets 429 with Retry-After, and the window reopens.
#[tokio::test]
async fn uq_lockout_3_sign_ins_per_address_are_rate_limited() {
    let s = TestService::start_with(Config {
        sign_ins_per_minute: 3,
        ..Config::default()
    })
    .await;
    for name in [
        "nobody1@demo.example",
        "nobody2@demo.example",
        "nobody3@demo.example",
    ] {
        s.sign_in_raw(name, "wrong-password")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    let limited = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    limited.assert_problem(429, "rate_limited");
    let retry_after = s
        .http
        .post(s.url("/api/v1/sessions"))
        .json(&serde_json::json!({"username": MANAGER, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    assert_eq!(retry_after, Some(60));
    s.advance(Duration::seconds(60));
    s.sign_in(MANAGER, DEMO_PASSWORD).await;
}
