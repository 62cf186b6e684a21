//! Extractors whose rejections are problem+json naming the bad field.

use crate::error::ApiError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // Read once (within the body limit), decode twice: as plain JSON for the
        // card-number check over every string, before anything else sees the body (so no
        // handler can store one, FZ-NO-CARD), then into `T`.
        let headers = req.headers().clone();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::invalid("body", e.body_text()))?;
        let mut bytes = bytes;
        if let Ok(mut body) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            crate::no_card::check_body(&body)?;
            if integral_floats_to_integers(&mut body) {
                bytes = serde_json::to_vec(&body)
                    .expect("a JSON value serializes")
                    .into();
            }
        }
        let mut req = Request::new(axum::body::Body::from(bytes));
        *req.headers_mut() = headers;
        let value = match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => value,
            Err(rejection) => return Err(reject(rejection)),
        };
        Ok(Json(value))
    }
}

/// JSON has one number type: `60.0` and `6e1` are the integer 60 to JSON Schema (the
/// OpenAPI document's `type: integer`), so they are accepted where serde wants an integer.
/// Returns whether anything changed.
fn integral_floats_to_integers(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            // Exactly representable: beyond 2^53 a float is not a precise integer.
            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                *value = Value::from(f as i64);
                true
            } else {
                false
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, v| integral_floats_to_integers(v) | changed),
        Value::Object(fields) => fields
            .values_mut()
            .fold(false, |changed, v| integral_floats_to_integers(v) | changed),
        _ => false,
    }
}

fn reject(rejection: JsonRejection) -> ApiError {
    let text = rejection.body_text();
    let rest = text
        .split_once("target type: ")
        .map_or(text.as_str(), |(_, r)| r);
    name_field(&text, rest)
}

fn name_field(text: &str, rest: &str) -> ApiError {
    // A wrong value comes with its path first: "password: invalid type: integer `1`, ...".
    // The value may be a secret, so the answer names the field and never echoes the value.
    if let Some((path, _)) = rest.split_once(": ").filter(|(p, _)| is_path(p)) {
        return ApiError::invalid(path, format!("`{path}` has the wrong type or form"));
    }
    // serde names a missing field between backticks: "missing field `password`".
    let field = match rest.split('`').nth(1) {
        Some(name) if rest.starts_with("missing field") || rest.starts_with("unknown field") => {
            name
        }
        _ => "body",
    };
    ApiError::invalid(field, text.to_string())
}

fn is_path(p: &str) -> bool {
    !p.is_empty()
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c))
}

/// Path parameters; deserialize into a struct so a bad value names its key.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                let field = match e.kind() {
                    axum::extract::path::ErrorKind::ParseErrorAtKey { key, .. } => key.clone(),
                    _ => "path".to_string(),
                };
                Err(ApiError::invalid(&field, e.body_text()))
            }
            Err(other) => Err(ApiError::invalid("path", other.body_text())),
        }
    }
}

pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => Err(reject_query(rejection)),
        }
    }
}

fn reject_query(rejection: QueryRejection) -> ApiError {
    let text = rejection.body_text();
    let rest = text
        .split_once("query string: ")
        .map_or(text.as_str(), |(_, r)| r);
    name_field(&text, rest)
}

/// The client's address, when the server was started with connection info.
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Found by the API fuzzer: `"interval_s": 3353.0` is valid by the document
    /// (`type: integer`) and was refused as "the wrong type or form".
    #[test]
    fn integral_floats_become_integers_and_others_stay() {
        let mut body = json!({"interval_s": 3353.0, "items": [{"n": 6e1}], "h": 1.5, "big": 1e300});
        assert!(integral_floats_to_integers(&mut body));
        assert_eq!(
            body,
            json!({"interval_s": 3353, "items": [{"n": 60}], "h": 1.5, "big": 1e300})
        );
        let mut plain = json!({"a": 1, "b": "2.0"});
        assert!(!integral_floats_to_integers(&mut plain));
    }
}
