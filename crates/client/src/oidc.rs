//! The console's side of a third-party sign-in (4S-SSO), as a native app (RFC 8252): the
//! system browser goes to the provider with an authorization code request (PKCE S256,
//! `state`, the service's `nonce`), the provider sends it back to a one-shot listener on
//! 127.0.0.1 with a random port, and the code is exchanged for the ID token as a public
//! client. Only the ID token is kept, and only until the service has it: the provider's
//! access and refresh tokens are dropped at once (FZ-THIRD-PARTY-PW).

use admin_api::{Secret, SignInOption};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

/// The page the browser shows once the provider sent it back.
pub const DONE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\
<title>Signed in</title></head><body style=\"font-family:sans-serif\">\
<h1>You can close this window</h1><p>Return to the admin console.</p></body></html>";

const FAILED_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\
<title>Sign-in failed</title></head><body style=\"font-family:sans-serif\">\
<h1>Sign-in did not complete</h1><p>You can close this window; the admin console says why.</p>\
</body></html>";

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("{0}")]
    Insecure(#[from] admin_policy::transport::TransportError),
    #[error("the identity provider cannot be reached: {0}")]
    Provider(String),
    #[error("the browser could not be opened: {0}")]
    Browser(String),
    #[error("the provider refused the sign-in: {0}")]
    Refused(String),
    /// The redirect's `state` or the token's `nonce` is not this sign-in's (RFC 8252 §8.9).
    #[error("the answer that reached the console is not from this sign-in ({0}); start again")]
    Mismatch(&'static str),
    #[error("no answer from the browser within {} minutes; start again", .0.as_secs() / 60)]
    TimedOut(Duration),
}

#[derive(Deserialize)]
struct Endpoints {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
}

/// `oidc_token` answer: only the ID token is read; the rest is dropped unread.
#[derive(Deserialize)]
struct TokenAnswer {
    id_token: Option<Secret>,
}

fn random() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap_or_default()
}

async fn endpoints(issuer: &str) -> Result<Endpoints, OidcError> {
    admin_policy::transport::check_server_url(issuer)?;
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let fail = |e: reqwest::Error| OidcError::Provider(e.without_url().to_string());
    let doc: Endpoints = http()
        .get(&url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(fail)?
        .json()
        .await
        .map_err(fail)?;
    if doc.issuer != issuer {
        return Err(OidcError::Provider(format!(
            "{issuer} names itself '{}'",
            doc.issuer
        )));
    }
    admin_policy::transport::check_server_url(&doc.authorization_endpoint)?;
    admin_policy::transport::check_server_url(&doc.token_endpoint)?;
    Ok(doc)
}

/// Signs in at `option`'s provider through a browser `open` starts at the URL it is
/// given; answers the ID token, whose `nonce` is checked to be `nonce`.
pub async fn sign_in_in_browser<F>(
    option: &SignInOption,
    nonce: &str,
    open: F,
    wait: Duration,
) -> Result<Secret, OidcError>
where
    F: FnOnce(&str) -> Result<(), String>,
{
    let endpoints = endpoints(&option.issuer).await?;
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| OidcError::Browser(format!("no loopback port: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| OidcError::Browser(e.to_string()))?
        .port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let verifier = random();
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let state = random();
    let mut url = Url::parse(&endpoints.authorization_endpoint)
        .map_err(|e| OidcError::Provider(e.to_string()))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &option.client_id)
        .append_pair("redirect_uri", &redirect_uri)
        .append_pair("scope", "openid email")
        .append_pair("state", &state)
        .append_pair("nonce", nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    open(url.as_str()).map_err(OidcError::Browser)?;
    let code = tokio::time::timeout(wait, callback(&listener, &state))
        .await
        .map_err(|_| OidcError::TimedOut(wait))??;
    let answer: TokenAnswer = http()
        .post(&endpoints.token_endpoint)
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.expose()),
            ("redirect_uri", &redirect_uri),
            ("client_id", &option.client_id),
            ("code_verifier", &verifier),
        ])
        .send()
        .await
        .map_err(|e| OidcError::Provider(e.without_url().to_string()))?
        .error_for_status()
        .map_err(|e| OidcError::Refused(e.without_url().to_string()))?
        .json()
        .await
        .map_err(|e| OidcError::Provider(e.without_url().to_string()))?;
    let id_token = answer
        .id_token
        .ok_or_else(|| OidcError::Refused("no ID token in the provider's answer".into()))?;
    if token_nonce(id_token.expose()).as_deref() != Some(nonce) {
        return Err(OidcError::Mismatch("nonce"));
    }
    Ok(id_token)
}

/// The `nonce` claim of a JWT, read without checking the signature: the service checks
/// the token; this only stops a token of another sign-in from leaving the machine.
fn token_nonce(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims.get("nonce")?.as_str().map(str::to_string)
}

/// Waits for the browser's redirect to `/callback`; other requests (a favicon) get a
/// 404 and the wait goes on.
async fn callback(listener: &TcpListener, state: &str) -> Result<Secret, OidcError> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| OidcError::Browser(e.to_string()))?;
        let mut buf = vec![0u8; 8192];
        let mut read = 0;
        while read < buf.len() {
            let n = stream.read(&mut buf[read..]).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            read += n;
            if buf[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let head = String::from_utf8_lossy(&buf[..read]);
        let target = head
            .lines()
            .next()
            .and_then(|line| line.split_whitespace().nth(1))
            .unwrap_or("/");
        let Ok(url) = Url::parse(&format!("http://127.0.0.1{target}")) else {
            continue;
        };
        if url.path() != "/callback" {
            let _ = stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .await;
            continue;
        }
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        let outcome = if param("state").as_deref() != Some(state) {
            Err(OidcError::Mismatch("state"))
        } else if let Some(error) = param("error") {
            let description = param("error_description").unwrap_or_default();
            Err(OidcError::Refused(
                format!("{error} {description}").trim().to_string(),
            ))
        } else {
            param("code")
                .map(Secret::new)
                .ok_or_else(|| OidcError::Refused("no code in the redirect".into()))
        };
        let page = if outcome.is_ok() {
            DONE_PAGE
        } else {
            FAILED_PAGE
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\
             cache-control: no-store\r\nconnection: close\r\n\r\n{page}",
            page.len()
        );
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
        return outcome;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_nonce_of_a_token() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"nonce":"n-1","sub":"a"}"#);
        assert_eq!(
            token_nonce(&format!("h.{payload}.s")).as_deref(),
            Some("n-1")
        );
        assert_eq!(token_nonce("garbage"), None);
    }
}
