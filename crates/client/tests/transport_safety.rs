//! What the client sends where, against bare sockets that misbehave on purpose: no
//! password follows a redirect (4S-TLS), and no request that may have reached the
//! service is sent twice.

use admin_api::Secret;
use admin_client::{Client, ClientError, RetryPolicy};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A socket that reads each request and answers with `answer(port)`, counting requests
/// and the bytes of their bodies.
async fn bare(
    answer: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = seen.clone();
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let mut got = Vec::new();
                // Read the head and as much body as Content-Length says.
                loop {
                    let Ok(n) = socket.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    got.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&got).to_string();
                    if let Some(head_end) = text.find("\r\n\r\n") {
                        let len = text[..head_end]
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if got.len() >= head_end + 4 + len {
                            break;
                        }
                    }
                }
                seen.fetch_add(1, Ordering::SeqCst);
                match answer() {
                    Some(reply) => {
                        let _ = socket.write_all(reply.as_bytes()).await;
                    }
                    // Read, then hang up without a word: did it arrive or not?
                    None => drop(socket),
                }
            });
        }
    });
    (port, count)
}

/// Clause 4S-TLS: a 307 to another host (here plain HTTP) is not followed, so the
/// sign-in body with the password goes nowhere else; the error names where it led.
#[tokio::test]
async fn four_s_tls_sign_in_does_not_follow_a_redirect() {
    let (elsewhere, received) = bare(|| {
        Some(
            "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: application/json\r\n\r\n{}"
                .into(),
        )
    })
    .await;
    let target = format!("http://localhost:{elsewhere}/api/v1/sessions");
    let location = target.clone();
    let (server, _) = bare(move || {
        Some(format!(
            "HTTP/1.1 307 Temporary Redirect\r\nlocation: {location}\r\ncontent-length: 0\r\n\r\n"
        ))
    })
    .await;
    let client = Client::new(&format!("http://127.0.0.1:{server}"))
        .unwrap()
        .with_retry(RetryPolicy::none());
    let err = client
        .sign_in("manager@demo.example", &Secret::new("the-password"))
        .await
        .unwrap_err();
    assert_eq!(
        received.load(Ordering::SeqCst),
        0,
        "the password followed the redirect"
    );
    assert!(matches!(err, ClientError::Redirected { .. }), "{err:?}");
    assert!(err.to_string().contains(&target), "{err}");
}

/// Clause 4S-TLS: a server address with user-info is refused, so no credential is kept
/// in the profile or the cache, and the error does not repeat the password.
#[test]
fn four_s_tls_refuses_server_urls_with_user_info() {
    for url in [
        "https://user:hunter2@admin.example.com",
        "https://user@admin.example.com",
        "http://user:hunter2@127.0.0.1:8080",
    ] {
        let err = Client::new(url).unwrap_err();
        assert!(matches!(err, ClientError::Insecure(_)), "{url}: {err:?}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
}

/// A POST whose connection dropped after the request was sent may have been carried
/// out: it is not sent again (a failed sign-in never counts twice).
#[tokio::test]
async fn post_is_not_retried_after_an_ambiguous_failure() {
    let (port, received) = bare(|| None).await;
    let client = Client::new(&format!("http://127.0.0.1:{port}"))
        .unwrap()
        .with_retry(RetryPolicy {
            attempts: 3,
            base: Duration::from_millis(1),
            max: Duration::from_millis(5),
        });
    let err = client
        .sign_in("manager@demo.example", &Secret::new("wrong-password"))
        .await
        .unwrap_err();
    assert!(err.is_offline(), "{err:?}");
    assert_eq!(
        received.load(Ordering::SeqCst),
        1,
        "the sign-in was sent again"
    );
    // A GET is safe to repeat: it is.
    let _ = client.health().await.unwrap_err();
    assert_eq!(received.load(Ordering::SeqCst), 4);
}

/// A DELETE is not repeated after an ambiguous failure either: the second would see
/// the first's result and report a false error.
#[tokio::test]
async fn delete_is_not_retried_after_an_ambiguous_failure() {
    let (port, received) = bare(|| None).await;
    let client = Client::new(&format!("http://127.0.0.1:{port}"))
        .unwrap()
        .with_token(Secret::new("t"))
        .with_retry(RetryPolicy {
            attempts: 3,
            base: Duration::from_millis(1),
            max: Duration::from_millis(5),
        });
    let _ = client.sign_out().await.unwrap_err();
    assert_eq!(received.load(Ordering::SeqCst), 1);
}

/// A connection that was never made carried nothing: a POST may retry it.
#[tokio::test]
async fn post_is_retried_when_the_connection_was_never_made() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::new(&format!("http://127.0.0.1:{port}"))
        .unwrap()
        .with_retry(RetryPolicy {
            attempts: 3,
            base: Duration::from_millis(200),
            max: Duration::from_millis(200),
        });
    let started = std::time::Instant::now();
    let err = client
        .sign_in("manager@demo.example", &Secret::new("x"))
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Unreachable { .. }), "{err:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(400),
        "not retried"
    );
}
