//! Granting and revoking roles over HTTP: UQ-DELEGATE-ACCOUNT, UQ-DELEGATE-CHANNEL,
//! UQ-REVOKE-LIVE, UQ-RBAC and the last-Account-Manager rule.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

const GRANTS: &str = "/api/v1/role-assignments";

fn channel(id: i64) -> Value {
    json!({"level": "channel", "id": id})
}

fn account(id: i64) -> Value {
    json!({"level": "account", "id": id})
}

async fn grant(s: &TestService, token: &str, user: i64, role: &str, scope: Value) -> Answer {
    s.post(
        GRANTS,
        Some(token),
        json!({"user_id": user, "role": role, "scope": scope}),
    )
    .await
}

/// Clause UQ-DELEGATE-ACCOUNT: an Account Manager grants account and channel roles in
/// their account, and is refused above their level, outside it, and across tenants,
/// each with the rule's own problem code.
#[tokio::test]
async fn uq_delegate_account_manager_grants_inside_the_account_only() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let m = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer_id = s.user_id(&viewer).await;
    let web = s.channel_id("Web shop").await;
    let demo = s.demo_account_id().await;

    let a = grant(&s, &m, viewer_id, "channel_manager", channel(web)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    assert_eq!(a.body["role"], "channel_manager");
    assert_eq!(a.body["scope"], channel(web));
    assert!(s
        .notifications(&viewer)
        .await
        .contains(&"role_granted".to_string()));
    let detail = s.get(&format!("/api/v1/users/{viewer_id}"), Some(&m)).await;
    assert!(detail.body["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["role"] == "channel_manager" && x["scope"] == channel(web)));

    let a = grant(&s, &m, viewer_id, "account_manager", account(demo)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    grant(
        &s,
        &m,
        viewer_id,
        "service_operator",
        json!({"level": "platform"}),
    )
    .await
    .assert_problem(403, "delegation_above_own_level");
    grant(&s, &m, other.viewer_id, "viewer", channel(other.channel))
        .await
        .assert_problem(403, "delegation_outside_scope");
    grant(&s, &m, other.viewer_id, "viewer", channel(web))
        .await
        .assert_problem(403, "user_outside_account");
    grant(&s, &m, viewer_id, "channel_manager", channel(web))
        .await
        .assert_problem(409, "conflict");
    let a = grant(&s, &m, viewer_id, "viewer", account(demo)).await;
    a.assert_problem(400, "role_scope_mismatch");
    grant(&s, &m, viewer_id, "viewer", channel(9999))
        .await
        .assert_problem(400, "invalid_input");
    grant(&s, &m, 9999, "viewer", channel(web))
        .await
        .assert_problem(404, "not_found");
}

/// Clause UQ-DELEGATE-CHANNEL: a Channel Manager delegates channel roles in their
/// channel; other channels and higher levels are refused. Clause UQ-LEAST-PRIV:
/// editors and viewers delegate nothing.
#[tokio::test]
async fn uq_delegate_channel_manager_inside_the_channel_only() {
    let s = TestService::start().await;
    let cm = s.user_with_role("channel_manager").await;
    let t = s.sign_in_demo(&cm).await;
    let cm_channel: i64 = admin_service::db::query_scalar(
        "SELECT scope_id FROM role_assignments WHERE user_id = ? AND role = 'channel_manager'",
    )
    .bind(s.user_id(&cm).await)
    .fetch_one(s.db())
    .await
    .unwrap();
    let elsewhere: i64 =
        admin_service::db::query_scalar("SELECT id FROM channels WHERE id != ? LIMIT 1")
            .bind(cm_channel)
            .fetch_one(s.db())
            .await
            .unwrap();
    let editor = s.user_id(&s.user_with_role("channel_editor").await).await;
    let demo = s.demo_account_id().await;

    // Before anything is granted to them.
    for role in ["viewer", "channel_editor"] {
        let who = s.user_with_role(role).await;
        let token = s.sign_in_demo(&who).await;
        grant(&s, &token, editor, "viewer", channel(elsewhere))
            .await
            .assert_problem(403, "not_a_delegator");
    }
    let a = grant(&s, &t, editor, "viewer", channel(cm_channel)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    let a = grant(&s, &t, editor, "channel_manager", channel(cm_channel)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    grant(&s, &t, editor, "viewer", channel(elsewhere))
        .await
        .assert_problem(403, "delegation_outside_scope");
    grant(&s, &t, editor, "account_manager", account(demo))
        .await
        .assert_problem(403, "delegation_above_own_level");
}

/// Clause UQ-REVOKE-LIVE: the revoked delegator stays signed in, and their very next
/// delegation is refused; the receipt counts their live sessions and says when.
#[tokio::test]
async fn uq_revoke_live_next_request_is_refused_without_sign_out() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer_id = s.user_id(&viewer).await;
    let editor = s.user_id(&s.user_with_role("channel_editor").await).await;
    let mobile = s.channel_id("Mobile app").await;

    let granted = grant(&s, &m, viewer_id, "channel_manager", channel(mobile)).await;
    assert_eq!(granted.status, StatusCode::CREATED, "{granted:?}");
    let v1 = s.sign_in_demo(&viewer).await;
    let _v2 = s.sign_in_demo(&viewer).await;
    let a = grant(&s, &v1, editor, "viewer", channel(mobile)).await;
    assert_eq!(
        a.status,
        StatusCode::CREATED,
        "the new manager delegates: {a:?}"
    );

    s.advance(chrono::Duration::seconds(5));
    let id = granted.body["id"].as_i64().unwrap();
    let receipt = s
        .delete(&format!("/api/v1/role-assignments/{id}"), Some(&m))
        .await;
    assert_eq!(receipt.status, StatusCode::OK, "{receipt:?}");
    assert_eq!(receipt.body["live_sessions"], 2);
    assert_eq!(receipt.body["user_id"], viewer_id);
    assert_eq!(receipt.body["assignment"]["role"], "channel_manager");
    assert_eq!(parse_time(&receipt.body["at"]), s.now());

    let revoked = s
        .delete(
            &format!(
                "/api/v1/role-assignments/{}",
                a.body["id"].as_i64().unwrap()
            ),
            Some(&v1),
        )
        .await;
    revoked.assert_problem(403, "not_a_delegator");
    grant(&s, &v1, editor, "channel_editor", channel(mobile))
        .await
        .assert_problem(403, "not_a_delegator");
    assert_eq!(s.me(&v1).await.status, StatusCode::OK, "still signed in");
    let kinds = s.notifications(&viewer).await;
    assert_eq!(kinds, ["role_granted", "role_revoked"]);
    s.delete(&format!("/api/v1/role-assignments/{id}"), Some(&m))
        .await
        .assert_problem(404, "not_found");
}

/// An account keeps at least one Account Manager: the revocation that would remove the
/// last one is a 409, whoever asks; blocked managers do not count.
#[tokio::test]
async fn last_account_manager_cannot_be_revoked() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let op = s.sign_in_demo(OPERATOR).await;
    let ams: Vec<(i64, i64)> = admin_service::db::query_as(
        "SELECT r.id, r.user_id FROM role_assignments r WHERE r.role = 'account_manager' ORDER BY r.id",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(ams.len(), 2, "the demo has two Account Managers");
    let me_id = s.user_id(MANAGER).await;
    let (mine, _) = *ams.iter().find(|(_, u)| *u == me_id).unwrap();
    let (theirs, their_user) = *ams.iter().find(|(_, u)| *u != me_id).unwrap();

    // The other manager blocked: only one working manager is left.
    admin_service::db::query("UPDATE users SET blocked = TRUE WHERE id = ?")
        .bind(their_user)
        .execute(s.db())
        .await
        .unwrap();
    s.delete(&format!("/api/v1/role-assignments/{mine}"), Some(&op))
        .await
        .assert_problem(409, "last_account_manager");
    admin_service::db::query("UPDATE users SET blocked = FALSE WHERE id = ?")
        .bind(their_user)
        .execute(s.db())
        .await
        .unwrap();

    let a = s
        .delete(&format!("/api/v1/role-assignments/{theirs}"), Some(&m))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["live_sessions"], 0);
    s.delete(&format!("/api/v1/role-assignments/{mine}"), Some(&m))
        .await
        .assert_problem(409, "last_account_manager");
    s.delete(&format!("/api/v1/role-assignments/{mine}"), Some(&op))
        .await
        .assert_problem(409, "last_account_manager");
}

/// Clause UQ-SCOPE: an assignment outside the caller's scopes is not even acknowledged.
#[tokio::test]
async fn uq_scope_revoking_outside_ones_scope_is_not_found() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let m = s.sign_in_demo(MANAGER).await;
    let op_assignment: i64 = admin_service::db::query_scalar(
        "SELECT id FROM role_assignments WHERE role = 'service_operator'",
    )
    .fetch_one(s.db())
    .await
    .unwrap();
    s.delete(
        &format!("/api/v1/role-assignments/{op_assignment}"),
        Some(&m),
    )
    .await
    .assert_problem(404, "not_found");
    let theirs: i64 =
        admin_service::db::query_scalar("SELECT id FROM role_assignments WHERE user_id = ?")
            .bind(other.viewer_id)
            .fetch_one(s.db())
            .await
            .unwrap();
    s.delete(&format!("/api/v1/role-assignments/{theirs}"), Some(&m))
        .await
        .assert_problem(404, "not_found");
    // Their own manager may.
    let am = s.sign_in_demo(other.manager).await;
    let a = s
        .delete(&format!("/api/v1/role-assignments/{theirs}"), Some(&am))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
}

/// Clause FZ-AUDIT: every grant, revocation, refusal, unlock and settings change is an
/// audit event naming the actor, the operation and the outcome.
#[tokio::test]
async fn fz_audit_role_changes_are_audit_events() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_id(&s.user_with_role("viewer").await).await;
    let web = s.channel_id("Web shop").await;
    let demo = s.demo_account_id().await;
    let granted = grant(&s, &m, viewer, "channel_manager", channel(web)).await;
    let id = granted.body["id"].as_i64().unwrap();
    s.delete(&format!("/api/v1/role-assignments/{id}"), Some(&m))
        .await;
    grant(
        &s,
        &m,
        viewer,
        "service_operator",
        json!({"level": "platform"}),
    )
    .await;
    s.post(
        &format!("/api/v1/users/{viewer}/unlock"),
        Some(&m),
        json!({}),
    )
    .await;
    s.put(
        &format!("/api/v1/accounts/{demo}/security"),
        Some(&m),
        json!({"min_password_length": 8, "lockout_minutes": 15, "require_two_factor": false,
               "third_party_only": false, "social_sign_in": false}),
    )
    .await;
    let rows: Vec<(Option<String>, String, String, i64)> = admin_service::db::query_as(
        "SELECT actor, action, target, status FROM audit_events WHERE action NOT LIKE '%sessions%' ORDER BY seq",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    let manager = Some(MANAGER.to_string());
    assert_eq!(
        rows,
        [
            (
                manager.clone(),
                "POST /api/v1/role-assignments".into(),
                "/api/v1/role-assignments".into(),
                201
            ),
            (
                manager.clone(),
                "DELETE /api/v1/role-assignments/{id}".into(),
                format!("/api/v1/role-assignments/{id}"),
                200
            ),
            (
                manager.clone(),
                "POST /api/v1/role-assignments".into(),
                "/api/v1/role-assignments".into(),
                403
            ),
            (
                manager.clone(),
                "POST /api/v1/users/{id}/unlock".into(),
                format!("/api/v1/users/{viewer}/unlock"),
                200
            ),
            (
                manager,
                "PUT /api/v1/accounts/{id}/security".into(),
                format!("/api/v1/accounts/{demo}/security"),
                200
            ),
        ]
    );
}

/// Revocations at the same time (found by the API fuzzer: 500 "database is locked"): each
/// one reads the manager count and then deletes, so it must hold SQLite's write lock from
/// its start; the two last Account Managers revoked at once leave exactly one.
#[tokio::test]
async fn concurrent_revocations_answer_and_keep_the_last_account_manager() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let ams: Vec<(i64,)> = admin_service::db::query_as(
        "SELECT id FROM role_assignments WHERE role = 'account_manager'",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(ams.len(), 2, "the demo has two Account Managers");
    // Every other assignment too, so that many revocations contend at once.
    let others: Vec<(i64,)> = admin_service::db::query_as(
        "SELECT id FROM role_assignments WHERE role NOT IN ('account_manager', 'operator')",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let mut calls = tokio::task::JoinSet::new();
    for (id,) in ams.iter().chain(&others) {
        let request = http
            .delete(s.url(&format!("/api/v1/role-assignments/{id}")))
            .bearer_auth(&op);
        let is_am = ams.contains(&(*id,));
        calls.spawn(async move {
            let resp = request.send().await.unwrap();
            (is_am, resp.status(), resp.text().await.unwrap())
        });
    }
    let mut am_revoked = 0;
    let mut am_refused = 0;
    while let Some(done) = calls.join_next().await {
        let (is_am, status, body) = done.unwrap();
        assert!(!status.is_server_error(), "{status}: {body}");
        match (is_am, status) {
            (true, StatusCode::OK) => am_revoked += 1,
            (true, StatusCode::CONFLICT) => am_refused += 1,
            (false, StatusCode::OK) => {}
            other => panic!("{other:?}: {body}"),
        }
    }
    assert_eq!((am_revoked, am_refused), (1, 1));
}
