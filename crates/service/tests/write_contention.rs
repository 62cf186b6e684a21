//! Changes that read before they write, sent at once: each waits for the others' write
//! lock instead of failing with 500 "database is locked". (CI saw a series cancel fail so
//! while another request wrote.)

mod common;

use admin_policy::maintenance::helsinki_at as hel;
use common::*;
use reqwest::StatusCode;
use serde_json::json;

const WINDOWS: &str = "/api/v1/maintenance-windows";

/// Eight weekly series, one a month, each renamed twice and cancelled at the same moment.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn series_edits_and_cancels_sent_at_once_all_answer() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let mut anchors = Vec::new();
    for month in 1..=8 {
        let made = s
            .post(
                WINDOWS,
                Some(&op),
                json!({
                    "title": format!("Series {month}"),
                    "description": "Planned work",
                    "impact": "Short pauses",
                    "affected_components": ["api"],
                    "starts_at": hel(2027, month, 5, 21, 0),
                    "ends_at": hel(2027, month, 5, 22, 0),
                    "recurrence": "FREQ=WEEKLY;COUNT=2",
                }),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{made:?}");
        anchors.push(made.body[0]["id"].as_i64().unwrap());
    }
    let http = reqwest::Client::new();
    let mut calls = tokio::task::JoinSet::new();
    for (i, id) in anchors.iter().enumerate() {
        let series = s.url(&format!("{WINDOWS}/{id}/series"));
        let mut requests = vec![
            http.patch(&series)
                .json(&json!({"scope": "all", "patch": {"title": format!("Renamed {i}")}})),
            http.patch(&series)
                .json(&json!({"scope": "all", "patch": {"title": format!("Again {i}")}})),
        ];
        if i % 2 == 0 {
            requests.push(http.delete(format!("{series}?scope=all")));
        }
        for request in requests {
            let request = request.bearer_auth(&op);
            calls.spawn(async move {
                let resp = request.send().await.unwrap();
                (resp.status(), resp.text().await.unwrap())
            });
        }
    }
    let mut answered = 0;
    while let Some(done) = calls.join_next().await {
        let (status, body) = done.unwrap();
        // A rename that comes after the cancel is refused (409); nothing fails.
        assert!(
            status == StatusCode::OK || status == StatusCode::CONFLICT,
            "{status}: {body}"
        );
        answered += 1;
    }
    assert_eq!(answered, 20);
    let list = s.get(WINDOWS, Some(&op)).await;
    let cancelled = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            w["series_id"]
                .as_i64()
                .is_some_and(|id| anchors.contains(&id))
        })
        .filter(|w| w["status"] == "cancelled")
        .count();
    assert_eq!(cancelled, 8, "four series of two were cancelled");
}
