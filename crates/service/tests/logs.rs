//! Clause FZ-PW-REDACT: passwords (and session tokens) never appear in any log.
//!
//! Its own test binary: it installs a global TRACE subscriber that captures everything
//! every thread logs (the service's tasks run on other threads than the test).

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Clause FZ-PW-REDACT: with every target at TRACE, a sign-in, a failed sign-in, /me and
/// a password change log plenty, and none of it holds a password or the issued token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fz_pw_redact_no_password_or_token_in_trace_logs() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init() // global default, and `log` records too
        .expect("the only subscriber in this binary");

    let s = TestService::start().await;
    let wrong = "Wrong-Guess-7731";
    let new_password = "Fresh-Secret-4402";
    s.sign_in_raw(MANAGER, wrong)
        .await
        .assert_problem(401, "invalid_credentials");
    let token = s.sign_in_demo(MANAGER).await;
    assert_eq!(s.me(&token).await.status, StatusCode::OK);
    let a = s
        .post(
            "/api/v1/me/password",
            Some(&token),
            json!({ "current_password": DEMO_PASSWORD, "new_password": new_password }),
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{a:?}");
    let token2 = s.sign_in(MANAGER, new_password).await;
    // A wrong current password and a too-short new one take the error paths.
    let a = s
        .post(
            "/api/v1/me/password",
            Some(&token2),
            json!({ "current_password": wrong, "new_password": "x" }),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    // A mistyped password body takes the JSON rejection path.
    s.post(
        "/api/v1/sessions",
        None,
        json!({ "username": MANAGER, "password": 73315511 }),
    )
    .await;
    s.call(
        reqwest::Method::DELETE,
        "/api/v1/sessions/current",
        Some(&token2),
        None,
    )
    .await;
    s.running.stop().await.unwrap();

    let logs = buffer.text();
    assert!(!logs.is_empty(), "nothing was logged");
    // Proof the capture saw the service and its database at TRACE/DEBUG detail.
    assert!(
        logs.contains("/api/v1/me/password"),
        "the request spans are missing"
    );
    assert!(
        logs.contains("TRACE") || logs.contains("DEBUG"),
        "only coarse levels were captured"
    );
    for secret in [
        DEMO_PASSWORD,
        wrong,
        new_password,
        "73315511",
        token.as_str(),
        token2.as_str(),
    ] {
        if let Some(at) = logs.find(secret) {
            let from = at.saturating_sub(200);
            panic!(
                "{secret:?} is in the log: ...{}...",
                &logs[from..(at + secret.len() + 50).min(logs.len())]
            );
        }
    }
}
