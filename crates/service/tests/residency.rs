//! Clauses 4S-SUBPROC and 4S-HOST: the sub-processor register beside the service's region,
//! and "keep data in Europe": with the mail relay outside Europe, an EU-only account's
//! contact-change notices are held (reason: data residency) while another account's are
//! delivered, to a real SMTP sink on loopback.

mod common;

use admin_api::{DataRegion, OutboundPath, Subprocessor};
use admin_service::outbox::{deliver_due, SmtpRelay};
use admin_service::{residency, Config};
use common::smtp::Sink;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// The default register with the mail relay moved outside Europe.
fn relay_outside_europe() -> Vec<Subprocessor> {
    residency::default_register()
        .into_iter()
        .map(|p| match p.path {
            OutboundPath::Mail => Subprocessor {
                name: "Postbird Mail Inc.".into(),
                region: DataRegion::Outside,
                location: "Virginia, United States".into(),
                ..p
            },
            _ => p,
        })
        .collect()
}

async fn with_sink(subprocessors: Vec<Subprocessor>) -> (TestService, Sink) {
    let (sink, port) = Sink::start().await;
    let s = TestService::start_with(Config {
        smtp_relay: Some(SmtpRelay {
            host: "127.0.0.1".into(),
            port,
            from: "Admin <no-reply@demo.example>".into(),
        }),
        subprocessors,
        ..Config::default()
    })
    .await;
    (s, sink)
}

async fn change_email(s: &TestService, token: &str, user: i64, email: &str) -> Answer {
    let a = s
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{user}"),
            Some(token),
            Some(json!({ "email": email })),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    a
}

/// Clauses 4S-SUBPROC, 4S-HOST: the register names each outbound path's sub-processor,
/// its purpose, data and region, beside where the service runs; the default is all EU.
#[tokio::test]
async fn subproc_register_is_served_beside_the_service_region() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    s.get("/api/v1/subprocessors", None)
        .await
        .assert_problem(401, "unauthenticated");
    let a = s.get("/api/v1/subprocessors", Some(&token)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["service_region"], "North Europe (Ireland)");
    let items = a.body["items"].as_array().unwrap();
    let paths: Vec<&str> = items.iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["mail", "probes"]);
    for p in items {
        assert_eq!(p["region"], "eea", "{p}");
        assert!(!p["name"].as_str().unwrap().is_empty());
        assert!(!p["purpose"].as_str().unwrap().is_empty());
        assert!(!p["data_categories"].as_array().unwrap().is_empty());
    }
}

/// Clause 4S-SUBPROC: with the mail relay outside Europe, an account that keeps its data
/// in Europe has its contact-change notices held with the reason, and says why e-mail is
/// off; another account's notices go out through the same relay. Turning the setting on
/// is audited and told to the account's managers.
#[tokio::test]
async fn subproc_eu_only_account_notices_are_held_while_others_are_sent() {
    let (s, sink) = with_sink(relay_outside_europe()).await;
    let demo = s.demo_account_id().await;
    let other = s.other_account().await;
    let manager = s.sign_in_demo(MANAGER).await;

    let register = s.get("/api/v1/subprocessors", Some(&manager)).await;
    assert_eq!(
        register.body["items"][0]["region"], "outside",
        "{register:?}"
    );

    let before = s
        .get(
            &format!("/api/v1/accounts/{demo}/residency"),
            Some(&manager),
        )
        .await;
    assert_eq!(before.status, StatusCode::OK, "{before:?}");
    assert_eq!(before.body["keep_data_in_europe"], false);
    assert_eq!(before.body["paths_off"], json!([]));

    let a = s
        .put(
            &format!("/api/v1/accounts/{demo}/residency"),
            Some(&manager),
            json!({"keep_data_in_europe": true}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["keep_data_in_europe"], true);
    assert_eq!(a.body["changed_by"], MANAGER);
    assert_eq!(a.body["paths_off"][0]["path"], "mail");
    let reason = a.body["paths_off"][0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("Postbird Mail Inc.") && reason.contains("outside Europe"),
        "{reason}"
    );

    // Audited, and every Account Manager of the account is told; the other account's not.
    let audited: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'PUT /api/v1/accounts/{id}/residency' \
         AND actor = ? AND account_id = ? AND status = 200",
    )
    .bind(MANAGER)
    .bind(demo)
    .fetch_one(s.db())
    .await
    .unwrap();
    assert_eq!(audited, 1);
    assert!(s
        .notifications(MANAGER)
        .await
        .contains(&"residency_changed".to_string()));
    assert!(!s
        .notifications(other.manager)
        .await
        .contains(&"residency_changed".to_string()));

    // A Demo Oy user's and an Other Oy user's e-mail change, through the same relay.
    let demo_user = s.user_with_role("viewer").await;
    let demo_user_id = s.user_id(&demo_user).await;
    let held = change_email(&s, &manager, demo_user_id, "kept.in.eu@demo.example").await;
    let other_manager = s.sign_in_demo(other.manager).await;
    let sent = change_email(&s, &other_manager, other.viewer_id, "new@other.example").await;
    assert!(!held.body["messages"].as_array().unwrap().is_empty());
    deliver_due(&s.running.state).await.unwrap();

    let outbox = |id: i64, token: String| {
        let s = &s;
        async move {
            s.get(&format!("/api/v1/users/{id}/outbox"), Some(&token))
                .await
                .body
        }
    };
    let demo_outbox = outbox(demo_user_id, manager.clone()).await;
    let demo_messages = demo_outbox.as_array().unwrap();
    assert!(!demo_messages.is_empty());
    for m in demo_messages {
        assert_eq!(m["status"], "held", "{m}");
        assert_eq!(m["held_reason"], "data residency", "{m}");
    }
    let other_outbox = outbox(other.viewer_id, other_manager.clone()).await;
    let statuses: Vec<&str> = other_outbox
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["sent", "sent"], "{sent:?}");
    assert_eq!(
        sink.recipients(),
        ["new@other.example", "viewer@other.example"],
        "only the other account's mail reached the relay"
    );

    // A later round sends nothing held: held is final, not a retry.
    s.advance(chrono::Duration::hours(1));
    deliver_due(&s.running.state).await.unwrap();
    assert_eq!(sink.recipients().len(), 2);
}

/// Clause 4S-SUBPROC: with every sub-processor in Europe the setting turns nothing off and
/// holds nothing; only the account's Account Managers change it; turning it off is told too.
#[tokio::test]
async fn subproc_eu_only_account_with_eu_relay_sends_and_only_managers_change_it() {
    let (s, sink) = with_sink(residency::default_register()).await;
    let demo = s.demo_account_id().await;
    let manager = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer_token = s.sign_in_demo(&viewer).await;
    s.put(
        &format!("/api/v1/accounts/{demo}/residency"),
        Some(&viewer_token),
        json!({"keep_data_in_europe": true}),
    )
    .await
    .assert_problem(403, "forbidden");

    let url = format!("/api/v1/accounts/{demo}/residency");
    let on = s
        .put(&url, Some(&manager), json!({"keep_data_in_europe": true}))
        .await;
    assert_eq!(on.body["paths_off"], json!([]), "{on:?}");
    let id = s.user_id(&viewer).await;
    let a = change_email(&s, &manager, id, "still.sent@demo.example").await;
    let queued = a.body["messages"].as_array().unwrap().len();
    assert!(queued > 0, "{a:?}");
    deliver_due(&s.running.state).await.unwrap();
    assert_eq!(
        sink.recipients().len(),
        queued,
        "an EU relay delivers for an EU-only account"
    );

    let off = s
        .put(&url, Some(&manager), json!({"keep_data_in_europe": false}))
        .await;
    assert_eq!(off.body["keep_data_in_europe"], false, "{off:?}");
    let told = s
        .notifications(MANAGER)
        .await
        .iter()
        .filter(|k| *k == "residency_changed")
        .count();
    assert_eq!(told, 2, "on and off are both told");
}
