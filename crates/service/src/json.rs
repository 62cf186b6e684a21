//! A JSON body extractor whose rejections are problem+json naming the bad field.

use crate::error::ApiError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(reject(rejection)),
        }
    }
}

fn reject(rejection: JsonRejection) -> ApiError {
    let text = rejection.body_text();
    let rest = text
        .split_once("target type: ")
        .map_or(text.as_str(), |(_, r)| r);
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
    ApiError::invalid(field, text.clone())
}

fn is_path(p: &str) -> bool {
    !p.is_empty()
        && p.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c))
}
