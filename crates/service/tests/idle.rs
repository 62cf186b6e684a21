//! Clause FZ-IDLE-30: after 30 minutes of inactivity the user is signed out.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use reqwest::StatusCode;

async fn session_end(s: &TestService) -> (Option<DateTime<Utc>>, Option<String>) {
    admin_service::db::query_as(
        "SELECT ended_at, end_reason FROM sessions ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(s.db())
    .await
    .unwrap()
}

/// Clause FZ-IDLE-30: each request slides the deadline; 30 minutes of silence ends the
/// session as `session_expired`, the row records why, and the token stays dead.
#[tokio::test]
async fn fz_idle_30_activity_slides_and_silence_ends_the_session() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;

    s.advance(Duration::minutes(29));
    let a = s.me(&token).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(
        parse_time(&a.body["idle_expires_at"]),
        s.now() + Duration::minutes(30)
    );

    // 58 minutes after sign-in, but only 29 after the last request.
    s.advance(Duration::minutes(29));
    let a = s.me(&token).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(session_end(&s).await, (None, None));

    s.advance(Duration::minutes(30));
    s.me(&token).await.assert_problem(401, "session_expired");
    let (ended_at, reason) = session_end(&s).await;
    assert_eq!(reason.as_deref(), Some("idle"));
    assert_eq!(ended_at.expect("ended_at"), s.now());

    // Dead for good: a later request does not revive it.
    s.advance(Duration::minutes(1));
    let again = s.me(&token).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "{again:?}");
    assert!(
        matches!(again.problem_code(), "unauthenticated" | "session_expired"),
        "{again:?}"
    );
    let (_, reason) = session_end(&s).await;
    assert_eq!(
        reason.as_deref(),
        Some("idle"),
        "the end reason is not rewritten"
    );
    // Signing in again works and gives a new live session.
    let fresh = s.sign_in_demo(MANAGER).await;
    assert_eq!(s.me(&fresh).await.status, StatusCode::OK);
}

/// Clause FZ-IDLE-30: 29:59 of silence keeps the session, exactly 30:00 ends it.
#[tokio::test]
async fn fz_idle_30_boundary_is_exactly_thirty_minutes() {
    let s = TestService::start().await;
    let keep = s.sign_in_demo(MANAGER).await;
    let lose = s.sign_in_demo(OPERATOR).await;
    s.advance(Duration::minutes(30) - Duration::seconds(1));
    assert_eq!(s.me(&keep).await.status, StatusCode::OK);
    s.advance(Duration::seconds(1));
    s.me(&lose).await.assert_problem(401, "session_expired");
    // The one that was used a second ago is still alive.
    assert_eq!(s.me(&keep).await.status, StatusCode::OK);
}

/// Clause FZ-IDLE-30: an expired token cannot do anything, not even sign out or change
/// the password.
#[tokio::test]
async fn fz_idle_30_expired_token_cannot_act() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    s.advance(Duration::minutes(31));
    let a = s
        .call(
            reqwest::Method::DELETE,
            "/api/v1/sessions/current",
            Some(&token),
            None,
        )
        .await;
    a.assert_problem(401, "session_expired");
    let a = s
        .post(
            "/api/v1/me/password",
            Some(&token),
            serde_json::json!({
                "current_password": DEMO_PASSWORD, "new_password": "another-password"
            }),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{a:?}");
    // The password did not change.
    s.sign_in_demo(MANAGER).await;
}

/// Clause FZ-IDLE-30: only user actions count as activity. Requests marked as background
/// (the console's timed syncs) are served but do not slide the idle deadline, so a console
/// that syncs every five minutes with nobody at it is signed out 30 minutes after the
/// last real action.
#[tokio::test]
async fn fz_idle_30_background_requests_do_not_slide_the_deadline() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let background = |token: String| {
        let s = &s;
        async move {
            let resp = s
                .http
                .get(s.url("/api/v1/me"))
                .bearer_auth(token)
                .header(admin_api::headers::ACTIVITY, admin_api::headers::BACKGROUND)
                .send()
                .await
                .unwrap();
            read(resp).await
        }
    };
    for _ in 0..5 {
        s.advance(Duration::minutes(5));
        let a = background(token.clone()).await;
        assert_eq!(a.status, StatusCode::OK, "{a:?}");
        // The deadline it reports is the one the last user action set.
        assert_eq!(
            parse_time(&a.body["idle_expires_at"]),
            t0() + Duration::minutes(30)
        );
    }
    s.advance(Duration::minutes(5));
    background(token.clone())
        .await
        .assert_problem(401, "session_expired");
    assert_eq!(session_end(&s).await.1.as_deref(), Some("idle"));
}
