//! Password changes: UQ-PW-SELF, UQ-ACTIVITY-PW, UQ-PW-MIN6 and FZ-PW-REDACT (storage).

mod common;

use chrono::{DateTime, Utc};
use common::*;
use reqwest::StatusCode;
use serde_json::json;

const PATH: &str = "/api/v1/me/password";

async fn change(s: &TestService, token: &str, current: &str, new: &str) -> Answer {
    s.post(
        PATH,
        Some(token),
        json!({ "current_password": current, "new_password": new }),
    )
    .await
}

async fn stored_hash(s: &TestService, username: &str) -> String {
    admin_service::db::query_scalar("SELECT password_hash FROM users WHERE username = ?")
        .bind(username)
        .fetch_one(s.db())
        .await
        .unwrap()
}

/// Clause UQ-PW-SELF + UQ-ACTIVITY-PW: a user changes their own password; the old one
/// stops working, the new one works, and the change is a user activity.
#[tokio::test]
async fn uq_pw_self_change_own_password_and_uq_activity_pw_records_it() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let a = change(&s, &token, DEMO_PASSWORD, "brand-new-secret").await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{a:?}");
    assert!(a.text.is_empty());
    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(401, "invalid_credentials");
    s.sign_in(MANAGER, "brand-new-secret").await;
    // The session that made the change stays signed in.
    assert_eq!(s.me(&token).await.status, StatusCode::OK);

    let rows: Vec<(String, DateTime<Utc>)> = admin_service::db::query_as(
        "SELECT kind, at FROM user_activities WHERE user_id = ? AND kind = 'password_changed'",
    )
    .bind(s.user_id(MANAGER).await)
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, s.now());
    // Other users keep the demo password.
    s.sign_in_demo(OPERATOR).await;
}

/// Clause UQ-PW-SELF: whoever knew the old password is out: the user's other sessions end.
#[tokio::test]
async fn uq_pw_self_change_ends_the_other_sessions() {
    let s = TestService::start().await;
    let here = s.sign_in_demo(MANAGER).await;
    let elsewhere = s.sign_in_demo(MANAGER).await;
    assert_eq!(
        change(&s, &here, DEMO_PASSWORD, "brand-new-secret")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    s.me(&elsewhere)
        .await
        .assert_problem(401, "unauthenticated");
    assert_eq!(s.me(&here).await.status, StatusCode::OK);
    let reasons: Vec<Option<String>> =
        admin_service::db::query_scalar("SELECT end_reason FROM sessions ORDER BY id")
            .fetch_all(s.db())
            .await
            .unwrap();
    assert_eq!(reasons, [None, Some("password_changed".to_string())]);
}

/// Clause UQ-PW-SELF: the current password must be given; a wrong one names the field.
#[tokio::test]
async fn uq_pw_self_wrong_current_password_is_refused() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let before = stored_hash(&s, MANAGER).await;
    let a = change(&s, &token, "not-my-password", "brand-new-secret").await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("current_password"), "{a:?}");
    assert_eq!(stored_hash(&s, MANAGER).await, before);
    assert!(!s
        .activities(MANAGER)
        .await
        .contains(&"password_changed".to_string()));
    // Without a session there is no password change at all.
    s.post(
        PATH,
        None,
        json!({ "current_password": DEMO_PASSWORD, "new_password": "brand-new-secret" }),
    )
    .await
    .assert_problem(401, "unauthenticated");
    // A missing field is named.
    let a = s
        .post(
            PATH,
            Some(&token),
            json!({ "current_password": DEMO_PASSWORD }),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("new_password"), "{a:?}");
}

/// Clause UQ-PW-MIN6: five characters are refused naming `new_password`, six are accepted,
/// counted as characters, not bytes.
#[tokio::test]
async fn uq_pw_min6_new_password_needs_six_characters() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let a = change(&s, &token, DEMO_PASSWORD, "abcde").await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("new_password"), "{a:?}");
    // Five characters of ten bytes are still five characters.
    let a = change(&s, &token, DEMO_PASSWORD, "ääkkö").await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("new_password"));
    s.sign_in_demo(MANAGER).await;
    assert_eq!(
        change(&s, &token, DEMO_PASSWORD, "ääkkös").await.status,
        StatusCode::NO_CONTENT
    );
    s.sign_in(MANAGER, "ääkkös").await;
}

/// Clause UQ-PW-MIN6: an account may raise the minimum (to 10 here) but never lower it below 6.
#[tokio::test]
async fn uq_pw_min6_account_minimum_can_be_raised_never_lowered() {
    let s = TestService::start().await;
    admin_service::db::query("UPDATE accounts SET min_password_len = 10")
        .execute(s.db())
        .await
        .unwrap();
    let token = s.sign_in_demo(MANAGER).await;
    let a = change(&s, &token, DEMO_PASSWORD, "123456789").await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("new_password"), "{a:?}");
    assert!(
        a.body["detail"].as_str().unwrap_or("").contains("10"),
        "{a:?}"
    );
    assert_eq!(
        change(&s, &token, DEMO_PASSWORD, "1234567890").await.status,
        StatusCode::NO_CONTENT
    );

    let lower = admin_service::db::query("UPDATE accounts SET min_password_len = 5")
        .execute(s.db())
        .await;
    assert!(lower.is_err(), "an account minimum below 6 was stored");
}

/// Clause FZ-PW-REDACT: passwords are stored only as argon2id hashes, salted (a fresh
/// salt for every change), and never as the password itself.
#[tokio::test]
async fn fz_pw_redact_password_is_stored_as_salted_argon2id() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    assert_eq!(
        change(&s, &token, DEMO_PASSWORD, "first-new-secret")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let first = stored_hash(&s, MANAGER).await;
    assert!(first.starts_with("$argon2id$"), "{first}");
    assert!(!first.contains("first-new-secret"));

    // The same password for another user gets a different hash (salted).
    let op = s.sign_in_demo(OPERATOR).await;
    assert_eq!(
        change(&s, &op, DEMO_PASSWORD, "first-new-secret")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let second = stored_hash(&s, OPERATOR).await;
    assert!(second.starts_with("$argon2id$"));
    assert_ne!(first, second);

    // No password, old or new, is in any users row or on disk.
    for file in std::fs::read_dir(s.dir()).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        for pw in ["first-new-secret", DEMO_PASSWORD] {
            assert!(
                !bytes.windows(pw.len()).any(|w| w == pw.as_bytes()),
                "{pw} found on disk"
            );
        }
    }
}

/// Clause UQ-LOCKOUT-3: the password-change route is no guessing oracle. Wrong current
/// passwords count like failed sign-ins: the third locks the account and ends its sessions.
#[tokio::test]
async fn uq_lockout_3_wrong_current_passwords_lock_like_sign_ins() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let other = s.sign_in_demo(MANAGER).await;
    for _ in 0..2 {
        let a = change(&s, &token, "not-my-password", "brand-new-secret").await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{a:?}");
        assert_eq!(a.field(), Some("current_password"), "{a:?}");
    }
    let third = change(&s, &token, "not-my-password", "brand-new-secret").await;
    third.assert_problem(423, "account_locked");
    // Locked: the right password no longer signs in, and every session has ended.
    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    assert_eq!(s.me(&token).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(s.me(&other).await.status, StatusCode::UNAUTHORIZED);
    let kinds = s.activities(MANAGER).await;
    assert_eq!(
        kinds.iter().filter(|k| *k == "sign_in_failed").count(),
        3,
        "{kinds:?}"
    );
    assert!(kinds.contains(&"locked_out".to_string()), "{kinds:?}");
}

/// Clause UQ-LOCKOUT-3: failures counted on the password-change route and at sign-in
/// add up: two wrong sign-ins and one wrong current password lock.
#[tokio::test]
async fn uq_lockout_3_password_change_failures_add_to_sign_in_failures() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    for _ in 0..2 {
        s.sign_in_raw(MANAGER, "wrong-password")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    change(&s, &token, "not-my-password", "brand-new-secret")
        .await
        .assert_problem(423, "account_locked");
}

/// Clause FZ-PW-REDACT: the argon2id parameters are pinned (at least 19 MiB, two passes,
/// one lane), and a hash made with other parameters is rehashed at the next sign-in.
#[tokio::test]
async fn fz_pw_redact_hash_parameters_are_pinned_and_upgraded_at_sign_in() {
    use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
    let s = TestService::start().await;
    let params = |hash: &str| {
        let parsed = PasswordHash::new(hash).unwrap();
        let p = argon2::Params::try_from(&parsed).unwrap();
        (
            parsed.algorithm.as_str().to_string(),
            p.m_cost(),
            p.t_cost(),
            p.p_cost(),
        )
    };
    let (alg, m, t, p) = params(&stored_hash(&s, MANAGER).await);
    assert_eq!(alg, "argon2id");
    assert!(m >= 19 * 1024 && t >= 2 && p >= 1, "m={m} t={t} p={p}");
    let pinned = (alg, m, t, p);
    // An old, weaker hash of the same password.
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(4096, 1, 1, None).unwrap(),
    )
    .hash_password(
        DEMO_PASSWORD.as_bytes(),
        &SaltString::generate(&mut argon2::password_hash::rand_core::OsRng),
    )
    .unwrap()
    .to_string();
    admin_service::db::query("UPDATE users SET password_hash = ? WHERE username = ?")
        .bind(&weak)
        .bind(MANAGER)
        .execute(s.db())
        .await
        .unwrap();
    s.sign_in_demo(MANAGER).await;
    let upgraded = stored_hash(&s, MANAGER).await;
    assert_ne!(upgraded, weak);
    assert_eq!(params(&upgraded), pinned);
    s.sign_in_demo(MANAGER).await;
    // A wrong password upgrades nothing.
    admin_service::db::query("UPDATE users SET password_hash = ? WHERE username = ?")
        .bind(&weak)
        .bind(MANAGER)
        .execute(s.db())
        .await
        .unwrap();
    s.sign_in_raw(MANAGER, "not-the-password").await;
    assert_eq!(stored_hash(&s, MANAGER).await, weak);
}

/// Clause FZ-PW-REDACT: every demo user has their own salt, so their hashes differ
/// although the demo password is the same.
#[tokio::test]
async fn fz_pw_redact_demo_users_have_their_own_salts() {
    let s = TestService::start().await;
    let hashes: Vec<String> = admin_service::db::query_scalar("SELECT password_hash FROM users")
        .fetch_all(s.db())
        .await
        .unwrap();
    let distinct: std::collections::BTreeSet<&String> = hashes.iter().collect();
    assert!(hashes.len() > 10);
    assert_eq!(distinct.len(), hashes.len(), "demo users share a salt");
}
