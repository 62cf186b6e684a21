//! Clause FZ-THIRD-PARTY-PW: what a third-party sign-in hands over stays out of the
//! service's database and logs. Its own test binary: it installs a global TRACE
//! subscriber that captures everything every thread logs.

mod common;

use admin_api::{IdentityProviderKind, SignInOption};
use admin_service::db::{self, Backend, Db};
use common::oidc::{id_token, Provider};
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

/// Every text of every table, one string.
async fn database_text(s: &TestService) -> String {
    let mut all = String::new();
    match s.db() {
        Db::Sqlite(pool) => {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            for table in tables {
                let rows = sqlx::query(&format!("SELECT * FROM \"{table}\""))
                    .fetch_all(pool)
                    .await
                    .unwrap();
                for row in rows {
                    use sqlx::{Column, Row, ValueRef};
                    for (i, column) in row.columns().iter().enumerate() {
                        let raw = row.try_get_raw(i).unwrap();
                        if raw.is_null() {
                            continue;
                        }
                        if let Ok(text) = row.try_get::<String, _>(i) {
                            all.push_str(column.name());
                            all.push('=');
                            all.push_str(&text);
                            all.push('\n');
                        }
                    }
                }
            }
        }
        Db::Postgres(_) => all.push_str(&pg::every_row_text(s.db()).await),
    }
    all
}

/// Clause FZ-THIRD-PARTY-PW: a full sign-in through the provider, a refused one and a
/// provider's settings, with every target at TRACE: neither the ID token nor any part of
/// it (its signature) is in the logs or anywhere in the database; the providers' table
/// has no column for a client secret. (The console keeps none of it either: the token
/// lives only until the service has it, `admin_client::oidc`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fz_third_party_pw_provider_tokens_never_reach_the_database_or_logs() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only subscriber in this binary");

    let idp = Provider::start();
    let s = TestService::start_at(chrono::Utc::now()).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let account = s.demo_account_id().await;
    let a = s
        .post(
            &format!("/api/v1/accounts/{account}/identity-providers"),
            Some(&manager),
            json!({"name": "Test IdP", "issuer": idp.issuer, "client_id": "admin-console",
                   "kind": "workforce"}),
        )
        .await;
    let provider = a.body["id"].as_i64().unwrap();
    let user_id = s.user_id(MANAGER).await;
    s.post(
        &format!("/api/v1/identity-providers/{provider}/links"),
        Some(&manager),
        json!({"user_id": user_id, "subject": "manager-at-idp"}),
    )
    .await;
    let option = SignInOption {
        provider_id: provider,
        name: "Test IdP".into(),
        kind: IdentityProviderKind::Workforce,
        issuer: idp.issuer.clone(),
        client_id: "admin-console".into(),
    };
    let mut tokens = Vec::new();
    for login in ["manager-at-idp", "stranger-at-idp"] {
        let flow = s
            .post("/api/v1/sign-in-flows", None, json!({"username": MANAGER}))
            .await;
        let nonce = flow.body["nonce"].as_str().unwrap();
        let token = id_token(&option, nonce, login).await;
        let a = s
            .post(
                "/api/v1/sessions/third-party",
                None,
                json!({"flow_id": flow.body["flow_id"], "provider_id": provider,
                       "id_token": token.expose()}),
            )
            .await;
        let expected = if login == "manager-at-idp" { 201 } else { 403 };
        assert_eq!(a.status, StatusCode::from_u16(expected).unwrap(), "{a:?}");
        tokens.push(token);
    }

    let logs = String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned();
    assert!(
        logs.contains("third-party"),
        "the sign-ins were logged at all"
    );
    let db = database_text(&s).await;
    for token in &tokens {
        let signature = token.expose().rsplit('.').next().unwrap();
        assert!(signature.len() > 40);
        for (place, text) in [("logs", &logs), ("database", &db)] {
            assert!(
                !text.contains(token.expose()),
                "the ID token is in the {place}"
            );
            assert!(
                !text.contains(signature),
                "the token's signature is in the {place}"
            );
        }
    }
    let columns: Vec<String> = db::query_scalar(match s.db().backend() {
        Backend::Sqlite => "SELECT name FROM pragma_table_info('identity_providers')",
        Backend::Postgres => {
            "SELECT column_name::TEXT FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = 'identity_providers'"
        }
    })
    .fetch_all(s.db())
    .await
    .unwrap();
    assert!(
        !columns
            .iter()
            .any(|c| c.contains("secret") || c.contains("token")),
        "{columns:?}"
    );
}
