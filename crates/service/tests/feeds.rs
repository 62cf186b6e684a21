//! The audit feed's filters and partition chains, the activity and notification feeds,
//! and the feed rate limit (FZ-AUDIT, UQ-ACTIVITY-PW).

mod common;

use admin_api::audit::ChainVerifier;
use admin_api::{ActivityPage, AuditPage, NotificationPage};
use admin_service::Config;
use chrono::Duration;
use common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn audit_page(s: &TestService, token: &str, query: &str) -> AuditPage {
    let a = s.get(&format!("/api/v1/audit{query}"), Some(token)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    serde_json::from_value(a.body).unwrap()
}

/// Clause FZ-AUDIT: an account manager sees only their account's chain and can verify
/// every link of it from the first event on; the operator verifies all partitions at once.
#[tokio::test]
async fn fz_audit_each_reader_can_verify_the_whole_chain_they_see() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    for _ in 0..3 {
        s.get("/api/v1/health", None).await;
        s.me(&manager).await;
        s.me(&op).await;
    }
    let mine = audit_page(&s, &manager, "?limit=5000").await;
    assert!(mine.items.len() >= 4);
    assert!(mine.items.iter().all(|e| e.account_id == Some(1)));
    let mut v = ChainVerifier::default();
    for e in &mine.items {
        assert_eq!(v.check(e), Ok(()), "manager cannot verify {e:?}");
    }
    let all = audit_page(&s, &op, "?limit=5000").await;
    assert!(all.items.iter().any(|e| e.account_id.is_none()));
    let mut v = ChainVerifier::default();
    for e in &all.items {
        assert_eq!(v.check(e), Ok(()), "operator cannot verify {e:?}");
    }
    assert_eq!(all.high_water, all.items.last().unwrap().seq);
}

/// Clause FZ-AUDIT: filters by actor, action, target prefix, outcome and time range
/// combine, and keyset paging goes on from the last item of a filtered page.
#[tokio::test]
async fn fz_audit_feed_filters_combine() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    s.sign_in_raw(MANAGER, "wrong-password").await;
    s.advance(Duration::minutes(10));
    let split = s.now();
    s.sign_in_raw(MANAGER, "wrong-password").await;
    s.sign_in_demo(MANAGER).await;
    s.get("/api/v1/users/999/outbox", Some(&op)).await;

    let refused = audit_page(&s, &op, "?actor=manager@demo.example&outcome=refused").await;
    assert_eq!(refused.items.len(), 2, "{refused:?}");
    let later = audit_page(
        &s,
        &op,
        &format!(
            "?actor=manager@demo.example&outcome=refused&from={}",
            split.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ),
    )
    .await;
    assert_eq!(later.items.len(), 1);
    assert!(later.items[0].at >= split);
    let earlier = audit_page(
        &s,
        &op,
        &format!(
            "?actor=manager@demo.example&to={}",
            split.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ),
    )
    .await;
    assert_eq!(earlier.items.len(), 1);
    let by_action = audit_page(&s, &op, "?action=POST%20/api/v1/sessions&outcome=allowed").await;
    assert!(by_action
        .items
        .iter()
        .all(|e| e.action == "POST /api/v1/sessions" && e.status == 201));
    assert_eq!(by_action.items.len(), 2);
    let by_target = audit_page(&s, &op, "?target=/api/v1/users/").await;
    assert_eq!(by_target.items.len(), 1);
    assert_eq!(by_target.items[0].status, 404);

    let first = audit_page(&s, &op, "?action=POST%20/api/v1/sessions&limit=2").await;
    let rest = audit_page(
        &s,
        &op,
        &format!("?action=POST%20/api/v1/sessions&after={}", first.next_after),
    )
    .await;
    assert_eq!(first.items.len() + rest.items.len(), 4);
    assert!(rest.items[0].seq > first.items[1].seq);
}

/// Over the feed quota the service answers 429 with Retry-After, per user, and lets the
/// reader in again once the minute is over.
#[tokio::test]
async fn feeds_answer_429_with_retry_after_over_the_quota() {
    let s = TestService::start_with(Config {
        feed_requests_per_minute: 2,
        ..Config::default()
    })
    .await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    audit_page(&s, &op, "").await;
    s.advance(Duration::seconds(15));
    let a = s.get("/api/v1/activities", Some(&op)).await;
    assert_eq!(a.status, StatusCode::OK);
    let resp = s
        .http
        .get(s.url("/api/v1/notifications"))
        .bearer_auth(&op)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "45");
    read(resp).await.assert_problem(429, "rate_limited");
    audit_page(&s, &manager, "").await;
    s.advance(Duration::seconds(45));
    audit_page(&s, &op, "").await;
}

/// Clause UQ-ACTIVITY-PW: a password change is a user activity in the feed; managers see
/// their account's users' activities, a user without a manager role only their own.
#[tokio::test]
async fn uq_activity_pw_password_change_is_in_the_activity_feed() {
    let s = TestService::start().await;
    let viewer = s.user_with_role("viewer").await;
    let vt = s.sign_in_demo(&viewer).await;
    let a = s
        .post(
            "/api/v1/me/password",
            Some(&vt),
            json!({"current_password": DEMO_PASSWORD, "new_password": "a-new-password-1"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{a:?}");
    let manager = s.sign_in_demo(MANAGER).await;
    let a = s
        .get("/api/v1/activities?kind=password_changed", Some(&manager))
        .await;
    let page: ActivityPage = serde_json::from_value(a.body).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].username, viewer);

    let own = s.get("/api/v1/activities", Some(&vt)).await;
    let own: ActivityPage = serde_json::from_value(own.body).unwrap();
    assert!(own.items.iter().all(|a| a.username == viewer));
    assert!(own.items.iter().any(|a| a.kind == "password_changed"));
    let other = s.user_id(MANAGER).await;
    s.get(&format!("/api/v1/activities?user_id={other}"), Some(&vt))
        .await
        .assert_problem(403, "forbidden");
}

/// Role changes are user activities too: a grant and its revocation appear in the user's
/// timeline with the role, the place and who did it.
#[tokio::test]
async fn role_grants_and_revocations_are_activities() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer_id = s.user_id(&viewer).await;
    let web = s.channel_id("Web shop").await;
    let a = s
        .post(
            "/api/v1/role-assignments",
            Some(&m),
            json!({"user_id": viewer_id, "role": "channel_editor", "scope": {"level": "channel", "id": web}}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    let id = a.body["id"].as_i64().unwrap();
    let a = s
        .delete(&format!("/api/v1/role-assignments/{id}"), Some(&m))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let page: ActivityPage = serde_json::from_value(
        s.get(&format!("/api/v1/activities?user_id={viewer_id}"), Some(&m))
            .await
            .body,
    )
    .unwrap();
    let roles: Vec<(&str, &str)> = page
        .items
        .iter()
        .filter(|a| a.kind.starts_with("role_"))
        .map(|a| (a.kind.as_str(), a.detail.as_str()))
        .collect();
    let expected = format!("Channel Editor of Web shop, by {MANAGER}");
    assert_eq!(
        roles,
        [
            ("role_granted", expected.as_str()),
            ("role_revoked", expected.as_str())
        ]
    );
}

/// Notifications are the caller's own, counted unread until marked read; others' ids are
/// ignored when marking.
#[tokio::test]
async fn notifications_feed_counts_unread_and_marks_read() {
    let s = TestService::start().await;
    let manager = s.sign_in_demo(MANAGER).await;
    for granted in [true, false] {
        s.post(
            "/api/v1/me/consents",
            Some(&manager),
            json!({"purpose": "marketing_email", "granted": granted}),
        )
        .await;
    }
    let op = s.sign_in_demo(OPERATOR).await;
    s.post(
        "/api/v1/me/consents",
        Some(&op),
        json!({"purpose": "marketing_sms", "granted": false}),
    )
    .await;
    let a = s.get("/api/v1/notifications", Some(&manager)).await;
    let page: NotificationPage = serde_json::from_value(a.body).unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.unread, 2);
    let op_page: NotificationPage =
        serde_json::from_value(s.get("/api/v1/notifications", Some(&op)).await.body).unwrap();
    let ids = vec![page.items[0].id, op_page.items[0].id];
    let a = s
        .post(
            "/api/v1/notifications/read",
            Some(&manager),
            json!({ "ids": ids }),
        )
        .await;
    assert_eq!(a.body["marked"], 1, "{a:?}");
    assert_eq!(a.body["unread"], 1);
    let unread: NotificationPage = serde_json::from_value(
        s.get("/api/v1/notifications?unread=true", Some(&manager))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(unread.items.len(), 1);
    assert_eq!(unread.items[0].kind, "consent_revoked");
    let op_after: NotificationPage =
        serde_json::from_value(s.get("/api/v1/notifications", Some(&op)).await.body).unwrap();
    assert_eq!(op_after.unread, 1, "the manager cannot mark the operator's");
}

/// Clause FZ-AUDIT: the benchmark seed appends many events whose chains verify.
#[tokio::test]
async fn fz_audit_demo_seed_builds_valid_chains() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let last = admin_service::demo::seed_audit(s.db(), 3000, s.now())
        .await
        .unwrap();
    s.me(&op).await;
    s.me(&op).await;
    let mut v = ChainVerifier::default();
    let mut after = 0;
    loop {
        let page = audit_page(&s, &op, &format!("?after={after}&limit=1000")).await;
        for e in &page.items {
            assert_eq!(v.check(e), Ok(()), "{e:?}");
        }
        after = page.next_after;
        // Each read is itself audited: stop at the high water mark the page reported.
        if after >= page.high_water {
            break;
        }
    }
    assert!(v.last_seq > last, "the live event after the seed links on");
    assert!(v.heads.len() >= 2);
}

/// Clause FZ-AUDIT: a database of the previous release migrates; its globally chained
/// events stay as they were in `audit_events_v1`, and new events continue the sequence
/// numbers in per-partition chains.
#[tokio::test]
async fn fz_audit_previous_release_database_migrates_to_partition_chains() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("migrations-old");
    std::fs::create_dir(&old).unwrap();
    for name in ["0001_init.sql", "0002_notifications.sql"] {
        std::fs::copy(
            format!("{}/migrations/{name}", env!("CARGO_MANIFEST_DIR")),
            old.join(name),
        )
        .unwrap();
    }
    let url = format!("sqlite://{}/old.sqlite", dir.path().display());
    {
        use sqlx::sqlite::SqliteConnectOptions;
        use std::str::FromStr;
        let raw = sqlx::SqlitePool::connect_with(
            SqliteConnectOptions::from_str(&url)
                .unwrap()
                .create_if_missing(true),
        )
        .await
        .unwrap();
        sqlx::migrate::Migrator::new(old.as_path())
            .await
            .unwrap()
            .run(&raw)
            .await
            .unwrap();
        let pool = admin_service::db::Db::Sqlite(raw);
        admin_service::db::query(
            "INSERT INTO audit_events (seq, at, actor, action, target, outcome, status, prev_hash, hash) \
             VALUES (7, '2026-01-01T00:00:00+00:00', NULL, 'GET /api/v1/health', '/api/v1/health', 'allowed', 200, ?, 'h7')",
        )
        .bind(admin_api::audit::GENESIS_HASH)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    }
    let db = admin_service::db::open(&url).await.unwrap();
    let kept: Vec<i64> = admin_service::db::query_scalar("SELECT seq FROM audit_events_v1")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(kept, [7]);
    let state = admin_service::AppState::with_system_clock(db.clone());
    let e = admin_service::audit::append(
        &state,
        admin_service::audit::NewEvent {
            actor: None,
            account_id: None,
            action: "GET /api/v1/health".into(),
            target: "/api/v1/health".into(),
            subject: None,
            status: 200,
            client_addr: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(e.seq, 8, "sequence numbers never repeat");
    assert_eq!(e.prev_hash, admin_api::audit::GENESIS_HASH);
    assert!(ChainVerifier::default().check(&e).is_ok());
}
