//! Clause 4S-FEATURE-TOGGLES: a user switches listed features on or off for themselves;
//! the choice is kept per user and audited.

mod common;

use chrono::Duration;
use common::*;
use serde_json::json;

/// 4S-FEATURE-TOGGLES: every feature is listed with its description and default, a change
/// is kept for that user only, and each change is an activity and an audit event.
#[tokio::test]
async fn feature_toggles_4s_feature_toggles_are_per_user_and_audited() {
    let s = TestService::start().await;
    let manager = s.sign_in_demo(MANAGER).await;
    let operator = s.sign_in_demo(OPERATOR).await;

    let a = s.get("/api/v1/me/features", Some(&manager)).await;
    assert_eq!(a.status, 200, "{a:?}");
    let items = a.body["items"].as_array().unwrap();
    let keys: Vec<&str> = items.iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["compact_tables", "maintenance_banner"]);
    assert!(items
        .iter()
        .all(|f| !f["description"].as_str().unwrap().is_empty()));
    assert_eq!(items[0]["enabled"], false);
    assert_eq!(items[1]["enabled"], true);
    assert!(items[0]["changed_at"].is_null());

    s.advance(Duration::minutes(2));
    let a = s
        .put(
            "/api/v1/me/features",
            Some(&manager),
            json!({"key": "compact_tables", "enabled": true}),
        )
        .await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.body["items"][0]["enabled"], true);
    assert_eq!(parse_time(&a.body["items"][0]["changed_at"]), s.now());

    // Persisted: a fresh read says the same; another user still has the default.
    let a = s.get("/api/v1/me/features", Some(&manager)).await;
    assert_eq!(a.body["items"][0]["enabled"], true);
    let b = s.get("/api/v1/me/features", Some(&operator)).await;
    assert_eq!(b.body["items"][0]["enabled"], false);

    let a = s
        .put(
            "/api/v1/me/features",
            Some(&manager),
            json!({"key": "maintenance_banner", "enabled": false}),
        )
        .await;
    assert_eq!(a.body["items"][1]["enabled"], false);

    let acts = s.activities(MANAGER).await;
    assert_eq!(acts.iter().filter(|k| *k == "feature_changed").count(), 2);
    let audited: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'PUT /api/v1/me/features' AND status = 200",
    )
    .fetch_one(s.db())
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

/// 4S-FEATURE-TOGGLES: only listed features can be switched; the problem names the field.
#[tokio::test]
async fn unknown_feature_4s_feature_toggles_is_refused_naming_the_field() {
    let s = TestService::start().await;
    let manager = s.sign_in_demo(MANAGER).await;
    let a = s
        .put(
            "/api/v1/me/features",
            Some(&manager),
            json!({"key": "mind_reading", "enabled": true}),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("key"));
    let a = s
        .put(
            "/api/v1/me/features",
            None,
            json!({"key": "compact_tables", "enabled": true}),
        )
        .await;
    assert_eq!(a.status, 401);
}
