//! Accounts, channels and users as far as the caller's roles reach (UQ-SCOPE), paging,
//! filters, and unlocking.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::HashSet;

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_i64().unwrap())
        .collect()
}

fn user_ids(page: &Value) -> Vec<i64> {
    page["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["user"]["id"].as_i64().unwrap())
        .collect()
}

/// Clause UQ-SCOPE: accounts and channels answered are the caller's own.
#[tokio::test]
async fn uq_scope_accounts_and_channels_follow_roles() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let demo = s.demo_account_id().await;
    let m = s.sign_in_demo(MANAGER).await;
    let op = s.sign_in_demo(OPERATOR).await;
    let am2 = s.sign_in_demo(other.manager).await;
    let cm = s
        .sign_in_demo(&s.user_with_role("channel_manager").await)
        .await;

    assert_eq!(ids(&s.get("/api/v1/accounts", Some(&m)).await.body), [demo]);
    assert_eq!(
        ids(&s.get("/api/v1/accounts", Some(&op)).await.body),
        [demo, other.account]
    );
    assert_eq!(
        ids(&s.get("/api/v1/accounts", Some(&am2)).await.body),
        [other.account]
    );
    let chans = format!("/api/v1/accounts/{demo}/channels");
    assert_eq!(ids(&s.get(&chans, Some(&m)).await.body).len(), 3);
    assert_eq!(ids(&s.get(&chans, Some(&cm)).await.body).len(), 1);
    s.get(&chans, Some(&am2))
        .await
        .assert_problem(404, "not_found");
    s.get("/api/v1/accounts", None)
        .await
        .assert_problem(401, "unauthenticated");
}

/// Clause UQ-SCOPE: the users list holds only users the caller may see; keyset pages
/// cover them exactly once.
#[tokio::test]
async fn uq_scope_users_are_paged_and_scoped() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let m = s.sign_in_demo(MANAGER).await;
    let op = s.sign_in_demo(OPERATOR).await;

    let mut seen = Vec::new();
    let mut path = "/api/v1/users?limit=20".to_string();
    let mut pages = 0;
    loop {
        let page = s.get(&path, Some(&m)).await;
        assert_eq!(page.status, StatusCode::OK, "{page:?}");
        seen.extend(user_ids(&page.body));
        pages += 1;
        match page.body["next_after"].as_i64() {
            Some(after) => path = format!("/api/v1/users?limit=20&after={after}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let unique: HashSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no user twice");
    assert_eq!(seen.len(), 49, "the demo account's users, not the operator");
    assert!(!unique.contains(&other.manager_id));
    assert!(!unique.contains(&s.user_id(OPERATOR).await));

    let all = s.get("/api/v1/users?limit=200", Some(&op)).await;
    assert_eq!(user_ids(&all.body).len(), 52);

    // A viewer sees the people of their channel only.
    let viewer = s.user_with_role("viewer").await;
    let v = s.sign_in_demo(&viewer).await;
    let theirs = s.get("/api/v1/users?limit=200", Some(&v)).await;
    let channel: i64 = admin_service::db::query_scalar(
        "SELECT scope_id FROM role_assignments WHERE user_id = ? AND scope_level = 'channel'",
    )
    .bind(s.user_id(&viewer).await)
    .fetch_one(s.db())
    .await
    .unwrap();
    let expected: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(DISTINCT user_id) FROM role_assignments WHERE scope_level = 'channel' AND scope_id = ?",
    )
    .bind(channel)
    .fetch_one(s.db())
    .await
    .unwrap();
    assert_eq!(user_ids(&theirs.body).len() as i64, expected);
    for row in theirs.body["users"].as_array().unwrap() {
        for a in row["assignments"].as_array().unwrap() {
            assert_eq!(
                a["scope"]["id"], channel,
                "only their channel's assignments: {row}"
            );
        }
    }

    s.get("/api/v1/users?limit=0", Some(&m))
        .await
        .assert_problem(400, "invalid_input");
    let a = s.get("/api/v1/users?role=admin", Some(&m)).await;
    assert_eq!(a.field(), Some("role"), "{a:?}");
}

/// Search and filters: text, role, blocked, locked.
#[tokio::test]
async fn users_search_and_filters() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let found = s.get("/api/v1/users?q=virtanen", Some(&m)).await;
    let rows = found.body["users"].as_array().unwrap();
    assert!(!rows.is_empty());
    for r in rows {
        assert!(r["user"]["display_name"]
            .as_str()
            .unwrap()
            .contains("Virtanen"));
    }
    let cms = s.get("/api/v1/users?role=channel_manager", Some(&m)).await;
    let rows = cms.body["users"].as_array().unwrap();
    assert_eq!(rows.len(), 6, "{cms:?}");
    let blocked = s.get("/api/v1/users?blocked=true", Some(&m)).await;
    assert_eq!(user_ids(&blocked.body).len(), 1);
    let by_status = s.get("/api/v1/users?status=blocked", Some(&m)).await;
    assert_eq!(user_ids(&by_status.body), user_ids(&blocked.body));
    assert_eq!(
        user_ids(&s.get("/api/v1/users?locked=true", Some(&m)).await.body).len(),
        0
    );
    let target = s.user_with_role("viewer").await;
    admin_service::db::query("UPDATE users SET locked_until = ? WHERE username = ?")
        .bind(s.now() + chrono::Duration::minutes(10))
        .bind(&target)
        .execute(s.db())
        .await
        .unwrap();
    let locked = s.get("/api/v1/users?locked=true", Some(&m)).await;
    assert_eq!(user_ids(&locked.body), [s.user_id(&target).await]);
    let none = s.get("/api/v1/users?q=%25_nobody", Some(&m)).await;
    assert_eq!(user_ids(&none.body).len(), 0, "% and _ are literal");
}

/// Clause UQ-SCOPE: one user's page is answered inside the caller's scope only.
#[tokio::test]
async fn uq_scope_user_detail() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let m = s.sign_in_demo(MANAGER).await;
    let viewer_id = s.user_id(&s.user_with_role("viewer").await).await;
    let a = s.get(&format!("/api/v1/users/{viewer_id}"), Some(&m)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["assignments"][0]["role"], "viewer");
    s.get(&format!("/api/v1/users/{}", other.viewer_id), Some(&m))
        .await
        .assert_problem(404, "not_found");
    // Everyone sees themselves.
    let v = s.sign_in_demo(&s.user_with_role("viewer").await).await;
    let me = s.get(&format!("/api/v1/users/{viewer_id}"), Some(&v)).await;
    assert_eq!(me.status, StatusCode::OK);
}

/// Managers in scope unlock a locked user (UQ-LOCKOUT-3 leaves it to them); the user
/// is notified and it is recorded.
#[tokio::test]
async fn managers_unlock_users_in_scope() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let target = s.user_with_role("viewer").await;
    let id = s.user_id(&target).await;
    for _ in 0..3 {
        s.sign_in_raw(&target, "wrong-password").await;
    }
    s.sign_in_raw(&target, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    let path = format!("/api/v1/users/{id}/unlock");
    let am2 = s.sign_in_demo(other.manager).await;
    s.post(&path, Some(&am2), json!({}))
        .await
        .assert_problem(404, "not_found");
    let editor = s
        .sign_in_demo(&s.user_with_role("channel_editor").await)
        .await;
    let a = s.post(&path, Some(&editor), json!({})).await;
    assert!(a.status == 403 || a.status == 404, "{a:?}");
    let m = s.sign_in_demo(MANAGER).await;
    let a = s.post(&path, Some(&m), json!({})).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["locked_until"], Value::Null);
    assert_eq!(s.notifications(&target).await, ["unlocked"]);
    assert_eq!(s.activities(&target).await.last().unwrap(), "unlocked");
    s.sign_in_demo(&target).await;
}

/// Clause UQ-SCOPE: the org tree's filters: an account's members, a channel's role
/// holders; an account outside the caller's scope answers nobody, not its members.
#[tokio::test]
async fn uq_scope_users_filtered_by_account_and_channel() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let demo = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    let m = s.sign_in_demo(MANAGER).await;
    let members = s
        .get(&format!("/api/v1/users?account={demo}&limit=200"), Some(&m))
        .await;
    assert_eq!(members.status, StatusCode::OK, "{members:?}");
    let rows = members.body["users"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["user"]["account_id"] == demo));
    let in_web = s
        .get(&format!("/api/v1/users?channel={web}&limit=200"), Some(&m))
        .await;
    let rows = in_web.body["users"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.len() < user_ids(&members.body).len());
    for r in rows {
        assert!(
            r["assignments"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["scope"] == json!({"level": "channel", "id": web})),
            "{r}"
        );
    }
    let outside = s
        .get(
            &format!("/api/v1/users?account={}", other.account),
            Some(&m),
        )
        .await;
    assert_eq!(user_ids(&outside.body).len(), 0, "{outside:?}");
    let operator = s.sign_in_demo(OPERATOR).await;
    let theirs = s
        .get(
            &format!("/api/v1/users?account={}", other.account),
            Some(&operator),
        )
        .await;
    assert_eq!(
        user_ids(&theirs.body),
        [other.manager_id, other.viewer_id],
        "{theirs:?}"
    );
    s.get("/api/v1/users?channel=web", Some(&m))
        .await
        .assert_problem(400, "invalid_input");
}
