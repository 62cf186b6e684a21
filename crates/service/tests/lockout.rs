//! Clause UQ-LOCKOUT-3: three unsuccessful sign-ins lock the account for a period.

mod common;

use chrono::Duration;
use common::*;
use reqwest::StatusCode;

const WRONG: &str = "wrong-password";

/// Clause UQ-LOCKOUT-3: the third failure locks until now + 15 minutes, recorded as user
/// activities. Every wrong password answers 401 (UQ-SCOPE: the lock is told only to the
/// right password, which then gets 423 with `locked_until`).
#[tokio::test]
async fn uq_lockout_3_third_failure_locks_for_15_minutes() {
    let s = TestService::start().await;
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    s.advance(Duration::seconds(10));
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    s.advance(Duration::seconds(10));
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    let until = s.now() + Duration::minutes(15);
    let right = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    right.assert_problem(423, "account_locked");
    assert_eq!(parse_time(&right.body["locked_until"]), until, "{right:?}");
    assert_eq!(
        s.activities(MANAGER).await,
        [
            "sign_in_failed",
            "sign_in_failed",
            "sign_in_failed",
            "locked_out"
        ]
    );
    // The lock is stored with the user.
    let (stored, failures): (Option<chrono::DateTime<chrono::Utc>>, i64) =
        admin_service::db::query_as(
            "SELECT locked_until, failed_attempts FROM users WHERE username = ?",
        )
        .bind(MANAGER)
        .fetch_one(s.db())
        .await
        .unwrap();
    assert_eq!(stored, Some(until));
    assert_eq!(failures, 0, "the count starts again after a lock");
}

/// Clause UQ-LOCKOUT-3: while locked even the right password is refused, with the same
/// deadline; once the period has passed the right password signs in. Wrong passwords
/// during the lock still count: a lock is no window for free guesses.
#[tokio::test]
async fn uq_lockout_3_lock_holds_against_correct_password_until_it_expires() {
    let s = TestService::start().await;
    for _ in 0..2 {
        s.sign_in_raw(MANAGER, WRONG)
            .await
            .assert_problem(401, "invalid_credentials");
    }
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    let right = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    right.assert_problem(423, "account_locked");
    let until = parse_time(&right.body["locked_until"]);
    assert_eq!(until, t0() + Duration::minutes(15));

    s.advance(Duration::minutes(15) - Duration::seconds(1));
    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    // One wrong attempt during the lock is counted but does not extend it.
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");

    s.advance(Duration::seconds(1));
    let a = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    assert_eq!(
        a.body["user"]["locked_until"],
        serde_json::Value::Null,
        "a sign-in clears the lock"
    );
    // Other users were never affected.
    s.sign_in_demo(OPERATOR).await;
}

/// Clause UQ-LOCKOUT-3: a successful sign-in resets the failure count.
#[tokio::test]
async fn uq_lockout_3_success_resets_the_failure_count() {
    let s = TestService::start().await;
    for _ in 0..2 {
        s.sign_in_raw(MANAGER, WRONG)
            .await
            .assert_problem(401, "invalid_credentials");
    }
    s.sign_in_demo(MANAGER).await;
    for _ in 0..2 {
        s.sign_in_raw(MANAGER, WRONG)
            .await
            .assert_problem(401, "invalid_credentials");
    }
    // Still open: four failures in all, but never three in a row.
    s.sign_in_demo(MANAGER).await;
    let kinds = s.activities(MANAGER).await;
    assert!(!kinds.contains(&"locked_out".to_string()), "{kinds:?}");
}

/// Clause UQ-LOCKOUT-3: after a lock has expired, it takes three new failures to lock again.
#[tokio::test]
async fn uq_lockout_3_counts_again_from_zero_after_a_lock() {
    let s = TestService::start().await;
    for _ in 0..3 {
        s.sign_in_raw(MANAGER, WRONG).await;
    }
    s.advance(Duration::minutes(15));
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    s.sign_in_raw(MANAGER, WRONG)
        .await
        .assert_problem(401, "invalid_credentials");
    let again = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    again.assert_problem(423, "account_locked");
    assert_eq!(
        parse_time(&again.body["locked_until"]),
        s.now() + Duration::minutes(15)
    );
}

/// Clause UQ-LOCKOUT-3: the lock period is a per-account setting.
#[tokio::test]
async fn uq_lockout_3_account_setting_sets_the_lock_period() {
    let s = TestService::start().await;
    admin_service::db::query("UPDATE accounts SET lockout_minutes = 60")
        .execute(s.db())
        .await
        .unwrap();
    for _ in 0..2 {
        s.sign_in_raw(MANAGER, WRONG)
            .await
            .assert_problem(401, "invalid_credentials");
    }
    s.sign_in_raw(MANAGER, WRONG).await;
    let locked = s.sign_in_raw(MANAGER, DEMO_PASSWORD).await;
    locked.assert_problem(423, "account_locked");
    assert_eq!(
        parse_time(&locked.body["locked_until"]),
        s.now() + Duration::minutes(60)
    );
    s.advance(Duration::minutes(30));
    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    s.advance(Duration::minutes(30));
    s.sign_in_demo(MANAGER).await;
}

/// Clause UQ-LOCKOUT-3: the account setting cannot switch the lock off.
#[tokio::test]
async fn uq_lockout_3_lock_period_cannot_be_zero() {
    let s = TestService::start().await;
    let zero = admin_service::db::query("UPDATE accounts SET lockout_minutes = 0")
        .execute(s.db())
        .await;
    assert!(zero.is_err(), "a zero lock period was accepted");
}

/// Clause UQ-LOCKOUT-3: parallel guesses cannot slip past the count. Ten wrong
/// passwords sent at once are counted one after another: the third, sixth and ninth lock
/// (again), every one answers like a wrong password (UQ-SCOPE), and then the right
/// password is refused. (Also: no 500s from the audit log when requests write the
/// database at the same time.)
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn uq_lockout_3_concurrent_failures_still_lock() {
    let s = TestService::start().await;
    let attempts = (0..10).map(|_| s.sign_in_raw(MANAGER, WRONG));
    let answers = futures_join_all(attempts).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    assert!(
        statuses.iter().all(|s| *s == 401),
        "a wrong password told more than a wrong password: {statuses:?}"
    );
    s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    // Exactly as if they came one after another: every guess counted, a lock per three.
    let kinds = s.activities(MANAGER).await;
    let count = |k: &str| kinds.iter().filter(|x| *x == k).count();
    assert_eq!(
        (count("sign_in_failed"), count("locked_out")),
        (10, 3),
        "parallel guesses slipped past the count: {kinds:?}"
    );
}

/// Runs futures concurrently on the current task (no extra dependency).
async fn futures_join_all<F: std::future::Future>(futs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futs {
        set.push(Box::pin(f));
    }
    let mut out: Vec<Option<F::Output>> = (0..set.len()).map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in set.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(Option::unwrap).collect()
}

/// Clause UQ-LOCKOUT-3, and issue 19: the lock is told at once to the Account Managers of the
/// locked user's account, who may unlock them (a critical desktop notification in the
/// console); not to the user, not to another account's managers, not to operators.
#[tokio::test]
async fn uq_lockout_3_lock_is_told_to_the_accounts_managers() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let viewer = s.user_with_role("viewer").await;
    for _ in 0..3 {
        s.sign_in_raw(&viewer, WRONG)
            .await
            .assert_problem(401, "invalid_credentials");
    }
    let told: Vec<(String, String)> = admin_service::db::query_as(
        "SELECT kind, message FROM user_notifications WHERE user_id = ? ORDER BY id",
    )
    .bind(s.user_id(MANAGER).await)
    .fetch_all(s.db())
    .await
    .unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "locked_out");
    assert!(
        told[0].1.starts_with("Account locked: ")
            && told[0]
                .1
                .contains(&format!("({viewer}) after 3 failed sign-ins")),
        "{told:?}"
    );
    assert!(s.notifications(&viewer).await.is_empty());
    assert!(s.notifications(other.manager).await.is_empty());
    assert!(s.notifications(OPERATOR).await.is_empty());
}
