//! Per-account security settings and their enforcement at sign-in: 4S-SSO (third-party
//! only, two-factor with TOTP), UQ-NO-SOCIAL-LOGIN, UQ-PW-MIN6, UQ-LOCKOUT-3.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn settings_path(account: i64) -> String {
    format!("/api/v1/accounts/{account}/security")
}

fn settings(min: i64, lock: i64, two: bool, third: bool, social: bool) -> Value {
    json!({"min_password_length": min, "lockout_minutes": lock, "require_two_factor": two,
           "third_party_only": third, "social_sign_in": social})
}

fn code(seed: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(seed).unwrap())
        .build()
        .unwrap()
        .generate(at.timestamp() as u64)
        .to_string()
}

/// Clause UQ-NO-SOCIAL-LOGIN: social sign-in is off until an account asks for it; who
/// may read and change the settings follows their roles.
#[tokio::test]
async fn uq_no_social_login_is_off_by_default_and_settings_are_scoped() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let demo = s.demo_account_id().await;
    let path = settings_path(demo);
    let m = s.sign_in_demo(MANAGER).await;
    let a = s.get(&path, Some(&m)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body, settings(6, 15, false, false, false));

    let cm = s
        .sign_in_demo(&s.user_with_role("channel_manager").await)
        .await;
    assert_eq!(s.get(&path, Some(&cm)).await.status, StatusCode::OK);
    s.put(&path, Some(&cm), settings(8, 15, false, false, false))
        .await
        .assert_problem(403, "forbidden");
    let viewer = s.sign_in_demo(&s.user_with_role("viewer").await).await;
    s.get(&path, Some(&viewer))
        .await
        .assert_problem(403, "forbidden");
    let am2 = s.sign_in_demo(other.manager).await;
    s.get(&path, Some(&am2))
        .await
        .assert_problem(404, "not_found");

    let a = s
        .put(&path, Some(&m), settings(5, 15, false, false, false))
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("min_password_length"));
    let a = s
        .put(&path, Some(&m), settings(6, 0, false, false, false))
        .await;
    assert_eq!(a.field(), Some("lockout_minutes"));

    let a = s
        .put(&path, Some(&m), settings(10, 5, false, false, true))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body, settings(10, 5, false, false, true));
    let viewer_name = s.user_with_role("viewer").await;
    assert!(s
        .notifications(&viewer_name)
        .await
        .contains(&"security_settings_changed".to_string()));
    // The other account is untouched.
    let theirs = s.get(&settings_path(other.account), Some(&am2)).await;
    assert_eq!(theirs.body, settings(6, 15, false, false, false));
}

/// Clause UQ-LOCKOUT-3 with the account's own lockout period.
#[tokio::test]
async fn uq_lockout_3_uses_the_accounts_period() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = settings_path(s.demo_account_id().await);
    s.put(&path, Some(&m), settings(6, 5, false, false, false))
        .await;
    let target = s.user_with_role("viewer").await;
    for _ in 0..2 {
        s.sign_in_raw(&target, "wrong-password").await;
    }
    s.sign_in_raw(&target, "wrong-password").await;
    let a = s.sign_in_raw(&target, DEMO_PASSWORD).await;
    a.assert_problem(423, "account_locked");
    assert_eq!(
        parse_time(&a.body["locked_until"]),
        s.now() + chrono::Duration::minutes(5)
    );
}

// Third-party-only sign-in end to end, with a real provider: tests/third_party_sign_in.rs.

/// Clause 4S-SSO: two-factor required means TOTP enrolment, then the code at every
/// sign-in; a wrong code counts as a failure; the seed is answered once and stored
/// nowhere else.
#[tokio::test]
async fn four_s_sso_two_factor_enrolment_and_sign_in() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = settings_path(s.demo_account_id().await);
    s.put(&path, Some(&m), settings(6, 15, true, false, false))
        .await;
    let user = s.user_with_role("viewer").await;
    s.sign_in_raw(&user, DEMO_PASSWORD)
        .await
        .assert_problem(403, "two_factor_enrolment_required");

    let enrol = |password: &'static str| {
        let user = user.clone();
        let s = &s;
        async move {
            s.post(
                "/api/v1/totp-enrolments",
                None,
                json!({"username": user, "password": password}),
            )
            .await
        }
    };
    enrol("wrong-password")
        .await
        .assert_problem(401, "invalid_credentials");
    let e = enrol(DEMO_PASSWORD).await;
    assert_eq!(e.status, StatusCode::CREATED, "{e:?}");
    let seed = e.body["secret"].as_str().unwrap().to_string();
    assert!(e.body["otpauth_url"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));

    s.sign_in_raw(&user, DEMO_PASSWORD)
        .await
        .assert_problem(403, "two_factor_required");
    let wrong = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": user, "password": DEMO_PASSWORD, "totp": "000000"}),
        )
        .await;
    wrong.assert_problem(401, "invalid_credentials");
    let ok = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": user, "password": DEMO_PASSWORD, "totp": code(&seed, s.now())}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{ok:?}");
    let token = ok.body["token"].as_str().unwrap();

    // Enrolled: the password alone cannot replace the authenticator.
    enrol(DEMO_PASSWORD).await.assert_problem(409, "conflict");
    // The seed appears in no later answer and in no audit row.
    let me = s.me(token).await;
    assert!(!me.text.contains(&seed));
    let id = s.user_id(&user).await;
    let detail = s.get(&format!("/api/v1/users/{id}"), Some(&m)).await;
    assert!(!detail.text.contains(&seed));
    let audit: Vec<String> =
        admin_service::db::query_scalar("SELECT action || target FROM audit_events")
            .fetch_all(s.db())
            .await
            .unwrap();
    assert!(audit.iter().all(|row| !row.contains(&seed)));
}

/// Enrols `user` (two-factor required on the demo account) and proves the authenticator
/// with a first sign-in; answers the seed.
async fn enrolled(s: &TestService, user: &str) -> String {
    let e = s
        .post(
            "/api/v1/totp-enrolments",
            None,
            json!({"username": user, "password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(e.status, StatusCode::CREATED, "{e:?}");
    let seed = e.body["secret"].as_str().unwrap().to_string();
    let ok = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": user, "password": DEMO_PASSWORD, "totp": code(&seed, s.now())}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{ok:?}");
    seed
}

/// Clause 4S-SSO: a manager resets a user's lost authenticator: the old codes stop
/// working at once, the user must enrol again, is told, and the reset is an audit event.
#[tokio::test]
async fn four_s_sso_manager_resets_two_factor_enrolment() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = settings_path(s.demo_account_id().await);
    s.put(&path, Some(&m), settings(6, 15, true, false, false))
        .await;
    let user = s.user_with_role("viewer").await;
    let id = s.user_id(&user).await;
    let seed = enrolled(&s, &user).await;
    let detail = s.get(&format!("/api/v1/users/{id}"), Some(&m)).await;
    assert_eq!(detail.body["two_factor_enrolled"], true, "{detail:?}");

    let reset = s
        .delete(&format!("/api/v1/users/{id}/totp"), Some(&m))
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{reset:?}");
    assert_eq!(reset.body["user"]["id"], id);
    assert_eq!(parse_time(&reset.body["at"]), s.now());
    assert!(!reset.text.contains(&seed));

    s.post(
        "/api/v1/sessions",
        None,
        json!({"username": user, "password": DEMO_PASSWORD, "totp": code(&seed, s.now())}),
    )
    .await
    .assert_problem(403, "two_factor_enrolment_required");
    let detail = s.get(&format!("/api/v1/users/{id}"), Some(&m)).await;
    assert_eq!(detail.body["two_factor_enrolled"], false);
    assert!(s
        .notifications(&user)
        .await
        .contains(&"two_factor_reset".to_string()));
    assert!(s
        .activities(&user)
        .await
        .contains(&"two_factor_reset".to_string()));
    let audited: Vec<(Option<String>, String, i64)> = admin_service::db::query_as(
        "SELECT actor, target, status FROM audit_events WHERE action = 'DELETE /api/v1/users/{id}/totp'",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(
        audited,
        [(
            Some(MANAGER.to_string()),
            format!("/api/v1/users/{id}/totp"),
            200
        )]
    );
    // Nothing left to reset; a new enrolment is open again with the password.
    s.delete(&format!("/api/v1/users/{id}/totp"), Some(&m))
        .await
        .assert_problem(409, "conflict");
    let again = enrolled(&s, &user).await;
    assert_ne!(again, seed);
}

/// Clauses UQ-SCOPE, UQ-DELEGATE-CHANNEL: who may reset: managers in scope (a Channel
/// Manager for users of their account), not editors or viewers, not across accounts,
/// not oneself.
#[tokio::test]
async fn uq_scope_two_factor_reset_is_for_managers_in_scope() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    admin_service::db::query("UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP'")
        .execute(s.db())
        .await
        .unwrap();
    let viewer = s.user_id(&s.user_with_role("viewer").await).await;
    let editor = s.user_with_role("channel_editor").await;
    // The editor shares a channel with the viewer, so sees them: the refusal is the role's.
    admin_service::db::query(
        "INSERT INTO role_assignments (user_id, role, scope_level, scope_id, granted_at) \
         SELECT ?, 'viewer', 'channel', scope_id, granted_at FROM role_assignments \
         WHERE user_id = ? AND role = 'channel_editor' LIMIT 1 ON CONFLICT DO NOTHING",
    )
    .bind(viewer)
    .bind(s.user_id(&editor).await)
    .execute(s.db())
    .await
    .unwrap();
    let reset = |who: String, id: i64| {
        let s = &s;
        async move {
            let token = s.sign_in_demo(&who).await;
            s.delete(&format!("/api/v1/users/{id}/totp"), Some(&token))
                .await
        }
    };
    reset(editor, viewer).await.assert_problem(403, "forbidden");
    reset(MANAGER.into(), other.viewer_id)
        .await
        .assert_problem(404, "not_found");
    reset(MANAGER.into(), s.user_id(MANAGER).await)
        .await
        .assert_problem(403, "forbidden");
    // The viewer now holds roles in two channels: a Channel Manager of one of them does
    // not cover them all (UQ-LEAST-PRIV), their Account Manager does.
    reset(s.user_with_role("channel_manager").await, viewer)
        .await
        .assert_problem(403, "forbidden");
    let a = reset(s.user_with_role("account_manager").await, viewer).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let a = reset(OPERATOR.into(), other.viewer_id).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
}

/// Clause 4S-SSO: until an identity provider is configured, third-party-only sign-in
/// would lock every user of the account out; switching it on is refused, naming why,
/// and the settings stay as they were.
#[tokio::test]
async fn four_s_sso_third_party_only_needs_an_identity_provider() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = settings_path(s.demo_account_id().await);
    let a = s
        .put(&path, Some(&m), settings(6, 15, false, true, false))
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("third_party_only"), "{a:?}");
    assert!(
        a.body["detail"]
            .as_str()
            .unwrap()
            .contains("identity provider"),
        "{a:?}"
    );
    let now = s.get(&path, Some(&m)).await;
    assert_eq!(now.body["third_party_only"], false, "{now:?}");
    s.sign_in_demo(MANAGER).await;
}

/// Clause 4S-SSO: a TOTP code is accepted once per time step; a replayed code (seen over
/// a shoulder, or sent twice) is refused like a wrong one, and the next step's code works.
#[tokio::test]
async fn four_s_sso_totp_code_is_accepted_once_per_time_step() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = settings_path(s.demo_account_id().await);
    s.put(&path, Some(&m), settings(6, 15, true, false, false))
        .await;
    let user = s.user_with_role("viewer").await;
    let seed = enrolled(&s, &user).await;
    let again = |code: String| {
        let user = user.clone();
        let s = &s;
        async move {
            s.post(
                "/api/v1/sessions",
                None,
                json!({"username": user, "password": DEMO_PASSWORD, "totp": code}),
            )
            .await
        }
    };
    // `enrolled` signed in with this step's code: it is spent.
    again(code(&seed, s.now()))
        .await
        .assert_problem(401, "invalid_credentials");
    s.advance(chrono::Duration::seconds(30));
    let ok = again(code(&seed, s.now())).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{ok:?}");
    // Nor is the step before accepted once a later one was used.
    again(code(&seed, s.now() - chrono::Duration::seconds(30)))
        .await
        .assert_problem(401, "invalid_credentials");
}

/// Clause 4S-SSO: the seed is encrypted at rest with the service's configured key, so
/// the database (and every backup of it) holds no usable seed; the service still reads it.
#[tokio::test]
async fn four_s_sso_totp_seed_is_encrypted_at_rest() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = settings_path(s.demo_account_id().await);
    s.put(&path, Some(&m), settings(6, 15, true, false, false))
        .await;
    let user = s.user_with_role("viewer").await;
    let seed = enrolled(&s, &user).await;
    let stored: String =
        admin_service::db::query_scalar("SELECT totp_secret FROM users WHERE username = ?")
            .bind(&user)
            .fetch_one(s.db())
            .await
            .unwrap();
    assert!(!stored.contains(&seed), "the seed is stored in the clear");
    let raw = totp_rs::Secret::try_from_base32(&seed).unwrap();
    let raw = raw.as_bytes();
    assert!(!stored.as_bytes().windows(raw.len()).any(|w| w == raw));
    // Still usable by the service with its key.
    s.advance(chrono::Duration::seconds(30));
    let ok = s
        .post(
            "/api/v1/sessions",
            None,
            json!({"username": user, "password": DEMO_PASSWORD, "totp": code(&seed, s.now())}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{ok:?}");
}
