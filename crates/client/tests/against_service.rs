//! The client against the real service on loopback, and against a bare socket for
//! the failures the service cannot be asked to produce.

use admin_api::{ProblemCode, Secret};
use admin_client::{Client, ClientError, RetryPolicy};
use admin_service::{demo, Config};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

mod common;

async fn service() -> (admin_service::RunningService, tempfile::TempDir) {
    let (db, dir) = common::demo_database().await;
    (common::serve(db, Config::default()).await, dir)
}

#[tokio::test]
async fn signs_in_reads_me_and_signs_out() {
    let (svc, _dir) = service().await;
    let client = Client::new(&svc.base_url()).unwrap();
    assert_eq!(client.health().await.unwrap().status, "ok");
    let session = client
        .sign_in(demo::MANAGER, &Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap();
    let authed = client.with_token(session.token);
    let me = authed.me().await.unwrap();
    assert_eq!(me.user.username, demo::MANAGER);
    assert_eq!(me.account.unwrap().name, demo::ACCOUNT);
    authed.sign_out().await.unwrap();
    let err = authed.me().await.unwrap_err();
    assert_eq!(err.problem().unwrap().code, ProblemCode::Unauthenticated);
}

/// Clause UQ-LOCKOUT-3: the client surfaces the 423 with its unlock time.
#[tokio::test]
async fn uq_lockout_3_problem_decoded_with_unlock_time() {
    let (svc, _dir) = service().await;
    let client = Client::new(&svc.base_url()).unwrap();
    let wrong = Secret::new("wrong-password");
    for _ in 0..2 {
        let e = client.sign_in(demo::MANAGER, &wrong).await.unwrap_err();
        assert_eq!(e.problem().unwrap().code, ProblemCode::InvalidCredentials);
    }
    let e = client.sign_in(demo::MANAGER, &wrong).await.unwrap_err();
    let problem = e.problem().unwrap();
    assert_eq!(
        (problem.status, problem.code),
        (423, ProblemCode::AccountLocked)
    );
    assert!(problem.locked_until.is_some());
}

/// Clause 4S-TLS: the client will not talk plain HTTP to another machine.
#[test]
fn four_s_tls_refuses_plain_http_to_remote_hosts() {
    let err = Client::new("http://admin.example.com").unwrap_err();
    assert!(matches!(err, ClientError::Insecure(_)));
    assert!(err.to_string().contains("https://"));
    assert!(Client::new("https://admin.example.com").is_ok());
}

#[tokio::test]
async fn unreachable_service_is_offline_after_backoff() {
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let policy = RetryPolicy {
        attempts: 3,
        base: Duration::from_millis(100),
        max: Duration::from_secs(1),
    };
    let client = Client::new(&format!("http://127.0.0.1:{port}"))
        .unwrap()
        .with_retry(policy);
    let started = Instant::now();
    let err = client.health().await.unwrap_err();
    assert!(err.is_offline(), "{err:?}");
    // Two waits of 100 and 200 ms between the three attempts.
    assert!(started.elapsed() >= Duration::from_millis(300));
}

/// A socket that answers each connection with the next canned response.
async fn canned(responses: Vec<&'static str>) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = served.clone();
    tokio::spawn(async move {
        for response in responses {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            socket.write_all(response.as_bytes()).await.unwrap();
            socket.shutdown().await.ok();
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    (url, served)
}

const HEALTHY: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 49\r\nconnection: close\r\n\r\n{\"status\":\"ok\",\"version\":\"1\",\"region\":\"EU (x)\"}  ";

#[tokio::test]
async fn retries_5xx_for_reads_and_honours_retry_after() {
    let busy = "HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
    let broken = "HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
    let (url, served) = canned(vec![busy, broken, HEALTHY]).await;
    let policy = RetryPolicy {
        attempts: 3,
        base: Duration::from_millis(50),
        max: Duration::from_secs(5),
    };
    let client = Client::new(&url).unwrap().with_retry(policy);
    let started = Instant::now();
    assert_eq!(client.health().await.unwrap().region, "EU (x)");
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was not honoured"
    );
}

#[tokio::test]
async fn does_not_repeat_a_sign_in_the_service_answered() {
    let broken =
        "HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
    let (url, served) = canned(vec![broken, broken]).await;
    let client = Client::new(&url).unwrap();
    let err = client
        .sign_in("manager@demo.example", &Secret::new("x"))
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().status, 500);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(served.load(std::sync::atomic::Ordering::SeqCst), 1);
}

/// Clauses UQ-DELEGATE-ACCOUNT and UQ-REVOKE-LIVE through the client: the tree, the
/// users, a grant, its refusal code, and the revocation receipt.
#[tokio::test]
async fn uq_delegate_account_grant_and_revoke_through_the_client() {
    let (svc, _dir) = service().await;
    let client = Client::new(&svc.base_url()).unwrap();
    let session = client
        .sign_in(demo::MANAGER, &Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap();
    let m = client.with_token(session.token);
    let accounts = m.accounts().await.unwrap();
    assert_eq!(accounts.len(), 1);
    let channels = m.channels(accounts[0].id).await.unwrap();
    assert_eq!(channels.len(), 3);
    let page = m
        .users(&[("role", "viewer".into()), ("limit", "5".into())])
        .await
        .unwrap();
    assert_eq!(page.users.len(), 5);
    assert!(page.next_after.is_some());
    let target = page.users[0].user.id;
    let grant = admin_api::GrantRequest {
        user_id: target,
        role: admin_api::Role::ChannelManager,
        scope: admin_api::Scope::Channel { id: channels[0].id },
    };
    let granted = m.grant_role(&grant).await.unwrap();
    let again = m.grant_role(&grant).await.unwrap_err();
    assert_eq!(again.problem().unwrap().code, ProblemCode::Conflict);
    let above = admin_api::GrantRequest {
        role: admin_api::Role::ServiceOperator,
        scope: admin_api::Scope::Platform,
        ..grant
    };
    let refused = m.grant_role(&above).await.unwrap_err();
    assert_eq!(
        refused.problem().unwrap().code,
        ProblemCode::DelegationAboveOwnLevel
    );
    let receipt = m.revoke_role(granted.id).await.unwrap();
    assert_eq!(receipt.user_id, target);
    assert_eq!(receipt.live_sessions, 0);
    let detail = m.user(target).await.unwrap();
    assert!(detail.assignments.iter().all(|a| a.id != granted.id));
    let settings = m.security_settings(accounts[0].id).await.unwrap();
    assert!(
        !settings.social_sign_in,
        "UQ-NO-SOCIAL-LOGIN: off by default"
    );
    let saved = m
        .set_security_settings(
            accounts[0].id,
            &admin_api::SecuritySettings {
                min_password_length: 8,
                ..settings
            },
        )
        .await
        .unwrap();
    assert_eq!(saved.min_password_length, 8);
}
