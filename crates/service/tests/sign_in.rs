//! Sign-in, /me and sign-out over real HTTP.

mod common;

use chrono::Duration;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn sign_in_returns_token_idle_deadline_and_user() {
    let s = TestService::start().await;
    let a = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    assert!(
        a.content_type
            .as_deref()
            .unwrap_or("")
            .starts_with("application/json"),
        "{a:?}"
    );
    let token = a.body["token"].as_str().expect("token");
    assert_eq!(token.len(), 64, "32 random bytes as hex");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        parse_time(&a.body["idle_expires_at"]),
        s.now() + Duration::minutes(30)
    );
    let user = &a.body["user"];
    assert_eq!(user["username"], MANAGER);
    assert_eq!(user["display_name"], "Maija Manageri");
    assert_eq!(user["status"], "active");
    assert_eq!(user["locked_until"], serde_json::Value::Null);
    assert_eq!(user["id"].as_i64(), Some(s.user_id(MANAGER).await));
    // A second sign-in gets a different token.
    let other = s.sign_in(MANAGER, DEMO_PASSWORD).await;
    assert_ne!(other, token);
    assert_eq!(s.activities(MANAGER).await, ["sign_in", "sign_in"]);
}

#[tokio::test]
async fn me_returns_user_account_and_assignments() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    s.advance(Duration::minutes(5));
    let a = s.me(&token).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["user"]["username"], MANAGER);
    assert_eq!(a.body["account"]["name"], "Demo Oy");
    let account_id = a.body["account"]["id"].as_i64().unwrap();
    assert_eq!(a.body["user"]["account_id"].as_i64(), Some(account_id));
    let assignments = a.body["assignments"].as_array().unwrap();
    assert_eq!(assignments.len(), 1, "{a:?}");
    assert_eq!(assignments[0]["role"], "account_manager");
    assert_eq!(
        assignments[0]["scope"],
        json!({ "level": "account", "id": account_id })
    );
    // The deadline slides with the request.
    assert_eq!(
        parse_time(&a.body["idle_expires_at"]),
        s.now() + Duration::minutes(30)
    );

    // The operator has no account and a platform role.
    let op = s.sign_in_demo(OPERATOR).await;
    let a = s.me(&op).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["account"], serde_json::Value::Null);
    assert_eq!(a.body["assignments"][0]["role"], "service_operator");
    assert_eq!(
        a.body["assignments"][0]["scope"],
        json!({ "level": "platform" })
    );
}

#[tokio::test]
async fn me_without_or_with_bogus_token_is_unauthenticated() {
    let s = TestService::start().await;
    s.get("/api/v1/me", None)
        .await
        .assert_problem(401, "unauthenticated");
    s.get("/api/v1/me", Some("not-a-token"))
        .await
        .assert_problem(401, "unauthenticated");
    s.get("/api/v1/me", Some(&"0".repeat(64)))
        .await
        .assert_problem(401, "unauthenticated");
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let keep = s.sign_in_demo(MANAGER).await;
    let a = s
        .call(
            Method::DELETE,
            "/api/v1/sessions/current",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{a:?}");
    assert!(a.text.is_empty());
    s.me(&token).await.assert_problem(401, "unauthenticated");
    // Signing out twice is just as unauthenticated.
    s.call(
        Method::DELETE,
        "/api/v1/sessions/current",
        Some(&token),
        None,
    )
    .await
    .assert_problem(401, "unauthenticated");
    // Only that session ended.
    assert_eq!(s.me(&keep).await.status, StatusCode::OK);
    let reason: Option<String> = admin_service::db::query_scalar(
        "SELECT end_reason FROM sessions WHERE ended_at IS NOT NULL",
    )
    .fetch_one(s.db())
    .await
    .unwrap();
    assert_eq!(reason.as_deref(), Some("signed_out"));
}

#[tokio::test]
async fn wrong_password_is_invalid_credentials() {
    let s = TestService::start().await;
    let a = s.sign_in_raw(MANAGER, "not-the-password").await;
    a.assert_problem(401, "invalid_credentials");
    assert!(a.body.get("token").is_none());
    assert_eq!(s.activities(MANAGER).await, ["sign_in_failed"]);
}

#[tokio::test]
async fn unknown_user_gets_the_same_answer_as_a_wrong_password() {
    let s = TestService::start().await;
    let unknown = s.sign_in_raw("nobody@demo.example", DEMO_PASSWORD).await;
    unknown.assert_problem(401, "invalid_credentials");
    let wrong = s.sign_in_raw(MANAGER, "not-the-password").await;
    wrong.assert_problem(401, "invalid_credentials");
    // Nothing in the answer tells the two apart.
    assert_eq!(unknown.body, wrong.body);
}

#[tokio::test]
async fn malformed_username_is_invalid_input_naming_username() {
    let s = TestService::start().await;
    for bad in ["", "ab", "not an email@", "a b c", "+12"] {
        let a = s.sign_in_raw(bad, DEMO_PASSWORD).await;
        a.assert_problem(400, "invalid_input");
        assert_eq!(a.field(), Some("username"), "{bad:?}: {a:?}");
    }
}

#[tokio::test]
async fn missing_or_mistyped_fields_are_named() {
    let s = TestService::start().await;
    let a = s
        .post("/api/v1/sessions", None, json!({ "username": MANAGER }))
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("password"), "{a:?}");

    let a = s
        .post(
            "/api/v1/sessions",
            None,
            json!({ "password": DEMO_PASSWORD }),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("username"), "{a:?}");

    // A password of the wrong type names the field, not the value.
    let a = s
        .post(
            "/api/v1/sessions",
            None,
            json!({ "username": MANAGER, "password": 98765432 }),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("password"), "{a:?}");
    assert!(
        !a.text.contains("98765432"),
        "the problem echoes the password: {a:?}"
    );
}

#[tokio::test]
async fn non_json_body_is_a_problem() {
    let s = TestService::start().await;
    let resp = s
        .http
        .post(s.url("/api/v1/sessions"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let a = read(resp).await;
    a.assert_problem(400, "invalid_input");
    let resp = s
        .http
        .post(s.url("/api/v1/sessions"))
        .body("username=x")
        .send()
        .await
        .unwrap();
    let a = read(resp).await;
    assert!(a.status.is_client_error(), "{a:?}");
    assert_eq!(a.problem_code(), "invalid_input");
}

/// FZ-PW-REDACT / token storage: the sessions table holds only the token's SHA-256.
#[tokio::test]
async fn token_is_stored_only_hashed() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let rows: Vec<(String, String, String, String)> = admin_service::db::query_as(
        "SELECT token_hash, CAST(user_id AS TEXT), CAST(created_at AS TEXT), \
         CAST(last_seen_at AS TEXT) FROM sessions",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(rows.len(), 1);
    let (hash, ..) = &rows[0];
    assert_ne!(hash, &token);
    assert_eq!(hash.len(), 64);
    for (a, b, c, d) in &rows {
        for col in [a, b, c, d] {
            assert!(!col.contains(&token), "token found in sessions: {col}");
        }
    }
    // No column of any session row holds the token (checked in SQL too, whatever the columns are).
    let hits: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE token_hash LIKE '%' || ?1 || '%' \
         OR CAST(created_at AS TEXT) LIKE '%' || ?1 || '%' \
         OR CAST(last_seen_at AS TEXT) LIKE '%' || ?1 || '%' \
         OR COALESCE(CAST(ended_at AS TEXT), '') LIKE '%' || ?1 || '%' \
         OR COALESCE(end_reason, '') LIKE '%' || ?1 || '%'",
    )
    .bind(&token)
    .fetch_one(s.db())
    .await
    .unwrap();
    assert_eq!(hits, 0);
    // And no database file (main, WAL, shared memory) holds the token's bytes anywhere.
    for file in std::fs::read_dir(s.dir()).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        assert!(
            !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
            "token found on disk"
        );
    }
}

/// Clause UQ-UNIQUE-USERNAME: the username is normalised, so another spelling is the same user.
#[tokio::test]
async fn uq_unique_username_case_is_normalised_at_sign_in() {
    let s = TestService::start().await;
    let a = s
        .sign_in_raw("  Manager@Demo.Example ", DEMO_PASSWORD)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    assert_eq!(a.body["user"]["username"], MANAGER);
    assert_eq!(
        a.body["user"]["id"].as_i64(),
        Some(s.user_id(MANAGER).await)
    );
    // Failures under another spelling count against the same user.
    s.sign_in_raw("MANAGER@DEMO.EXAMPLE", "wrong-password")
        .await
        .assert_problem(401, "invalid_credentials");
    assert_eq!(s.activities(MANAGER).await, ["sign_in", "sign_in_failed"]);
}

/// Clause UQ-UNIQUE-USERNAME: the store refuses a second user with the same username.
#[tokio::test]
async fn uq_unique_username_store_refuses_duplicates() {
    let s = TestService::start().await;
    let dup = admin_service::db::query(
        "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?, 'x', 'x', '2026-01-01T00:00:00Z')",
    )
    .bind(MANAGER)
    .execute(s.db())
    .await;
    assert!(dup.is_err(), "a duplicate username was stored");
}

#[tokio::test]
async fn health_answers_without_sign_in() {
    let s = TestService::start().await;
    let a = s.get("/api/v1/health", None).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["status"], "ok");
    assert_eq!(a.body["region"], "North Europe (Ireland)");
}

#[tokio::test]
async fn unknown_route_is_404() {
    let s = TestService::start().await;
    let a = s.get("/api/v1/nope", None).await;
    a.assert_problem(404, "not_found");
}

/// Every refusal the service makes is RFC 9457 problem+json with a stable code.
#[tokio::test]
async fn problems_are_application_problem_json() {
    let s = TestService::start().await;
    let answers = [
        s.sign_in_raw(MANAGER, "wrong-password").await,
        s.sign_in_raw("a b", DEMO_PASSWORD).await,
        s.get("/api/v1/me", None).await,
        s.get("/api/v1/audit", Some("bogus")).await,
    ];
    for a in &answers {
        assert_eq!(
            a.content_type.as_deref(),
            Some("application/problem+json"),
            "{a:?}"
        );
        assert_eq!(a.body["type"], "about:blank");
        assert!(
            a.body["title"].is_string() && a.body["detail"].is_string(),
            "{a:?}"
        );
        assert!(a.body["code"].is_string());
    }
}

/// The median time of five sign-in attempts.
async fn median_sign_in(
    s: &TestService,
    username: &str,
    password: &str,
) -> (Answer, std::time::Duration) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let started = std::time::Instant::now();
        last = Some(s.sign_in_raw(username, password).await);
        times.push(started.elapsed());
    }
    times.sort();
    (last.unwrap(), times[2])
}

/// Clause UQ-SCOPE: sign-in tells nobody who exists. An unknown user and a wrong password
/// get the same status and body in comparable time: the unknown one is verified against
/// a dummy hash, so it costs an argon2 verification too.
#[tokio::test]
async fn uq_scope_unknown_user_and_wrong_password_are_alike_in_time() {
    let s = TestService::start_with(admin_service::Config {
        sign_ins_per_minute: 1_000_000,
        ..admin_service::Config::default()
    })
    .await;
    // Five users, so no lock interferes with the five timed wrong passwords.
    let (wrong, wrong_time) = {
        let mut times = Vec::new();
        let mut last = None;
        for role in [
            "account_manager",
            "channel_manager",
            "channel_editor",
            "viewer",
            "service_operator",
        ] {
            let user = s.user_with_role(role).await;
            let started = std::time::Instant::now();
            last = Some(s.sign_in_raw(&user, "not-the-password").await);
            times.push(started.elapsed());
        }
        times.sort();
        (last.unwrap(), times[2])
    };
    let (unknown, unknown_time) =
        median_sign_in(&s, "nobody@demo.example", "not-the-password").await;
    unknown.assert_problem(401, "invalid_credentials");
    wrong.assert_problem(401, "invalid_credentials");
    assert_eq!(unknown.body, wrong.body);
    assert!(
        unknown_time * 3 >= wrong_time,
        "an unknown user answers in {unknown_time:?}, a wrong password in {wrong_time:?}"
    );
}

/// Clause UQ-SCOPE: lock and block state are told only after a correct password. A wrong
/// password gets the unknown user's answer whether the account is locked, blocked or
/// about to lock; the right one learns the state.
#[tokio::test]
async fn uq_scope_lock_and_block_are_told_only_after_a_correct_password() {
    let s = TestService::start().await;
    let unknown = s
        .sign_in_raw("nobody@demo.example", "not-the-password")
        .await;
    for _ in 0..3 {
        let a = s.sign_in_raw(MANAGER, "not-the-password").await;
        assert_eq!(
            (a.status, &a.body),
            (unknown.status, &unknown.body),
            "{a:?}"
        );
    }
    let during = s.sign_in_raw(MANAGER, "not-the-password").await;
    assert_eq!(
        (during.status, &during.body),
        (unknown.status, &unknown.body)
    );
    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    let blocked = admin_service::demo::people()
        .into_iter()
        .find(|p| p.blocked)
        .unwrap()
        .username;
    let a = s.sign_in_raw(&blocked, "not-the-password").await;
    assert_eq!(
        (a.status, &a.body),
        (unknown.status, &unknown.body),
        "{a:?}"
    );
    s.sign_in_raw(&blocked, DEMO_PASSWORD)
        .await
        .assert_problem(403, "user_blocked");
}
