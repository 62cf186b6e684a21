//! Over 500 lines: one table of every route x role x target; split, a gap would hide.
//! The authorization matrix (UQ-RBAC, UQ-SCOPE, UQ-LEAST-PRIV): every operation of the
//! OpenAPI document x every role x a target inside / outside the caller's scope, with
//! the status expected. An operation without a row fails the test, so a new route
//! cannot ship without saying who may call it.

mod common;

use admin_service::Config;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Who calls: anonymous, or a fresh user holding exactly one role. Channel roles are
/// all on "Web shop", the Account Manager's on "Demo Oy".
const ACTORS: [&str; 6] = [
    "anonymous",
    "service_operator",
    "account_manager",
    "channel_manager",
    "channel_editor",
    "viewer",
];

/// A fresh user to act on, holding Viewer in a channel: "Web shop" of Demo Oy inside
/// every actor's scope, "Other channel" of Other Oy outside all but the platform's.
struct Target {
    user_id: i64,
    username: String,
    assignment_id: i64,
    account_id: i64,
    channel_id: i64,
    /// A push monitor with one down sample at t0 (an incident to annotate).
    monitor_id: i64,
    backup_id: i64,
    /// A restore request of the target's account, as requested.
    restore_id: i64,
    window_id: i64,
    /// An identity provider of the target's account.
    provider_id: i64,
}

struct Row {
    method: Method,
    path: &'static str,
    /// Expected statuses in ACTORS order, for a target in scope and out of scope.
    inside: [u16; 6],
    outside: [u16; 6],
}

const fn row(method: Method, path: &'static str, inside: [u16; 6], outside: [u16; 6]) -> Row {
    Row {
        method,
        path,
        inside,
        outside,
    }
}

fn matrix() -> Vec<Row> {
    use Method as M;
    let same = |r: [u16; 6]| (r, r);
    let mut rows = Vec::new();
    let mut add =
        |m: Method, p: &'static str, (i, o): ([u16; 6], [u16; 6])| rows.push(row(m, p, i, o));
    //                                                     anon  op   am   cm   ed   view
    add(
        M::GET,
        "/api/v1/health",
        same([200, 200, 200, 200, 200, 200]),
    );
    add(
        M::POST,
        "/api/v1/sessions",
        same([201, 201, 201, 201, 201, 201]),
    );
    add(
        M::DELETE,
        "/api/v1/sessions/current",
        same([401, 204, 204, 204, 204, 204]),
    );
    add(M::GET, "/api/v1/me", same([401, 200, 200, 200, 200, 200]));
    add(
        M::POST,
        "/api/v1/me/password",
        same([401, 204, 204, 204, 204, 204]),
    );
    // A user outside the caller's scope is 404 whatever the method (UQ-SCOPE).
    let operator_only = (
        [401, 200, 403, 403, 403, 403],
        [401, 200, 404, 404, 404, 404],
    );
    add(M::POST, "/api/v1/users/{id}/block", operator_only);
    add(M::POST, "/api/v1/users/{id}/unblock", operator_only);
    add(
        M::GET,
        "/api/v1/audit",
        same([401, 200, 200, 403, 403, 403]),
    );
    add(
        M::GET,
        "/api/v1/accounts",
        same([401, 200, 200, 200, 200, 200]),
    );
    add(
        M::GET,
        "/api/v1/accounts/{id}/channels",
        (
            [401, 200, 200, 200, 200, 200],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::GET,
        "/api/v1/users",
        same([401, 200, 200, 200, 200, 200]),
    );
    add(
        M::GET,
        "/api/v1/users/{id}",
        (
            [401, 200, 200, 200, 200, 200],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::POST,
        "/api/v1/users/{id}/unlock",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    // Resetting two-factor follows unlocking: managers whose scope reaches the account.
    add(
        M::DELETE,
        "/api/v1/users/{id}/totp",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::POST,
        "/api/v1/role-assignments",
        (
            [401, 201, 201, 201, 403, 403],
            [401, 201, 403, 403, 403, 403],
        ),
    );
    add(
        M::DELETE,
        "/api/v1/role-assignments/{id}",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::GET,
        "/api/v1/accounts/{id}/security",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::PUT,
        "/api/v1/accounts/{id}/security",
        (
            [401, 200, 200, 403, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    // 4S-SLA: only operators change a calendar; the account's managers see it.
    add(
        M::PUT,
        "/api/v1/accounts/{id}/business-calendar",
        same([401, 200, 403, 403, 403, 403]),
    );
    add(
        M::GET,
        "/api/v1/accounts/{id}/business-calendar",
        (
            [401, 200, 200, 403, 403, 403],
            [401, 200, 404, 403, 403, 403],
        ),
    );
    add(
        M::POST,
        "/api/v1/totp-enrolments",
        same([201, 201, 201, 201, 201, 201]),
    );
    // Monitoring (4S-SLA): operators manage, account managers read.
    let read = same([401, 200, 200, 403, 403, 403]);
    add(M::GET, "/api/v1/monitors", read);
    add(
        M::POST,
        "/api/v1/monitors",
        same([401, 201, 403, 403, 403, 403]),
    );
    add(
        M::PATCH,
        "/api/v1/monitors/{id}",
        same([401, 200, 403, 403, 403, 403]),
    );
    add(
        M::DELETE,
        "/api/v1/monitors/{id}",
        same([401, 204, 403, 403, 403, 403]),
    );
    add(
        M::POST,
        "/api/v1/monitors/{id}/samples",
        same([401, 200, 403, 403, 403, 403]),
    );
    // Outside probers: operators register them; only prober tokens report.
    add(
        M::POST,
        "/api/v1/probers",
        same([401, 201, 403, 403, 403, 403]),
    );
    add(M::GET, "/api/v1/probers", read);
    let prober_only = same([401, 401, 401, 401, 401, 401]);
    add(M::GET, "/api/v1/probe/targets", prober_only);
    add(M::POST, "/api/v1/probe/reports", prober_only);
    add(M::POST, "/api/v1/monitors/{id}/heartbeat", prober_only);
    for path in ["sla", "sla-history", "daily", "latency", "incidents"] {
        let path: &'static str =
            Box::leak(format!("/api/v1/monitors/{{id}}/{path}").into_boxed_str());
        add(M::GET, path, read);
    }
    add(
        M::PUT,
        "/api/v1/monitors/{id}/incidents/{started}/note",
        same([401, 204, 403, 403, 403, 403]),
    );
    // Backups: operators and account managers read; managers ask for restores.
    add(M::GET, "/api/v1/backups", read);
    add(M::GET, "/api/v1/backups/{id}", read);
    add(M::GET, "/api/v1/backup-drills", read);
    add(M::GET, "/api/v1/backup-alerts", read);
    add(M::GET, "/api/v1/restore-requests", read);
    add(
        M::POST,
        "/api/v1/restore-requests",
        same([401, 403, 201, 403, 403, 403]),
    );
    add(
        M::PATCH,
        "/api/v1/restore-requests/{id}",
        (
            [401, 200, 403, 403, 403, 403],
            [401, 200, 404, 403, 403, 403],
        ),
    );
    // Maintenance: everyone signed in reads, operators schedule; the sign-in page's
    // announcements need no sign-in.
    let everyone = same([401, 200, 200, 200, 200, 200]);
    add(M::GET, "/api/v1/maintenance-windows", everyone);
    add(M::GET, "/api/v1/maintenance-windows.ics", everyone);
    add(
        M::GET,
        "/api/v1/announcements",
        same([200, 200, 200, 200, 200, 200]),
    );
    add(
        M::POST,
        "/api/v1/maintenance-windows",
        same([401, 201, 403, 403, 403, 403]),
    );
    add(
        M::PATCH,
        "/api/v1/maintenance-windows/{id}",
        same([401, 200, 403, 403, 403, 403]),
    );
    add(
        M::DELETE,
        "/api/v1/maintenance-windows/{id}",
        same([401, 200, 403, 403, 403, 403]),
    );
    add(
        M::PATCH,
        "/api/v1/maintenance-windows/{id}/series",
        same([401, 200, 403, 403, 403, 403]),
    );
    add(
        M::DELETE,
        "/api/v1/maintenance-windows/{id}/series",
        same([401, 200, 403, 403, 403, 403]),
    );
    add(M::GET, "/api/v1/releases", everyone);
    add(
        M::POST,
        "/api/v1/releases",
        same([401, 201, 403, 403, 403, 403]),
    );
    // Feeds: everyone reads their own; managers more, by their roles.
    add(M::GET, "/api/v1/activities", everyone);
    add(M::GET, "/api/v1/notifications", everyone);
    add(M::POST, "/api/v1/notifications/read", everyone);
    add(M::GET, "/api/v1/me/consents", everyone);
    add(M::POST, "/api/v1/me/consents", everyone);
    // 4S-FEATURE-TOGGLES: each signed-in user switches their own features.
    add(M::GET, "/api/v1/me/features", everyone);
    add(M::PUT, "/api/v1/me/features", everyone);
    add(
        M::POST,
        "/api/v1/audit/console-events",
        same([401, 204, 204, 204, 204, 204]),
    );
    // Contact details: the user, their account manager or an operator (UQ-NOTIFY-CONTACT).
    let contact = (
        [401, 200, 200, 403, 403, 403],
        [401, 200, 404, 404, 404, 404],
    );
    add(M::PATCH, "/api/v1/users/{id}", contact);
    add(M::GET, "/api/v1/users/{id}/outbox", contact);
    // 4S-SUBPROC: everyone signed in reads the register; an account's managers read its
    // residency setting and its Account Managers change it.
    add(M::GET, "/api/v1/subprocessors", everyone);
    add(
        M::GET,
        "/api/v1/accounts/{id}/residency",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::PUT,
        "/api/v1/accounts/{id}/residency",
        (
            [401, 200, 200, 403, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    // 4S-SSO: an account's identity providers are its security settings: its managers
    // read them, its Account Managers change them; anyone may start or finish a
    // third-party sign-in (the finish here has no flow: 401 for all).
    add(
        M::GET,
        "/api/v1/accounts/{id}/identity-providers",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::POST,
        "/api/v1/accounts/{id}/identity-providers",
        (
            [401, 201, 201, 403, 403, 403],
            [401, 201, 404, 404, 404, 404],
        ),
    );
    add(
        M::PUT,
        "/api/v1/identity-providers/{id}",
        (
            [401, 200, 200, 403, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::DELETE,
        "/api/v1/identity-providers/{id}",
        (
            [401, 204, 204, 403, 403, 403],
            [401, 204, 404, 404, 404, 404],
        ),
    );
    add(
        M::POST,
        "/api/v1/identity-providers/{id}/links",
        (
            [401, 201, 201, 403, 403, 403],
            [401, 201, 404, 404, 404, 404],
        ),
    );
    add(
        M::GET,
        "/api/v1/identity-providers/{id}/links",
        (
            [401, 200, 200, 200, 403, 403],
            [401, 200, 404, 404, 404, 404],
        ),
    );
    add(
        M::DELETE,
        "/api/v1/identity-providers/{id}/links/{user_id}",
        (
            [401, 204, 204, 403, 403, 403],
            [401, 204, 404, 404, 404, 404],
        ),
    );
    add(M::POST, "/api/v1/sign-in-flows", same([201; 6]));
    add(M::POST, "/api/v1/sessions/third-party", same([401; 6]));
    add(
        M::POST,
        "/api/v1/totp-enrolments/third-party",
        same([401; 6]),
    );
    rows
}

async fn new_user(
    s: &TestService,
    name: &str,
    account: Option<i64>,
    role: &str,
    level: &str,
    scope: i64,
) -> (i64, i64) {
    let hash: String =
        admin_service::db::query_scalar("SELECT password_hash FROM users WHERE username = ?")
            .bind(MANAGER)
            .fetch_one(s.db())
            .await
            .unwrap();
    let id: i64 = admin_service::db::query_scalar(
        "INSERT INTO users (username, display_name, account_id, password_hash, created_at) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(name)
    .bind(name)
    .bind(account)
    .bind(hash)
    .bind(t0())
    .fetch_one(s.db())
    .await
    .unwrap();
    let assignment: i64 = admin_service::db::query_scalar(
        "INSERT INTO role_assignments (user_id, role, scope_level, scope_id, granted_at) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(id)
    .bind(role)
    .bind(level)
    .bind(scope)
    .bind(t0())
    .fetch_one(s.db())
    .await
    .unwrap();
    (id, assignment)
}

/// The request a row sends for a target: path parameters and body.
fn request(r: &Row, t: &Target) -> (String, Option<Value>) {
    let id = match r.path {
        p if p.starts_with("/api/v1/accounts/") => t.account_id,
        p if p.starts_with("/api/v1/role-assignments/") => t.assignment_id,
        p if p.starts_with("/api/v1/monitors/") => t.monitor_id,
        p if p.starts_with("/api/v1/backups/") => t.backup_id,
        p if p.starts_with("/api/v1/restore-requests/") => t.restore_id,
        p if p.starts_with("/api/v1/maintenance-windows/") => t.window_id,
        p if p.starts_with("/api/v1/identity-providers/") => t.provider_id,
        _ => t.user_id,
    };
    let mut path = r
        .path
        .replace("{id}", &id.to_string())
        .replace("{started}", &t0().timestamp().to_string())
        .replace("{user_id}", &t.user_id.to_string());
    if r.path.ends_with("/sla") {
        path.push_str("?month=2026-03");
    }
    if r.path.ends_with("/series") && r.method == Method::DELETE {
        path.push_str("?scope=all");
    }
    let body = match (r.method.clone(), r.path) {
        (Method::POST, "/api/v1/sessions") | (Method::POST, "/api/v1/totp-enrolments") => {
            Some(json!({"username": t.username, "password": DEMO_PASSWORD}))
        }
        (Method::POST, "/api/v1/me/password") => {
            Some(json!({"current_password": DEMO_PASSWORD, "new_password": DEMO_PASSWORD}))
        }
        (Method::POST, "/api/v1/role-assignments") => Some(json!({
            "user_id": t.user_id, "role": "channel_editor",
            "scope": {"level": "channel", "id": t.channel_id}})),
        (Method::POST, "/api/v1/monitors") => Some(json!({"name": "Matrix", "kind": "push"})),
        (Method::PATCH, "/api/v1/monitors/{id}") => Some(json!({"paused": true})),
        (Method::POST, "/api/v1/monitors/{id}/samples") => Some(json!([])),
        (Method::POST, "/api/v1/probers") => Some(json!({"name": format!("Matrix {}", t.user_id)})),
        (Method::POST, "/api/v1/probe/reports") => Some(json!({"heartbeats": [], "samples": []})),
        (Method::PUT, "/api/v1/monitors/{id}/incidents/{started}/note") => {
            Some(json!({"note": "Cause found."}))
        }
        (Method::POST, "/api/v1/restore-requests") => {
            Some(json!({"scope": "full", "backup_id": t.backup_id}))
        }
        (Method::PATCH, "/api/v1/restore-requests/{id}") => {
            Some(json!({"status": "estimated", "estimate_hours": 2}))
        }
        (Method::POST, "/api/v1/maintenance-windows") => Some(json!({
            "title": "Routine patching", "description": "", "impact": "", "affected_components": [],
            "starts_at": "2026-03-24T19:00:00Z", "ends_at": "2026-03-24T19:30:00Z"})),
        (Method::PATCH, "/api/v1/maintenance-windows/{id}") => Some(json!({"title": "Renamed"})),
        (Method::PATCH, "/api/v1/maintenance-windows/{id}/series") => {
            Some(json!({"scope": "all", "title": "Renamed"}))
        }
        (Method::POST, "/api/v1/releases") => {
            Some(json!({"title": "Weekly release", "ships_at": "2026-04-20T10:00:00Z"}))
        }
        (Method::PATCH, "/api/v1/users/{id}") => {
            Some(json!({"email": format!("new{}@matrix.example", t.user_id)}))
        }
        (Method::POST, "/api/v1/me/consents") => {
            Some(json!({"purpose": "marketing_email", "granted": false}))
        }
        (Method::PUT, "/api/v1/me/features") => {
            Some(json!({"key": "compact_tables", "enabled": true}))
        }
        (Method::POST, "/api/v1/notifications/read") => Some(json!({"ids": []})),
        (Method::POST, "/api/v1/audit/console-events") => Some(json!({"items": []})),
        (Method::PUT, "/api/v1/accounts/{id}/business-calendar") => Some(json!({
            "time_zone": "Europe/Helsinki", "days": [1, 2, 3, 4, 5], "opens": "07:00", "closes": "20:00"})),
        (Method::PUT, "/api/v1/accounts/{id}/residency") => {
            Some(json!({"keep_data_in_europe": true}))
        }
        (Method::POST, "/api/v1/accounts/{id}/identity-providers")
        | (Method::PUT, "/api/v1/identity-providers/{id}") => Some(json!({
            "name": "Matrix IdP", "issuer": "https://idp.matrix.example",
            "client_id": format!("matrix-{}", t.user_id), "kind": "workforce"})),
        (Method::POST, "/api/v1/identity-providers/{id}/links") => Some(json!({
            "user_id": t.user_id, "subject": format!("matrix-subject-{}", t.user_id)})),
        (Method::POST, "/api/v1/sign-in-flows") => Some(json!({"username": t.username})),
        (Method::POST, "/api/v1/sessions/third-party" | "/api/v1/totp-enrolments/third-party") => {
            Some(json!({
            "flow_id": "no-such-flow", "provider_id": t.provider_id, "id_token": "x.y.z"}))
        }
        (Method::PUT, _) => Some(json!({"min_password_length": 8, "lockout_minutes": 15,
            "require_two_factor": false, "third_party_only": false, "social_sign_in": false})),
        (Method::POST, _) => Some(json!({})),
        _ => None,
    };
    (path, body)
}

/// What the platform-wide and account-owned routes act on, made fresh for each cell.
async fn fixtures(s: &TestService, account: i64, user: i64) -> (i64, i64, i64, i64, i64) {
    let now = s.now();
    let monitor: i64 = admin_service::db::query_scalar(
        "INSERT INTO monitors (name, kind, interval_s, created_at) VALUES ('Matrix', 'push', 60, ?) RETURNING id",
    )
    .bind(now)
    .fetch_one(s.db())
    .await
    .unwrap();
    admin_service::db::query(
        "INSERT INTO monitor_samples (monitor_id, at, up) VALUES (?, ?, FALSE)",
    )
    .bind(monitor)
    .bind(t0().timestamp())
    .execute(s.db())
    .await
    .unwrap();
    let backup: i64 = admin_service::db::query_scalar(
        "INSERT INTO backups (started_at, local_date, status, retention) VALUES (?, '2026-03-02', 'ok', 'daily') RETURNING id",
    )
    .bind(now)
    .fetch_one(s.db())
    .await
    .unwrap();
    let restore: i64 = admin_service::db::query_scalar(
        "INSERT INTO restore_requests (account_id, requested_by, scope, backup_id, status, created_at, updated_at) \
         VALUES (?, ?, 'full', ?, 'requested', ?, ?) RETURNING id",
    )
    .bind(account)
    .bind(user)
    .bind(backup)
    .bind(now)
    .bind(now)
    .fetch_one(s.db())
    .await
    .unwrap();
    // A routine evening window, announced now, well inside the month's cap.
    let starts = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 17, 19, 0, 0).unwrap();
    let window: i64 = admin_service::db::query_scalar(
        "INSERT INTO maintenance_windows (title, starts_at, ends_at, announced_at, created_at) \
         VALUES ('Matrix window', ?, ?, ?, ?) RETURNING id",
    )
    .bind(starts)
    .bind(starts + chrono::Duration::minutes(30))
    .bind(now)
    .bind(now)
    .fetch_one(s.db())
    .await
    .unwrap();
    let provider: i64 = admin_service::db::query_scalar(
        "INSERT INTO identity_providers (account_id, name, issuer, client_id, kind, created_at) \
         VALUES (?, 'Matrix fixture', 'https://idp.matrix.example', ?, 'workforce', ?) RETURNING id",
    )
    .bind(account)
    .bind(format!("fixture-{user}"))
    .bind(now)
    .fetch_one(s.db())
    .await
    .unwrap();
    (monitor, backup, restore, window, provider)
}

/// Clauses UQ-RBAC, UQ-SCOPE, UQ-LEAST-PRIV: the whole matrix, against the real service.
#[tokio::test]
async fn uq_rbac_authorization_matrix_covers_every_route() {
    let rows = matrix();
    let doc = serde_json::to_value(admin_service::openapi()).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let covered: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "operations without a matrix row: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "rows for operations that do not exist: {stale:?}"
    );

    // Sign-ins are many here; the per-address limit is tested on its own.
    let s = TestService::start_with(Config {
        sign_ins_per_minute: 1_000_000,
        ..Config::default()
    })
    .await;
    let other = s.other_account().await;
    let demo = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    let mut actors = Vec::new();
    for (i, role) in ACTORS.iter().enumerate().skip(1) {
        let (account, level, scope) = match *role {
            "service_operator" => (None, "platform", 0),
            "account_manager" => (Some(demo), "account", demo),
            _ => (Some(demo), "channel", web),
        };
        let name = format!("actor{i}@matrix.example");
        new_user(&s, &name, account, role, level, scope).await;
        actors.push(name);
    }

    let mut sessions: Vec<Option<String>> = vec![None; actors.len()];
    let mut failures = Vec::new();
    let mut cells = 0;
    let mut n = 0;
    for r in &rows {
        for inside in [true, false] {
            for (a, role) in ACTORS.iter().enumerate() {
                n += 1;
                let username = format!("target{n}@matrix.example");
                let (account, channel) = if inside {
                    (demo, web)
                } else {
                    (other.account, other.channel)
                };
                let (user_id, assignment_id) =
                    new_user(&s, &username, Some(account), "viewer", "channel", channel).await;
                // Unlocking needs someone locked, resetting two-factor someone enrolled.
                admin_service::db::query(
                    "UPDATE users SET locked_until = ?, totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = ?",
                )
                    .bind(s.now() + chrono::Duration::minutes(10))
                    .bind(user_id)
                    .execute(s.db())
                    .await
                    .unwrap();
                if r.path == "/api/v1/sessions" || r.path == "/api/v1/totp-enrolments" {
                    admin_service::db::query("UPDATE users SET locked_until = NULL WHERE id = ?")
                        .bind(user_id)
                        .execute(s.db())
                        .await
                        .unwrap();
                }
                let (monitor_id, backup_id, restore_id, window_id, provider_id) =
                    fixtures(&s, account, user_id).await;
                let target = Target {
                    user_id,
                    username,
                    assignment_id,
                    account_id: account,
                    channel_id: channel,
                    monitor_id,
                    backup_id,
                    restore_id,
                    window_id,
                    provider_id,
                };
                let (path, body) = request(r, &target);
                let answer = match a {
                    0 => s.call(r.method.clone(), &path, None, body).await,
                    _ => {
                        // Each actor's session is kept from cell to cell: a sign-in a cell
                        // was most of the matrix's time.
                        let mut token = match sessions[a - 1].take() {
                            Some(kept) => kept,
                            None => s.sign_in_demo(&actors[a - 1]).await,
                        };
                        let mut answer = s
                            .call(r.method.clone(), &path, Some(&token), body.clone())
                            .await;
                        if answer.status == StatusCode::UNAUTHORIZED {
                            // A row before (sign-out, password change) may have ended the
                            // kept session; the cell counts what a fresh one is answered.
                            // A refused token changed nothing, so sending again is safe.
                            token = s.sign_in_demo(&actors[a - 1]).await;
                            answer = s.call(r.method.clone(), &path, Some(&token), body).await;
                        }
                        sessions[a - 1] = Some(token);
                        answer
                    }
                };
                let expected = if inside { r.inside[a] } else { r.outside[a] };
                cells += 1;
                if answer.status.as_u16() != expected {
                    failures.push(format!(
                        "{} {} as {role}, target {}: expected {expected}, got {} {}",
                        r.method,
                        r.path,
                        if inside { "in scope" } else { "out of scope" },
                        answer.status,
                        answer.text
                    ));
                }
            }
        }
    }
    println!(
        "authorization matrix: {} rows, {} operations on {} paths, {cells} cells",
        rows.len(),
        documented.len(),
        doc["paths"].as_object().unwrap().len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The actors of the matrix, signed in: `tokens[a - 1]` for `ACTORS[a]`.
async fn signed_in_actors(s: &TestService, demo: i64, web: i64) -> Vec<String> {
    let mut tokens = Vec::new();
    for (i, role) in ACTORS.iter().enumerate().skip(1) {
        let (account, level, scope) = match *role {
            "service_operator" => (None, "platform", 0),
            "account_manager" => (Some(demo), "account", demo),
            _ => (Some(demo), "channel", web),
        };
        let name = format!("actor{i}@matrix.example");
        new_user(s, &name, account, role, level, scope).await;
        tokens.push(s.sign_in_demo(&name).await);
    }
    tokens
}

/// Clauses UQ-DELEGATE-CHANNEL, UQ-LEAST-PRIV, UQ-SCOPE: acting on a user needs a managing
/// role at or above every role the target holds, in a scope containing all of the
/// target's assignments. Targets: an Account Manager of the account, a Channel Manager of
/// the actors' channel, a Viewer of a sibling channel of the same account.
#[tokio::test]
async fn uq_delegate_channel_user_actions_follow_the_targets_roles() {
    let s = TestService::start_with(Config {
        sign_ins_per_minute: 1_000_000,
        ..Config::default()
    })
    .await;
    let demo = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    let sibling = s.channel_id("Mobile app").await;
    let tokens = signed_in_actors(&s, demo, web).await;
    use Method as M;
    //                 anon  op   am   cm   ed   view
    let acts = |cm: u16, sees: u16| [401, 200, 200, cm, sees, sees];
    let targets: [(&str, &str, &str, i64); 3] = [
        ("account manager", "account_manager", "account", demo),
        ("channel manager", "channel_manager", "channel", web),
        ("sibling channel viewer", "viewer", "channel", sibling),
    ];
    // Expected statuses per target kind, in `targets` order.
    let rows: Vec<(Method, &str, [[u16; 6]; 3])> = vec![
        (
            M::GET,
            "/api/v1/users/{id}",
            [
                [401, 200, 200, 200, 404, 404],
                [401, 200, 200, 200, 200, 200],
                [401, 200, 200, 200, 404, 404],
            ],
        ),
        (
            M::POST,
            "/api/v1/users/{id}/unlock",
            [acts(403, 404), acts(200, 403), acts(403, 404)],
        ),
        (
            M::DELETE,
            "/api/v1/users/{id}/totp",
            [acts(403, 404), acts(200, 403), acts(403, 404)],
        ),
        (
            M::POST,
            "/api/v1/users/{id}/block",
            [
                [401, 200, 403, 403, 404, 404],
                [401, 200, 403, 403, 403, 403],
                [401, 200, 403, 403, 404, 404],
            ],
        ),
        (
            M::POST,
            "/api/v1/users/{id}/unblock",
            [
                [401, 200, 403, 403, 404, 404],
                [401, 200, 403, 403, 403, 403],
                [401, 200, 403, 403, 404, 404],
            ],
        ),
        (
            M::PATCH,
            "/api/v1/users/{id}",
            [acts(403, 404), acts(403, 403), acts(403, 404)],
        ),
        (
            M::GET,
            "/api/v1/users/{id}/outbox",
            [acts(403, 404), acts(403, 403), acts(403, 404)],
        ),
    ];
    let mut failures = Vec::new();
    let mut n = 0;
    for (method, path, expected) in &rows {
        for (k, (kind, role, level, scope)) in targets.iter().enumerate() {
            for (a, actor) in ACTORS.iter().enumerate() {
                n += 1;
                let name = format!("acted{n}@matrix.example");
                let (user_id, _) = new_user(&s, &name, Some(demo), role, level, *scope).await;
                admin_service::db::query(
                    "UPDATE users SET locked_until = ?, totp_secret = 'JBSWY3DPEHPK3PXP' WHERE id = ?",
                )
                .bind(s.now() + chrono::Duration::minutes(10))
                .bind(user_id)
                .execute(s.db())
                .await
                .unwrap();
                let url = path.replace("{id}", &user_id.to_string());
                let body = (*method == M::PATCH)
                    .then(|| json!({"email": format!("new{user_id}@matrix.example")}));
                let token = (a > 0).then(|| tokens[a - 1].clone());
                let answer = s.call(method.clone(), &url, token.as_deref(), body).await;
                if answer.status.as_u16() != expected[k][a] {
                    failures.push(format!(
                        "{method} {path} as {actor} on a {kind}: expected {}, got {} {}",
                        expected[k][a], answer.status, answer.text
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Clause UQ-LEAST-PRIV: authorization comes before any state check, so a caller who may
/// not act learns nothing about the target's state (no 409 "nothing enrolled").
#[tokio::test]
async fn uq_least_priv_authorization_before_state_checks() {
    let s = TestService::start().await;
    let demo = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    let tokens = signed_in_actors(&s, demo, web).await;
    let (am, _) = new_user(
        &s,
        "plain-am@matrix.example",
        Some(demo),
        "account_manager",
        "account",
        demo,
    )
    .await;
    let cm = &tokens[2];
    let reset = s
        .delete(&format!("/api/v1/users/{am}/totp"), Some(cm))
        .await;
    assert_eq!(reset.status.as_u16(), 403, "{reset:?}");
    let own_am = &tokens[1];
    let reset = s
        .delete(&format!("/api/v1/users/{am}/totp"), Some(own_am))
        .await;
    assert_eq!(reset.status.as_u16(), 409, "{reset:?}");
}

/// Clause UQ-DELEGATE-CHANNEL: lock and two-factor state are security details, shown only to
/// a caller who may act on the user; a Channel Manager who sees an Account Manager gets
/// neither, in the user's page and in the users list, while the account's own Account
/// Manager gets both.
#[tokio::test]
async fn uq_delegate_channel_security_details_only_to_who_may_act() {
    let s = TestService::start().await;
    let demo = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    let tokens = signed_in_actors(&s, demo, web).await;
    let (am, _) = new_user(
        &s,
        "locked-am@matrix.example",
        Some(demo),
        "account_manager",
        "account",
        demo,
    )
    .await;
    admin_service::db::query(
        "UPDATE users SET locked_until = ?, totp_secret = 'JBSWY3DPEHPK3PXP', \
         totp_enrolled_at = ? WHERE id = ?",
    )
    .bind(s.now() + chrono::Duration::minutes(10))
    .bind(s.now())
    .bind(am)
    .execute(s.db())
    .await
    .unwrap();
    let row_of = |page: &Value| -> Value {
        page["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["user"]["id"] == am)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let (own_am, cm) = (&tokens[1], &tokens[2]);
    for (who, token, shown) in [
        ("account manager", own_am, true),
        ("channel manager", cm, false),
    ] {
        let detail = s.get(&format!("/api/v1/users/{am}"), Some(token)).await;
        assert_eq!(detail.status.as_u16(), 200, "{who}: {detail:?}");
        let list = s.get("/api/v1/users?limit=200", Some(token)).await;
        assert_eq!(list.status.as_u16(), 200, "{who}: {list:?}");
        let row = row_of(&list.body);
        for (view, summary) in [("page", &detail.body), ("list", &row)] {
            assert_eq!(summary["may_act"], shown, "{who} {view}: {summary}");
            if shown {
                assert_eq!(
                    summary["two_factor_enrolled"], true,
                    "{who} {view}: {summary}"
                );
                assert!(
                    summary["user"]["locked_until"].is_string(),
                    "{who} {view}: {summary}"
                );
            } else {
                assert!(
                    summary["two_factor_enrolled"].is_null(),
                    "{who} {view}: {summary}"
                );
                assert!(
                    summary["user"]["locked_until"].is_null(),
                    "{who} {view}: {summary}"
                );
            }
        }
    }
}

/// Clause UQ-SCOPE: list routes answer no row outside the caller's scope, checked in the
/// bodies, not only by status.
#[tokio::test]
async fn uq_scope_list_bodies_hold_no_row_outside_scope() {
    let s = TestService::start().await;
    let other = s.other_account().await;
    let demo = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    let tokens = signed_in_actors(&s, demo, web).await;
    // A restore request of each tenant, so the lists have something to leave out.
    let (_, backup, _, _, _) = fixtures(&s, demo, other.viewer_id).await;
    fixtures(&s, other.account, other.viewer_id).await;
    let _ = backup;
    let in_web = |scope: &Value| scope["level"] == "channel" && scope["id"] == web;
    for (a, actor) in ACTORS.iter().enumerate().skip(1) {
        let token = tokens[a - 1].as_str();
        let me: i64 = s.me(token).await.body["user"]["id"].as_i64().unwrap();
        let operator = *actor == "service_operator";
        // Users, every page.
        let mut after = 0;
        let mut seen = 0;
        loop {
            let page = s
                .get(
                    &format!("/api/v1/users?limit=200&after={after}"),
                    Some(token),
                )
                .await;
            assert_eq!(page.status.as_u16(), 200, "{page:?}");
            for row in page.body["users"].as_array().unwrap() {
                seen += 1;
                let account = row["user"]["account_id"].as_i64();
                let assignments = row["assignments"].as_array().unwrap();
                if operator {
                    continue;
                }
                assert_eq!(
                    account,
                    Some(demo),
                    "{actor} sees a user of another account: {row}"
                );
                for asg in assignments {
                    let scope = &asg["scope"];
                    let inside = match *actor {
                        "account_manager" => {
                            scope["level"] == "account" && scope["id"] == demo
                                || scope["level"] == "channel"
                        }
                        _ => in_web(scope),
                    };
                    assert!(
                        inside,
                        "{actor} sees an assignment outside their scope: {row}"
                    );
                }
                if matches!(*actor, "channel_editor" | "viewer") && row["user"]["id"] != me {
                    assert!(
                        !assignments.is_empty(),
                        "{actor} sees a user sharing none of their channels: {row}"
                    );
                }
            }
            match page.body["next_after"].as_i64() {
                Some(next) => after = next,
                None => break,
            }
        }
        assert!(seen > 0);
        // Accounts and channels.
        let accounts = s.get("/api/v1/accounts", Some(token)).await;
        let ids: Vec<i64> = accounts
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        if operator {
            assert!(ids.contains(&other.account));
        } else {
            assert_eq!(ids, vec![demo], "{actor}");
        }
        let channels = s
            .get(&format!("/api/v1/accounts/{demo}/channels"), Some(token))
            .await;
        let ids: Vec<i64> = channels
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        if !operator && *actor != "account_manager" {
            assert_eq!(ids, vec![web], "{actor}");
        }
        // The audit log and restore requests, where the role reads them at all.
        if *actor == "account_manager" {
            let audit = s.get("/api/v1/audit?limit=1000", Some(token)).await;
            let items = audit.body["items"].as_array().unwrap();
            assert!(!items.is_empty());
            for e in items {
                assert_eq!(e["account_id"].as_i64(), Some(demo), "{e}");
            }
            let restores = s.get("/api/v1/restore-requests", Some(token)).await;
            assert_eq!(restores.status.as_u16(), 200, "{restores:?}");
            let list = restores.body.as_array().cloned().unwrap_or_default();
            assert!(!list.is_empty(), "{restores:?}");
            for r in list {
                assert_eq!(r["account_id"].as_i64(), Some(demo), "{r}");
            }
        }
    }
}
