//! No card data is stored (FZ-NO-CARD / UQ-NO-CARD): every JSON body is checked here, on
//! its way into any handler, and what reaches the audit log and the log lines from a URL
//! is masked.

use crate::error::{ApiError, ApiResult};
use admin_policy::card;
use serde_json::Value;
use std::borrow::Cow;

/// Refuses a body with a card number in any string, naming the first such field by its
/// path (`note`, `days[2].label`) as serde names a field of the wrong type.
pub fn check_body(body: &Value) -> ApiResult<()> {
    match find(body, String::new()) {
        Some(field) => Err(ApiError::CardData(field)),
        None => Ok(()),
    }
}

fn find(value: &Value, path: String) -> Option<String> {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(s) if card::holds_card_number(s) => {
            Some(if path.is_empty() { "body".into() } else { path })
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find(item, format!("{path}[{i}]"))),
        // A key is named by its parent: naming it would echo the number.
        Value::Object(fields) => fields.iter().find_map(|(key, v)| {
            if card::holds_card_number(key) {
                Some(if path.is_empty() {
                    "body".into()
                } else {
                    path.clone()
                })
            } else {
                find(v, join(key))
            }
        }),
        _ => None,
    }
}

/// A request path for the audit log and the request span: card numbers masked, also
/// those written with percent-encoded separators (`4111%201111...`).
pub fn mask_path(path: &str) -> Cow<'_, str> {
    if path.contains('%') {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        if card::holds_card_number(&decoded) {
            return Cow::Owned(card::mask(&decoded).into_owned());
        }
    }
    card::mask(path)
}
