//! Clause UQ-BLOCK: the service operator can block a user's access; a blocked user
//! cannot sign in and their open sessions end.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

fn block_path(id: i64) -> String {
    format!("/api/v1/users/{id}/block")
}

fn unblock_path(id: i64) -> String {
    format!("/api/v1/users/{id}/unblock")
}

/// Clause UQ-BLOCK: blocking ends the user's open session at once, the token stops
/// working, sign-in is refused as `user_blocked`, and unblocking lets them in again.
#[tokio::test]
async fn uq_block_operator_blocks_and_unblocks_a_signed_in_user() {
    let s = TestService::start().await;
    let victim = s.user_id(MANAGER).await;
    let victim_token = s.sign_in_demo(MANAGER).await;
    let op = s.sign_in_demo(OPERATOR).await;

    let a = s.post(&block_path(victim), Some(&op), json!({})).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["sessions_ended"], 1);
    assert_eq!(a.body["user"]["id"].as_i64(), Some(victim));
    assert_eq!(a.body["user"]["status"], "blocked");
    assert_eq!(parse_time(&a.body["at"]), s.now());

    let refused = s.me(&victim_token).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{refused:?}");
    assert_eq!(refused.problem_code(), "unauthenticated");
    let reason: String =
        admin_service::db::query_scalar("SELECT end_reason FROM sessions WHERE user_id = ?")
            .bind(victim)
            .fetch_one(s.db())
            .await
            .unwrap();
    assert_eq!(reason, "blocked");
    let notified: Vec<String> = admin_service::db::query_scalar(
        "SELECT kind FROM user_notifications WHERE user_id = ? ORDER BY id",
    )
    .bind(victim)
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(notified, ["blocked"], "the blocked user is notified");

    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(403, "user_blocked");
    // The operator's own session was not touched.
    assert_eq!(s.me(&op).await.status, StatusCode::OK);

    let a = s.post(&unblock_path(victim), Some(&op), json!({})).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["status"], "active");
    let back = s.sign_in_demo(MANAGER).await;
    assert_eq!(s.me(&back).await.status, StatusCode::OK);
    // The old token stays dead after the unblock.
    assert_eq!(s.me(&victim_token).await.status, StatusCode::UNAUTHORIZED);

    let kinds = s.activities(MANAGER).await;
    assert_eq!(kinds, ["sign_in", "blocked", "unblocked", "sign_in"]);
}

/// Clause UQ-BLOCK: every open session of the user ends, and the receipt counts them.
#[tokio::test]
async fn uq_block_ends_every_open_session() {
    let s = TestService::start().await;
    let victim = s.user_id(MANAGER).await;
    let tokens = [
        s.sign_in_demo(MANAGER).await,
        s.sign_in_demo(MANAGER).await,
        s.sign_in_demo(MANAGER).await,
    ];
    // One already signed out does not count.
    s.call(
        reqwest::Method::DELETE,
        "/api/v1/sessions/current",
        Some(&tokens[2]),
        None,
    )
    .await;
    let op = s.sign_in_demo(OPERATOR).await;
    let a = s.post(&block_path(victim), Some(&op), json!({})).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["sessions_ended"], 2);
    for t in &tokens {
        assert_eq!(s.me(t).await.status, StatusCode::UNAUTHORIZED);
    }
    // A user without sessions: the receipt says 0.
    let other = s.user_with_role("viewer").await;
    let a = s
        .post(&block_path(s.user_id(&other).await), Some(&op), json!({}))
        .await;
    assert_eq!(a.body["sessions_ended"], 0, "{a:?}");
}

/// Clause UQ-BLOCK: a blocked user is refused even while the session row is still open
/// (the block written straight to the database, as by another process).
#[tokio::test]
async fn uq_block_is_checked_on_every_request() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    admin_service::db::query("UPDATE users SET blocked = TRUE WHERE username = ?")
        .bind(MANAGER)
        .execute(s.db())
        .await
        .unwrap();
    s.me(&token).await.assert_problem(403, "user_blocked");
    let reason: String = admin_service::db::query_scalar("SELECT end_reason FROM sessions")
        .fetch_one(s.db())
        .await
        .unwrap();
    assert_eq!(reason, "blocked");
    // Unblocking does not revive the ended session.
    admin_service::db::query("UPDATE users SET blocked = FALSE WHERE username = ?")
        .bind(MANAGER)
        .execute(s.db())
        .await
        .unwrap();
    s.me(&token).await.assert_problem(401, "unauthenticated");
}

/// Clause UQ-BLOCK: the demo's blocked user cannot sign in, with the right password.
#[tokio::test]
async fn uq_block_seeded_blocked_user_cannot_sign_in() {
    let s = TestService::start().await;
    let blocked = admin_service::demo::people()
        .into_iter()
        .find(|p| p.blocked)
        .unwrap()
        .username;
    s.sign_in_raw(&blocked, DEMO_PASSWORD)
        .await
        .assert_problem(403, "user_blocked");
}

/// Clause UQ-BLOCK (and UQ-RBAC): only the service operator may block or unblock; an
/// account manager gets 403 `forbidden` and nothing changes.
#[tokio::test]
async fn uq_block_only_the_operator_may_block() {
    let s = TestService::start().await;
    let target_name = s.user_with_role("viewer").await;
    let target = s.user_id(&target_name).await;
    let target_token = s.sign_in_demo(&target_name).await;
    let manager = s.sign_in_demo(MANAGER).await;
    s.post(&block_path(target), Some(&manager), json!({}))
        .await
        .assert_problem(403, "forbidden");
    s.post(&unblock_path(target), Some(&manager), json!({}))
        .await
        .assert_problem(403, "forbidden");
    // A viewer cannot block anyone either; the manager, whom a viewer does not see, is
    // not even there for them (UQ-SCOPE: 404 whatever the method).
    let manager_id = s.user_id(MANAGER).await;
    s.post(&block_path(manager_id), Some(&target_token), json!({}))
        .await
        .assert_problem(404, "not_found");
    // Nobody signed in: 401.
    s.post(&block_path(target), None, json!({}))
        .await
        .assert_problem(401, "unauthenticated");
    let blocked: bool = admin_service::db::query_scalar("SELECT blocked FROM users WHERE id = ?")
        .bind(target)
        .fetch_one(s.db())
        .await
        .unwrap();
    assert!(!blocked);
    assert_eq!(s.me(&target_token).await.status, StatusCode::OK);
}

/// Clause UQ-BLOCK: the operator cannot lock themselves out (409), and an unknown user is 404.
#[tokio::test]
async fn uq_block_operator_cannot_block_self_and_unknown_is_404() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let me = s.user_id(OPERATOR).await;
    s.post(&block_path(me), Some(&op), json!({}))
        .await
        .assert_problem(409, "conflict");
    assert_eq!(s.me(&op).await.status, StatusCode::OK);
    s.post(&block_path(999_999), Some(&op), json!({}))
        .await
        .assert_problem(404, "not_found");
    s.post(&unblock_path(999_999), Some(&op), json!({}))
        .await
        .assert_problem(404, "not_found");
}
