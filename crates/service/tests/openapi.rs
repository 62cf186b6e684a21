//! The OpenAPI 3.1 document describes exactly the routes the service answers.

mod common;

use common::*;
use reqwest::{Method, StatusCode};

const PATHS: &[&str] = &[
    "/api/v1/sessions",
    "/api/v1/sessions/current",
    "/api/v1/me",
    "/api/v1/me/password",
    "/api/v1/users/{id}/block",
    "/api/v1/users/{id}/unblock",
    "/api/v1/audit",
    "/api/v1/health",
    "/api/v1/activities",
    "/api/v1/notifications",
    "/api/v1/notifications/read",
    "/api/v1/users/{id}",
    "/api/v1/users/{id}/outbox",
    "/api/v1/me/consents",
    "/api/v1/me/features",
    "/api/v1/audit/console-events",
    "/api/v1/monitors",
    "/api/v1/monitors/{id}",
    "/api/v1/monitors/{id}/samples",
    "/api/v1/monitors/{id}/sla",
    "/api/v1/monitors/{id}/sla-history",
    "/api/v1/monitors/{id}/daily",
    "/api/v1/monitors/{id}/latency",
    "/api/v1/monitors/{id}/incidents",
    "/api/v1/monitors/{id}/incidents/{started}/note",
    "/api/v1/backups",
    "/api/v1/backups/{id}",
    "/api/v1/backup-drills",
    "/api/v1/backup-alerts",
    "/api/v1/restore-requests",
    "/api/v1/restore-requests/{id}",
    "/api/v1/maintenance-windows",
    "/api/v1/maintenance-windows/{id}",
    "/api/v1/maintenance-windows/{id}/series",
    "/api/v1/maintenance-windows.ics",
    "/api/v1/announcements",
    "/api/v1/releases",
    "/api/v1/accounts",
    "/api/v1/accounts/{id}/business-calendar",
    "/api/v1/probers",
    "/api/v1/probe/targets",
    "/api/v1/probe/reports",
    "/api/v1/monitors/{id}/heartbeat",
    "/api/v1/accounts/{id}/channels",
    "/api/v1/accounts/{id}/security",
    "/api/v1/users",
    "/api/v1/users/{id}/unlock",
    "/api/v1/users/{id}/totp",
    "/api/v1/role-assignments",
    "/api/v1/role-assignments/{id}",
    "/api/v1/totp-enrolments",
    "/api/v1/totp-enrolments/third-party",
    "/api/v1/subprocessors",
    "/api/v1/accounts/{id}/residency",
    "/api/v1/accounts/{id}/identity-providers",
    "/api/v1/identity-providers/{id}",
    "/api/v1/identity-providers/{id}/links",
    "/api/v1/identity-providers/{id}/links/{user_id}",
    "/api/v1/sign-in-flows",
    "/api/v1/sessions/third-party",
];

#[tokio::test]
async fn openapi_document_is_3_1_and_lists_every_route() {
    let s = TestService::start().await;
    let a = s.get("/api/v1/openapi.json", None).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert!(a
        .content_type
        .as_deref()
        .unwrap_or("")
        .starts_with("application/json"));
    assert_eq!(a.body["openapi"], "3.1.0");
    assert_eq!(a.body["info"]["title"], "Admin API");
    let paths = a.body["paths"].as_object().expect("paths");
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort();
    let mut expected = PATHS.to_vec();
    expected.sort();
    assert_eq!(listed, expected);

    // Each documented operation's method is there, with the bearer scheme where needed.
    let ops = [
        ("/api/v1/sessions", "post"),
        ("/api/v1/sessions/current", "delete"),
        ("/api/v1/sign-in-flows", "post"),
        ("/api/v1/sessions/third-party", "post"),
        ("/api/v1/accounts/{id}/identity-providers", "get"),
        ("/api/v1/accounts/{id}/identity-providers", "post"),
        ("/api/v1/identity-providers/{id}", "put"),
        ("/api/v1/identity-providers/{id}", "delete"),
        ("/api/v1/identity-providers/{id}/links", "get"),
        ("/api/v1/identity-providers/{id}/links", "post"),
        ("/api/v1/identity-providers/{id}/links/{user_id}", "delete"),
        ("/api/v1/me", "get"),
        ("/api/v1/me/password", "post"),
        ("/api/v1/users/{id}/block", "post"),
        ("/api/v1/users/{id}/unblock", "post"),
        ("/api/v1/audit", "get"),
        ("/api/v1/health", "get"),
        ("/api/v1/maintenance-windows", "get"),
        ("/api/v1/maintenance-windows", "post"),
        ("/api/v1/maintenance-windows/{id}", "patch"),
        ("/api/v1/maintenance-windows/{id}", "delete"),
        ("/api/v1/maintenance-windows/{id}/series", "patch"),
        ("/api/v1/maintenance-windows/{id}/series", "delete"),
        ("/api/v1/maintenance-windows.ics", "get"),
        ("/api/v1/announcements", "get"),
        ("/api/v1/releases", "post"),
        ("/api/v1/releases", "get"),
        ("/api/v1/accounts", "get"),
        ("/api/v1/accounts/{id}/business-calendar", "put"),
        ("/api/v1/accounts/{id}/business-calendar", "get"),
        ("/api/v1/probers", "post"),
        ("/api/v1/probe/reports", "post"),
        ("/api/v1/accounts/{id}/channels", "get"),
        ("/api/v1/accounts/{id}/security", "get"),
        ("/api/v1/accounts/{id}/security", "put"),
        ("/api/v1/users", "get"),
        ("/api/v1/users/{id}", "get"),
        ("/api/v1/users/{id}/unlock", "post"),
        ("/api/v1/users/{id}/totp", "delete"),
        ("/api/v1/role-assignments", "post"),
        ("/api/v1/role-assignments/{id}", "delete"),
        ("/api/v1/totp-enrolments", "post"),
    ];
    for (path, method) in ops {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is not documented"
        );
    }
    assert_eq!(
        a.body["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    // Problem codes are part of the contract.
    let codes = &a.body["components"]["schemas"]["ProblemCode"];
    assert!(codes.to_string().contains("account_locked"), "{codes}");
    // The same document the library builds.
    let built = serde_json::to_value(admin_service::openapi()).unwrap();
    assert_eq!(built["paths"], a.body["paths"]);
}

/// Every documented operation is actually served: none answers 404 or 405.
#[tokio::test]
async fn every_documented_path_is_served() {
    let s = TestService::start().await;
    let doc = s.get("/api/v1/openapi.json", None).await.body;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let url = path.replace("{id}", "1");
            let a = s.call(m.clone(), &url, None, None).await;
            assert!(
                a.status != StatusCode::NOT_FOUND && a.status != StatusCode::METHOD_NOT_ALLOWED,
                "{m} {url}: {a:?}"
            );
        }
    }
}

/// The document tells the truth a client (or a fuzzer) relies on: problems are
/// `application/problem+json`, the layers' refusals are listed, constraints are stated.
#[tokio::test]
async fn problems_statuses_and_constraints_are_documented() {
    let doc = serde_json::to_value(admin_service::openapi()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                let content = &response["content"];
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        content["application/problem+json"].is_object(),
                        "{method} {path} {status}: {content}"
                    );
                    assert!(content["application/json"].is_null(), "{method} {path}");
                }
            }
            if !op["security"].is_null() {
                assert!(op["responses"]["401"].is_object(), "{method} {path}");
            }
        }
    }
    let audit = &doc["paths"]["/api/v1/audit"]["get"];
    assert!(audit["responses"]["429"].is_object());
    let limit = audit["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(limit["schema"]["maximum"], 5000, "{limit}");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["NewMonitor"]["properties"]["name"]["maxLength"],
        100
    );
    assert_eq!(
        schemas["SecuritySettings"]["properties"]["min_password_length"]["minimum"],
        6
    );
    assert_eq!(
        schemas["BusinessCalendarSettings"]["properties"]["days"]["items"]["maximum"],
        7
    );
}
