//! Clauses FZ-NO-CARD / UQ-NO-CARD: no payment-card number is stored anywhere by the
//! service. Every free-text field of every request body (found from the OpenAPI document)
//! refuses one with 422 naming the field and the clause; a number that slips in through a
//! URL is masked in the audit log and the request logs; then the database files and
//! everything logged at TRACE hold none of the numbers tried.
//!
//! Its own test binary: it installs a global TRACE subscriber that captures everything
//! every thread logs (the service's tasks run on other threads than the test).

mod common;

use admin_policy::card;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
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

/// Test numbers of three schemes, written three ways.
const CARDS: [&str; 3] = [
    "4111 1111 1111 1111",
    "5555-5555-5555-4444",
    "378282246310005",
];

/// A step into a body: a property or the first item of an array.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Item,
}

/// The field's name as a refusal spells it: `note`, `days[0].label`, `[0].name`.
fn field_name(at: &[Step]) -> String {
    let mut name = String::new();
    for step in at {
        match step {
            Step::Key(k) if name.is_empty() => name.push_str(k),
            Step::Key(k) => {
                name.push('.');
                name.push_str(k);
            }
            Step::Item => name.push_str("[0]"),
        }
    }
    name
}

/// A body holding `value` at `at` and nothing else.
fn body_with(at: &[Step], value: &str) -> Value {
    match at.split_first() {
        None => json!(value),
        Some((Step::Key(k), rest)) => json!({ k.as_str(): body_with(rest, value) }),
        Some((Step::Item, rest)) => json!([body_with(rest, value)]),
    }
}

/// Every free-text string under `schema`: string properties that are neither an enum nor
/// format-constrained (time, e-mail, password...), through references and options.
fn free_text(doc: &Value, schema: &Value, at: Vec<Step>, out: &mut Vec<Vec<Step>>, depth: u32) {
    if depth > 8 {
        return;
    }
    if let Some(name) = schema["$ref"].as_str() {
        let name = name.trim_start_matches("#/components/schemas/");
        free_text(doc, &doc["components"]["schemas"][name], at, out, depth + 1);
        return;
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for sub in schema[key].as_array().into_iter().flatten() {
            free_text(doc, sub, at.clone(), out, depth + 1);
        }
    }
    if schema.get("enum").is_some() || schema.get("const").is_some() {
        return;
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"string") && schema.get("format").is_none() && !out.contains(&at) {
        out.push(at.clone());
    }
    if let Some(props) = schema["properties"].as_object() {
        for (key, sub) in props {
            let mut next = at.clone();
            next.push(Step::Key(key.clone()));
            free_text(doc, sub, next, out, depth + 1);
        }
    }
    if types.contains(&"array") {
        let mut next = at;
        next.push(Step::Item);
        free_text(doc, &schema["items"], next, out, depth + 1);
    }
}

/// Every (method, path, field) of the document whose request body holds free text.
fn free_text_fields(doc: &Value) -> Vec<(Method, String, Vec<Step>)> {
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if schema.is_null() {
                continue;
            }
            let mut fields = Vec::new();
            free_text(doc, schema, Vec::new(), &mut fields, 0);
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            for field in fields {
                found.push((m.clone(), path.clone(), field));
            }
        }
    }
    found
}

/// Clauses FZ-NO-CARD, UQ-NO-CARD: every free-text field refuses a card number (422, the
/// field, the clause); URLs holding one are audited and logged masked; afterwards neither
/// the database files nor the TRACE logs hold any of the numbers tried.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fz_no_card_uq_no_card_refused_in_every_free_text_field_and_stored_nowhere() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .try_init()
        .expect("the only subscriber in this binary");

    let s = TestService::start().await;
    let operator = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let doc = s.get("/api/v1/openapi.json", None).await.body;
    let fields = free_text_fields(&doc);
    let names: Vec<String> = fields.iter().map(|(_, _, f)| field_name(f)).collect();
    // The document is read right: the free text the issue names is among what was found.
    for expected in ["name", "note", "title", "description", "username", "impact"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not found in {names:?}"
        );
    }
    assert!(
        fields.len() >= 15,
        "only {} free-text fields: {names:?}",
        fields.len()
    );

    let started = t0().timestamp().to_string();
    for (i, (method, path, field)) in fields.iter().enumerate() {
        let card = CARDS[i % CARDS.len()];
        let url = path.replace("{id}", "1").replace("{started}", &started);
        // Restore requests are the Account Manager's to write; the rest the operator's.
        let token = if path.starts_with("/api/v1/restore-requests") {
            &manager
        } else {
            &operator
        };
        let a = s
            .call(
                method.clone(),
                &url,
                Some(token),
                Some(body_with(field, card)),
            )
            .await;
        let name = field_name(field);
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{method} {path} {name}: {a:?}"
        );
        a.assert_problem(422, "policy_violation");
        assert_eq!(a.field(), Some(name.as_str()), "{method} {path}: {a:?}");
        assert_eq!(a.body["violations"][0]["clause"], card::CLAUSE, "{a:?}");
        assert!(
            !a.text.contains(card),
            "the refusal echoes the number: {a:?}"
        );
    }

    // A number that slips in through a URL: in a path segment (plain and with encoded
    // spaces) and in a query.
    for url in [
        "/api/v1/users/5555555555554444",
        "/api/v1/users/4111%201111%201111%201111",
        "/api/v1/users?q=378282246310005",
    ] {
        s.get(url, Some(&operator)).await;
    }
    // Something stored on purpose, to prove the scan below reads what is stored.
    let marker = "Marker-title-93017";
    let a = s
        .post(
            "/api/v1/maintenance-windows",
            Some(&operator),
            json!({"title": marker, "description": "", "impact": "", "affected_components": [],
                   "starts_at": "2026-03-24T19:00:00Z", "ends_at": "2026-03-24T19:30:00Z"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    let masked: Vec<String> = admin_service::db::query_scalar(
        "SELECT target FROM audit_events WHERE target LIKE '/api/v1/users/%' ORDER BY seq",
    )
    .fetch_all(s.db())
    .await
    .unwrap();
    assert!(
        masked.iter().filter(|t| t.contains(card::MASK)).count() >= 2,
        "the URLs are audited, masked: {masked:?}"
    );
    let stored = if s.db().backend() == admin_service::db::Backend::Postgres {
        // Every row of every table as text (and the backups' files, if any).
        let mut text = pg::every_row_text(s.db()).await;
        let dir = s.dir().to_path_buf();
        s.running.stop().await.unwrap();
        text.push_str(&files_text(&dir));
        text
    } else {
        admin_service::db::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(s.db())
            .await
            .unwrap();
        let dir = s.dir().to_path_buf();
        s.running.stop().await.unwrap();
        files_text(&dir)
    };
    let stored = stored.as_str();
    assert!(stored.contains(marker), "the scan does not see stored text");
    let logs = String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned();
    assert!(
        logs.contains("/api/v1/users/") && logs.contains(card::MASK),
        "the request spans are missing from the captured logs"
    );
    for card in CARDS {
        let digits: String = card.chars().filter(char::is_ascii_digit).collect();
        let encoded = card.replace(' ', "%20");
        for form in [card, digits.as_str(), encoded.as_str()] {
            for (place, text) in [("database", stored), ("logs", logs.as_str())] {
                if let Some(at) = text.find(form) {
                    let from = at.saturating_sub(200);
                    let end = (at + form.len() + 50).min(text.len());
                    let around = text.get(from..end).unwrap_or_default();
                    panic!("{form:?} is in the {place}: ...{around}...");
                }
            }
        }
    }
}

/// The bytes of every file in `dir` (the SQLite database, its WAL and the backups, if any;
/// the -shm file may go as it closes), as text.
fn files_text(dir: &std::path::Path) -> String {
    let mut stored = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        if let Ok(bytes) = std::fs::read(entry.unwrap().path()) {
            stored.extend(bytes);
        }
    }
    String::from_utf8_lossy(&stored).into_owned()
}
