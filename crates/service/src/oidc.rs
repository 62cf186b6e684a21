//! OpenID Connect for third-party sign-in (4S-SSO): discovery, the provider's keys (JWKS)
//! and the checks on an ID token. `jsonwebtoken` checks the signature and the claims it
//! knows; expiry is checked here against the service's injectable clock.
//!
//! The ID token is the only thing of the provider's the service sees; it is checked and
//! dropped, never stored or logged (FZ-THIRD-PARTY-PW).

use crate::error::ApiError;
use chrono::{DateTime, Utc};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Clock skew tolerated between the provider and the service.
const LEEWAY_SECONDS: i64 = 60;
/// How long fetched keys are used before they are fetched again (a key the cache does
/// not know is fetched at once: the provider rotated).
const KEYS_FOR: chrono::Duration = chrono::Duration::hours(1);

/// The discovery document's fields the service uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub jwks_uri: String,
}

struct Keys {
    jwks: JwkSet,
    fetched_at: DateTime<Utc>,
}

/// Fetched keys, per issuer.
#[derive(Default)]
pub struct KeyCache {
    keys: Mutex<HashMap<String, std::sync::Arc<Keys>>>,
}

/// The claims of an ID token the service reads.
#[derive(Debug, Clone, Deserialize)]
pub struct IdClaims {
    pub sub: String,
    pub exp: i64,
    #[serde(default)]
    pub nbf: Option<i64>,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub azp: Option<String>,
    /// A string or an array; only an array's length matters past `jsonwebtoken`'s check.
    #[serde(default)]
    pub aud: serde_json::Value,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub email_verified: Option<bool>,
    #[serde(default)]
    pub amr: Vec<String>,
}

/// What the ID token must match.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub now: DateTime<Utc>,
}

fn rejected(why: impl Into<String>) -> ApiError {
    ApiError::IdTokenRejected(why.into())
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default()
}

/// Checks an issuer URL: https, or http to this machine only (4S-TLS), no query or
/// fragment (OpenID Connect Discovery 1.0, §2).
pub fn check_issuer(raw: &str) -> Result<String, String> {
    let url = admin_policy::transport::check_server_url(raw).map_err(|e| e.to_string())?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("'{raw}' is an issuer URL: no query or fragment"));
    }
    Ok(raw.trim().to_string())
}

/// Reads `<issuer>/.well-known/openid-configuration`; its `issuer` must be the one asked.
pub async fn discover(issuer: &str) -> Result<Discovery, ApiError> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let unreachable =
        |e: reqwest::Error| ApiError::ProviderUnavailable(format!("{issuer}: {}", e.without_url()));
    let doc: Discovery = http()
        .get(&url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(unreachable)?
        .json()
        .await
        .map_err(unreachable)?;
    if doc.issuer != issuer {
        return Err(ApiError::ProviderUnavailable(format!(
            "{issuer} names itself '{}' in its discovery document",
            doc.issuer
        )));
    }
    admin_policy::transport::check_server_url(&doc.jwks_uri)
        .map_err(|e| ApiError::ProviderUnavailable(format!("{issuer}: jwks_uri {e}")))?;
    Ok(doc)
}

async fn fetch_keys(issuer: &str) -> Result<JwkSet, ApiError> {
    let doc = discover(issuer).await?;
    let unreachable =
        |e: reqwest::Error| ApiError::ProviderUnavailable(format!("{issuer}: {}", e.without_url()));
    http()
        .get(&doc.jwks_uri)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(unreachable)?
        .json()
        .await
        .map_err(unreachable)
}

impl KeyCache {
    fn cached(&self, issuer: &str) -> Option<std::sync::Arc<Keys>> {
        let keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.get(issuer).cloned()
    }

    async fn refresh(&self, issuer: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let jwks = fetch_keys(issuer).await?;
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.insert(
            issuer.to_string(),
            std::sync::Arc::new(Keys {
                jwks,
                fetched_at: now,
            }),
        );
        Ok(())
    }

    /// The provider's key with this id: from the cache while it is fresh and knows the
    /// id, otherwise fetched again once.
    async fn key(
        &self,
        issuer: &str,
        kid: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<jsonwebtoken::jwk::Jwk, ApiError> {
        let find = |keys: &Keys| match kid {
            Some(kid) => keys.jwks.find(kid).cloned(),
            None if keys.jwks.keys.len() == 1 => keys.jwks.keys.first().cloned(),
            None => None,
        };
        if let Some(keys) = self.cached(issuer) {
            if now - keys.fetched_at < KEYS_FOR {
                if let Some(key) = find(&keys) {
                    return Ok(key);
                }
            }
        }
        self.refresh(issuer, now).await?;
        self.cached(issuer)
            .and_then(|keys| find(&keys))
            .ok_or_else(|| rejected("the token is signed with a key the provider does not publish"))
    }
}

/// Checks an ID token: signature with the provider's published key (asymmetric
/// algorithms only), `iss`, `aud` (and `azp` when there are several audiences), `exp`
/// and `nbf` against `expected.now`, and `nonce`.
pub async fn verify(
    cache: &KeyCache,
    token: &str,
    expected: &Expected<'_>,
) -> Result<IdClaims, ApiError> {
    let header = jsonwebtoken::decode_header(token)
        .map_err(|_| rejected("the ID token is not a signed JWT"))?;
    if !matches!(
        header.alg,
        Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512
            | Algorithm::ES256
            | Algorithm::ES384
            | Algorithm::EdDSA
    ) {
        return Err(rejected(format!(
            "the ID token is signed with {:?}; only the provider's public keys are accepted",
            header.alg
        )));
    }
    let jwk = cache
        .key(expected.issuer, header.kid.as_deref(), expected.now)
        .await?;
    let key =
        DecodingKey::from_jwk(&jwk).map_err(|_| rejected("the provider's key is unusable"))?;
    let mut validation = Validation::new(header.alg);
    validation.set_issuer(&[expected.issuer]);
    validation.set_audience(&[expected.client_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // Expiry against the service's clock, below, not the machine's.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    let data = jsonwebtoken::decode::<IdClaims>(token, &key, &validation).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind;
        rejected(match e.kind() {
            ErrorKind::InvalidSignature => "the ID token's signature does not verify".to_string(),
            ErrorKind::InvalidIssuer => "the ID token is from another issuer".to_string(),
            ErrorKind::InvalidAudience => {
                "the ID token was issued to another client (aud)".to_string()
            }
            ErrorKind::MissingRequiredClaim(c) => format!("the ID token has no '{c}'"),
            _ => "the ID token is malformed".to_string(),
        })
    })?;
    let claims = data.claims;
    let now = expected.now.timestamp();
    if claims.exp + LEEWAY_SECONDS < now {
        return Err(rejected("the ID token has expired"));
    }
    if claims.nbf.is_some_and(|nbf| nbf - LEEWAY_SECONDS > now) {
        return Err(rejected("the ID token is not valid yet"));
    }
    let audiences = claims.aud.as_array().map_or(1, Vec::len);
    if audiences > 1 && claims.azp.as_deref() != Some(expected.client_id) {
        return Err(rejected("the ID token was issued to another client (azp)"));
    }
    if claims.nonce.as_deref() != Some(expected.nonce) {
        return Err(rejected(
            "the ID token's nonce is not this sign-in's: it was issued for another sign-in",
        ));
    }
    Ok(claims)
}
