//! Clauses UQ-NOTIFY-CONTACT and UQ-GDPR: contact changes notify the user and both
//! addresses through the outbox (delivered to a real SMTP sink on loopback); consent
//! changes are kept, each one, and a revocation is confirmed.

mod common;

use admin_service::outbox::{deliver_due, SmtpRelay, MAX_ATTEMPTS};
use admin_service::Config;
use chrono::Duration;
use common::smtp::Sink;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn with_sink() -> (TestService, Sink) {
    let (sink, port) = Sink::start().await;
    let s = TestService::start_with(Config {
        smtp_relay: Some(SmtpRelay {
            host: "127.0.0.1".into(),
            port,
            from: "Admin <no-reply@demo.example>".into(),
        }),
        ..Config::default()
    })
    .await;
    (s, sink)
}

async fn patch(s: &TestService, token: &str, id: i64, body: serde_json::Value) -> Answer {
    s.call(
        Method::PATCH,
        &format!("/api/v1/users/{id}"),
        Some(token),
        Some(body),
    )
    .await
}

/// Clause UQ-NOTIFY-CONTACT: an e-mail change is a notification to the user, and the old
/// and the new address both receive a message over SMTP; the outbox shows them sent.
#[tokio::test]
async fn uq_notify_contact_email_change_notifies_old_and_new_address() {
    let (s, sink) = with_sink().await;
    let manager = s.sign_in_demo(MANAGER).await;
    let user = s.user_with_role("channel_editor").await;
    let id = s.user_id(&user).await;
    let a = patch(
        &s,
        &manager,
        id,
        json!({"email": "New.Address@Demo.Example"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["user"]["email"], "new.address@demo.example");
    assert_eq!(a.body["messages"].as_array().unwrap().len(), 2);

    deliver_due(&s.running.state).await.unwrap();
    let mut expected = vec![user.clone(), "new.address@demo.example".to_string()];
    expected.sort();
    assert_eq!(sink.recipients(), expected);
    let body = sink.received.lock().unwrap()[0].1.clone();
    assert!(body.contains("was changed"), "{body}");

    let outbox = s
        .get(&format!("/api/v1/users/{id}/outbox"), Some(&manager))
        .await;
    let statuses: Vec<&str> = outbox
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["sent", "sent"]);

    let kinds: Vec<String> =
        admin_service::db::query_scalar("SELECT kind FROM user_notifications WHERE user_id = ?")
            .bind(id)
            .fetch_all(s.db())
            .await
            .unwrap();
    assert_eq!(kinds, ["email_changed"]);
    assert!(s
        .activities(&user)
        .await
        .contains(&"contact_changed".to_string()));
}

/// Clause UQ-NOTIFY-CONTACT: a phone change is notified too (texts stay queued: no SMS
/// gateway); a failing relay makes mail "retrying", then "failed" after the last attempt.
#[tokio::test]
async fn uq_notify_contact_phone_change_and_failed_delivery_are_visible() {
    let (s, sink) = with_sink().await;
    *sink.refuse.lock().unwrap() = true;
    let user = s.user_with_role("viewer").await;
    let id = s.user_id(&user).await;
    let token = s.sign_in_demo(&user).await;
    let a = patch(&s, &token, id, json!({"phone": "+358 40 555 0101"})).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["user"]["phone"], "+358405550101");
    assert!(a.body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["channel"] == "sms"));
    let kinds: Vec<String> =
        admin_service::db::query_scalar("SELECT kind FROM user_notifications WHERE user_id = ?")
            .bind(id)
            .fetch_all(s.db())
            .await
            .unwrap();
    assert_eq!(kinds, ["phone_changed"]);

    patch(&s, &token, id, json!({"email": "other@demo.example"})).await;
    for _ in 0..MAX_ATTEMPTS {
        deliver_due(&s.running.state).await.unwrap();
        // Hours pass between rounds: a fresh session each time.
        let token = s.sign_in_demo(&user).await;
        let outbox = s
            .get(&format!("/api/v1/users/{id}/outbox"), Some(&token))
            .await;
        let mail: Vec<_> = outbox
            .body
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["channel"] == "email")
            .cloned()
            .collect();
        assert!(
            mail.iter()
                .all(|m| m["status"] == "retrying" || m["status"] == "failed"),
            "{mail:?}"
        );
        assert!(mail
            .iter()
            .all(|m| m["last_error"].as_str().unwrap().contains("550")));
        s.advance(Duration::hours(2));
    }
    let token = s.sign_in_demo(&user).await;
    let outbox = s
        .get(&format!("/api/v1/users/{id}/outbox"), Some(&token))
        .await;
    let statuses: Vec<(&str, &str)> = outbox
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["channel"].as_str().unwrap(),
                m["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|(c, st)| *c == "email" && *st == "failed")
            .count(),
        2,
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .filter(|(c, _)| *c == "sms")
        .all(|(_, st)| *st == "queued"));
    assert!(sink.recipients().is_empty());
}

/// Clause UQ-NOTIFY-CONTACT: only the user, their account's manager or an operator may
/// change contact details, and a malformed address is refused naming the field.
#[tokio::test]
async fn uq_notify_contact_only_allowed_callers_and_valid_addresses() {
    let s = TestService::start().await;
    let viewer = s.user_with_role("viewer").await;
    let vt = s.sign_in_demo(&viewer).await;
    let manager_id = s.user_id(MANAGER).await;
    // A viewer does not see the Account Manager at all (UQ-SCOPE): 404, not 403.
    patch(&s, &vt, manager_id, json!({"email": "x@demo.example"}))
        .await
        .assert_problem(404, "not_found");
    let own = s.user_id(&viewer).await;
    let a = patch(&s, &vt, own, json!({"email": "not-an-address"})).await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("email"));
    patch(&s, &vt, 9999, json!({}))
        .await
        .assert_problem(404, "not_found");
}

/// Clause UQ-GDPR: a granted marketing permission can be revoked; every change is kept,
/// recorded as an activity, and the revocation is confirmed by a notification.
#[tokio::test]
async fn uq_gdpr_consent_can_be_revoked_and_the_revocation_is_recorded() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let a = s.get("/api/v1/me/consents", Some(&token)).await;
    assert!(a.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["granted"] == false));
    let a = s
        .post(
            "/api/v1/me/consents",
            Some(&token),
            json!({"purpose": "marketing_email", "granted": true}),
        )
        .await;
    assert_eq!(a.body["items"][0]["granted"], true, "{a:?}");
    s.advance(Duration::minutes(3));
    let a = s
        .post(
            "/api/v1/me/consents",
            Some(&token),
            json!({"purpose": "marketing_email", "granted": false}),
        )
        .await;
    assert_eq!(a.body["items"][0]["granted"], false);
    assert_eq!(parse_time(&a.body["items"][0]["changed_at"]), s.now());
    let history: Vec<(bool, String)> = admin_service::db::query_as(
        "SELECT granted, purpose FROM consent_changes WHERE user_id = ? ORDER BY id",
    )
    .bind(s.user_id(MANAGER).await)
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(
        history,
        [
            (true, "marketing_email".into()),
            (false, "marketing_email".into())
        ]
    );
    let acts = s.activities(MANAGER).await;
    assert_eq!(acts.iter().filter(|k| *k == "consent_changed").count(), 2);
    let kinds: Vec<String> = admin_service::db::query_scalar(
        "SELECT kind FROM user_notifications WHERE user_id = ? ORDER BY id",
    )
    .bind(s.user_id(MANAGER).await)
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(kinds, ["consent_granted", "consent_revoked"]);
    s.post(
        "/api/v1/me/consents",
        Some(&token),
        json!({"purpose": "telepathy", "granted": true}),
    )
    .await
    .assert_problem(400, "invalid_input");
}

/// A contact change that changes nothing still writes its audit event when many run at
/// once: the append takes the write lock before reading the chain head (found by the API
/// fuzzer: `PATCH /users/{id}` with `{}` answered 500 "database is locked").
#[tokio::test]
async fn empty_contact_changes_in_parallel_are_all_recorded() {
    let s = TestService::start().await;
    let token = s.sign_in_demo("operator@demo.example").await;
    let id = s.user_id("manager@demo.example").await;
    let before = s.activities("manager@demo.example").await.len();
    let http = reqwest::Client::new();
    let url = s.url(&format!("/api/v1/users/{id}"));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let req = http.patch(&url).bearer_auth(&token).json(&json!({}));
        tasks.spawn(async move { read(req.send().await.expect("reaches the service")).await });
    }
    while let Some(a) = tasks.join_next().await {
        let a = a.unwrap();
        assert_eq!(a.status, StatusCode::OK, "{a:?}");
    }
    assert_eq!(s.activities("manager@demo.example").await.len(), before);
}
