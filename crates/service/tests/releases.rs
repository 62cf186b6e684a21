//! The releases feed the console's timeline reads: change notices (4S-CHANGE-NOTICE) and,
//! once shipped, the updates installed.

mod common;

use chrono::Duration;
use common::*;
use reqwest::StatusCode;
use serde_json::json;

/// Clause 4S-CHANGE-NOTICE: every signed-in user reads the announced releases in shipping
/// order, with when each was announced and when it ships; nobody signed out does.
#[tokio::test]
async fn four_s_change_notice_releases_feed_lists_announced_releases_in_shipping_order() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let big = s
        .post(
            "/api/v1/releases",
            Some(&op),
            json!({"title": "New views", "description": "Roles on one page", "ships_at": s.now() + Duration::days(8), "larger_change": true}),
        )
        .await;
    assert_eq!(big.status, StatusCode::CREATED, "{big:?}");
    let small = s
        .post(
            "/api/v1/releases",
            Some(&op),
            json!({"title": "Weekly fixes", "ships_at": s.now() + Duration::days(1)}),
        )
        .await;
    assert_eq!(small.status, StatusCode::CREATED, "{small:?}");

    assert_eq!(
        s.get("/api/v1/releases", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let listed = s.get("/api/v1/releases", Some(&manager)).await;
    assert_eq!(listed.status, StatusCode::OK, "{listed:?}");
    let rows = listed.body.as_array().unwrap();
    let titles: Vec<(&str, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["title"].as_str().unwrap(),
                r["larger_change"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(titles, [("Weekly fixes", false), ("New views", true)]);
    assert_eq!(parse_time(&rows[0]["announced_at"]), s.now());
    assert_eq!(
        parse_time(&rows[1]["ships_at"]),
        s.now() + Duration::days(8)
    );
    assert_eq!(rows[1]["description"], "Roles on one page");
}
