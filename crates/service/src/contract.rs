//! What every operation can answer besides what its handler documents: the refusals the
//! middleware and the extractors make for all of them. Each handler's `#[utoipa::path]`
//! lists the answers of its own logic; this pass adds, in one place, the answers that come
//! from the layers around it, so the document lists every status the service can send
//! (a fuzzer checking the document against the service finds none missing).

use serde_json::{json, Map, Value};

/// Operations called with a prober token, not a user session: no user can be blocked there.
const PROBER_OPERATIONS: &[(&str, &str)] = &[
    ("/api/v1/probe/targets", "get"),
    ("/api/v1/probe/reports", "post"),
    ("/api/v1/monitors/{id}/heartbeat", "post"),
];

/// Operations with a per-caller rate limit (the sign-in limiter and the feed limiter).
const RATE_LIMITED: &[(&str, &str)] = &[
    ("/api/v1/sessions", "post"),
    ("/api/v1/sign-in-flows", "post"),
    ("/api/v1/sessions/third-party", "post"),
    ("/api/v1/audit", "get"),
    ("/api/v1/activities", "get"),
    ("/api/v1/notifications", "get"),
];

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

/// Constraints on array items, which utoipa's derive cannot state: merged into the
/// component schema at each pointer.
const ITEM_CONSTRAINTS: &[(&str, &str)] = &[
    (
        "/components/schemas/BusinessCalendarSettings/properties/days/items",
        r#"{"minimum": 1, "maximum": 7}"#,
    ),
    (
        "/components/schemas/NewMaintenanceWindow/properties/affected_components/items",
        r#"{"minLength": 1, "pattern": "\\S"}"#,
    ),
    (
        "/components/schemas/MaintenanceWindowPatch/properties/affected_components/items",
        r#"{"minLength": 1, "pattern": "\\S"}"#,
    ),
];

/// Completes the document: problem answers as `application/problem+json`, and the
/// statuses every operation gets from the layers around its handler.
pub fn complete(doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut value = serde_json::to_value(&doc).expect("the OpenAPI document serializes");
    complete_value(&mut value);
    serde_json::from_value(value).expect("the completed OpenAPI document deserializes")
}

fn complete_value(doc: &mut Value) {
    for (pointer, constraints) in ITEM_CONSTRAINTS {
        let constraints: Map<String, Value> =
            serde_json::from_str(constraints).expect("constraints are a JSON object");
        if let Some(target) = doc.pointer_mut(pointer).and_then(Value::as_object_mut) {
            target.extend(constraints);
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for method in METHODS {
            if let Some(op) = item.get_mut(*method).and_then(Value::as_object_mut) {
                complete_operation(path, method, op);
            }
        }
    }
}

fn complete_operation(path: &str, method: &str, op: &mut Map<String, Value>) {
    let secured = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let has_params = op
        .get("parameters")
        .and_then(Value::as_array)
        .is_some_and(|p| !p.is_empty());
    let has_body = op.contains_key("requestBody");
    let prober = PROBER_OPERATIONS.contains(&(path, method));
    let limited = RATE_LIMITED.contains(&(path, method));

    let responses = op
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    for response in responses.values_mut() {
        as_problem_json(response);
    }
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.to_string())
            .or_insert_with(|| problem_response(description));
    };
    // The extractors refuse a path, query or body they cannot decode, naming the field.
    if has_params || has_body {
        add(
            "400",
            "a parameter or the body is malformed or out of range",
        );
    }
    if secured {
        add(
            "401",
            "no session, an unknown token, or the session ended (idle, signed out, blocked)",
        );
        if !prober {
            add(
                "403",
                "the caller is blocked (user_blocked) or lacks the role",
            );
        }
    }
    // Every JSON body is checked for card numbers before the handler (FZ-NO-CARD).
    if has_body {
        add(
            "422",
            "the body holds a payment card number (policy_violation) or breaks a policy clause",
        );
    }
    if limited {
        add(
            "429",
            "too many requests; Retry-After says when to try again",
        );
    }
    add(
        "500",
        "an internal error; the details stay in the service's log",
    );
}

/// `{"application/json": {"schema": {"$ref": ".../Problem"}}}` becomes the same under
/// `application/problem+json`, the type the service sends problems with (RFC 9457).
fn as_problem_json(response: &mut Value) {
    let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    let is_problem = content
        .get("application/json")
        .and_then(|c| c.pointer("/schema/$ref"))
        .and_then(Value::as_str)
        .is_some_and(|r| r.ends_with("/Problem"));
    if is_problem {
        if let Some(media) = content.remove("application/json") {
            content.insert(admin_api::problem::PROBLEM_CONTENT_TYPE.into(), media);
        }
    }
}

fn problem_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {
            admin_api::problem::PROBLEM_CONTENT_TYPE: {
                "schema": {"$ref": "#/components/schemas/Problem"}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_answers_become_problem_json_and_layer_statuses_are_added() {
        let mut doc = json!({"paths": {"/api/v1/users/{id}": {"patch": {
            "security": [{"bearer": []}],
            "parameters": [{"name": "id", "in": "path"}],
            "requestBody": {},
            "responses": {
                "200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
                "404": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            }
        }}}});
        complete_value(&mut doc);
        let r = &doc["paths"]["/api/v1/users/{id}"]["patch"]["responses"];
        assert!(r["200"]["content"]["application/json"].is_object());
        assert!(r["404"]["content"]["application/problem+json"].is_object());
        assert!(r["404"]["content"]["application/json"].is_null());
        for status in ["400", "401", "403", "422", "500"] {
            assert!(
                r[status]["content"]["application/problem+json"].is_object(),
                "{status}"
            );
        }
        assert!(r["429"].is_null());
    }
}
