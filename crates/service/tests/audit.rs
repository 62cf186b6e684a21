//! Over 500 lines: one clause (FZ-AUDIT) end to end over HTTP; its stories share the chain helpers.
//! Clause FZ-AUDIT: all access is logged and tracked for auditing purposes.

mod common;

use admin_api::{AuditEvent, AuditOutcome, AuditPage};
use chrono::{DateTime, Utc};
use common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn all_events(s: &TestService) -> Vec<AuditEvent> {
    // Read as the operator would, straight from the table.
    let rows: Vec<(i64, DateTime<Utc>, Option<String>, String, String, Option<String>, String, i64, Option<String>, Option<i64>, String, String)> =
        admin_service::db::query_as(
            "SELECT seq, at, actor, action, target, subject, outcome, status, client_addr, account_id, prev_hash, hash \
             FROM audit_events ORDER BY seq",
        )
        .fetch_all(s.db())
        .await
        .unwrap();
    rows.into_iter()
        .map(
            |(
                seq,
                at,
                actor,
                action,
                target,
                subject,
                outcome,
                status,
                client_addr,
                account_id,
                prev_hash,
                hash,
            )| AuditEvent {
                seq,
                at,
                actor,
                action,
                target,
                subject,
                outcome: match outcome.as_str() {
                    "allowed" => AuditOutcome::Allowed,
                    "refused" => AuditOutcome::Refused,
                    "failed" => AuditOutcome::Failed,
                    other => panic!("unknown outcome {other}"),
                },
                status: status as u16,
                client_addr,
                account_id,
                prev_hash,
                hash,
            },
        )
        .collect()
}

/// Every event in the table, gapless, each linked into its partition's chain.
fn assert_chain(events: &[AuditEvent]) {
    let mut verifier = admin_api::audit::ChainVerifier::default();
    for (i, e) in events.iter().enumerate() {
        assert_eq!(e.seq, i as i64 + 1, "sequence has a gap at {e:?}");
        assert_eq!(verifier.check(e), Ok(()), "chain broken at {e:?}");
    }
}

async fn feed(s: &TestService, token: &str, query: &str) -> Answer {
    s.get(&format!("/api/v1/audit{query}"), Some(token)).await
}

/// Clause FZ-AUDIT: allowed and refused requests alike append one event each, naming the
/// actor, the route template, the path, outcome, status and client address.
#[tokio::test]
async fn fz_audit_every_request_allowed_or_refused_is_recorded() {
    let s = TestService::start().await;
    // 1: refused sign-in of a known user, 2: refused sign-in of an unknown one.
    s.sign_in_raw(MANAGER, "wrong-password")
        .await
        .assert_problem(401, "invalid_credentials");
    s.sign_in_raw("ghost@demo.example", "whatever-pw")
        .await
        .assert_problem(401, "invalid_credentials");
    // 3: allowed sign-in, 4: /me.
    let token = s.sign_in_demo(MANAGER).await;
    assert_eq!(s.me(&token).await.status, StatusCode::OK);
    // 5: a refused block (manager is no operator).
    let viewer = s.user_id(&s.user_with_role("viewer").await).await;
    s.post(
        &format!("/api/v1/users/{viewer}/block"),
        Some(&token),
        json!({}),
    )
    .await
    .assert_problem(403, "forbidden");
    // 6: an unknown route, 7: no token at all, 8: health.
    assert_eq!(
        s.get("/api/v1/no-such-thing", Some(&token)).await.status,
        StatusCode::NOT_FOUND
    );
    s.get("/api/v1/me", None)
        .await
        .assert_problem(401, "unauthenticated");
    assert_eq!(s.get("/api/v1/health", None).await.status, StatusCode::OK);

    let events = all_events(&s).await;
    assert_eq!(events.len(), 8, "{events:#?}");
    let account = Some(
        admin_service::db::query_scalar::<i64>("SELECT id FROM accounts")
            .fetch_one(s.db())
            .await
            .unwrap(),
    );
    let expect: [(Option<&str>, &str, String, AuditOutcome, u16, Option<i64>); 8] = [
        (
            Some(MANAGER),
            "POST /api/v1/sessions",
            "/api/v1/sessions".into(),
            AuditOutcome::Refused,
            401,
            account,
        ),
        (
            Some("ghost@demo.example"),
            "POST /api/v1/sessions",
            "/api/v1/sessions".into(),
            AuditOutcome::Refused,
            401,
            None,
        ),
        (
            Some(MANAGER),
            "POST /api/v1/sessions",
            "/api/v1/sessions".into(),
            AuditOutcome::Allowed,
            201,
            account,
        ),
        (
            Some(MANAGER),
            "GET /api/v1/me",
            "/api/v1/me".into(),
            AuditOutcome::Allowed,
            200,
            account,
        ),
        (
            Some(MANAGER),
            "POST /api/v1/users/{id}/block",
            format!("/api/v1/users/{viewer}/block"),
            AuditOutcome::Refused,
            403,
            account,
        ),
        (
            Some(MANAGER),
            "GET (no route)",
            "/api/v1/no-such-thing".into(),
            AuditOutcome::Refused,
            404,
            account,
        ),
        (
            None,
            "GET /api/v1/me",
            "/api/v1/me".into(),
            AuditOutcome::Refused,
            401,
            None,
        ),
        (
            None,
            "GET /api/v1/health",
            "/api/v1/health".into(),
            AuditOutcome::Allowed,
            200,
            None,
        ),
    ];
    for (e, (actor, action, target, outcome, status, account_id)) in events.iter().zip(expect) {
        assert_eq!(e.actor.as_deref(), actor, "{e:?}");
        assert_eq!(e.action, action, "{e:?}");
        assert_eq!(e.target, target, "{e:?}");
        assert_eq!(e.outcome, outcome, "{e:?}");
        assert_eq!(e.status, status, "{e:?}");
        assert_eq!(e.client_addr.as_deref(), Some("127.0.0.1"), "{e:?}");
        assert_eq!(e.account_id, account_id, "{e:?}");
        assert_eq!(e.at, s.now());
    }
    assert_chain(&events);
}

/// Clause FZ-AUDIT: locked (423), blocked (403), expired (401), bad input (400) and
/// password changes are recorded too, with the attempted username as actor.
#[tokio::test]
async fn fz_audit_records_lockouts_blocks_and_bad_input() {
    let s = TestService::start().await;
    for _ in 0..3 {
        s.sign_in_raw(MANAGER, "wrong-password").await;
    }
    s.sign_in_raw("Manager@Demo.Example", DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    let blocked = admin_service::demo::people()
        .into_iter()
        .find(|p| p.blocked)
        .unwrap()
        .username;
    s.sign_in_raw(&blocked, DEMO_PASSWORD)
        .await
        .assert_problem(403, "user_blocked");
    s.sign_in_raw("a b", DEMO_PASSWORD)
        .await
        .assert_problem(400, "invalid_input");
    let events = all_events(&s).await;
    let summary: Vec<(Option<&str>, u16)> = events
        .iter()
        .map(|e| (e.actor.as_deref(), e.status))
        .collect();
    assert_eq!(
        summary,
        [
            (Some(MANAGER), 401),
            (Some(MANAGER), 401),
            // The lock is told only to the right password (UQ-SCOPE).
            (Some(MANAGER), 401),
            // The normalised spelling, so a search by user finds it.
            (Some(MANAGER), 423),
            (Some(blocked.as_str()), 403),
            // A username that is no username is not recorded as an actor.
            (None, 400),
        ]
    );
    assert!(events.iter().all(|e| e.outcome == AuditOutcome::Refused));
    // UQ-LOCKOUT-3: the attempt that locked names whom it locked; tries while locked do not.
    let subjects: Vec<Option<&str>> = events.iter().map(|e| e.subject.as_deref()).collect();
    assert_eq!(subjects, [None, None, Some(MANAGER), None, None, None]);
    assert_chain(&events);
}

/// Clause FZ-AUDIT: an access change names whom it was done to (the path holds only an
/// id, and a revoked assignment's id points at nothing), the feed carries it, and the
/// chain proves it: each subject is hashed with its event.
#[tokio::test]
async fn fz_audit_access_changes_name_whom_they_were_done_to() {
    let s = TestService::start().await;
    let operator = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer_id = s.user_id(&viewer).await;
    let web = s.channel_id("Web shop").await;
    let granted = s
        .post(
            "/api/v1/role-assignments",
            Some(&manager),
            json!({"user_id": viewer_id, "role": "channel_editor",
                "scope": {"level": "channel", "id": web}}),
        )
        .await;
    assert_eq!(granted.status, StatusCode::CREATED, "{granted:?}");
    let assignment = granted.body["id"].as_i64().unwrap();
    let user = format!("/api/v1/users/{viewer_id}");
    for (token, method, path) in [
        (
            &manager,
            "DELETE",
            format!("/api/v1/role-assignments/{assignment}"),
        ),
        (&manager, "POST", format!("{user}/unlock")),
        (&operator, "POST", format!("{user}/block")),
        (&operator, "POST", format!("{user}/unblock")),
    ] {
        let a = s
            .call(method.parse().unwrap(), &path, Some(token), None)
            .await;
        assert_eq!(a.status, StatusCode::OK, "{method} {path}: {a:?}");
    }
    // Refused: no change was made, so no one had it done to them.
    s.post(&format!("{user}/block"), Some(&manager), json!({}))
        .await
        .assert_problem(403, "forbidden");

    let a = feed(&s, &operator, "?limit=1000").await;
    let page: AuditPage = serde_json::from_value(a.body.clone()).unwrap();
    let named: Vec<(&str, u16, Option<&str>)> = page
        .items
        .iter()
        .filter(|e| !e.action.starts_with("GET") && e.action != "POST /api/v1/sessions")
        .map(|e| (e.action.as_str(), e.status, e.subject.as_deref()))
        .collect();
    let v = Some(viewer.as_str());
    assert_eq!(
        named,
        [
            ("POST /api/v1/role-assignments", 201, v),
            ("DELETE /api/v1/role-assignments/{id}", 200, v),
            ("POST /api/v1/users/{id}/unlock", 200, v),
            ("POST /api/v1/users/{id}/block", 200, v),
            ("POST /api/v1/users/{id}/unblock", 200, v),
            ("POST /api/v1/users/{id}/block", 403, None),
        ]
    );
    assert!(page
        .items
        .iter()
        .filter(|e| e.action.starts_with("GET") || e.action == "POST /api/v1/sessions")
        .all(|e| e.subject.is_none()));
    let stored = all_events(&s).await;
    // The feed's own read is recorded after it answered.
    assert_eq!(
        page.items,
        stored[..stored.len() - 1],
        "the feed is the table"
    );
    assert_chain(&stored);
    let mut renamed = stored
        .iter()
        .find(|e| e.action == "POST /api/v1/role-assignments")
        .unwrap()
        .clone();
    renamed.subject = Some("someone-else@demo.example".into());
    assert!(
        !renamed.hash_is_valid(),
        "a changed subject breaks the hash"
    );
}

/// Clause FZ-AUDIT: the operator reads every event through the API, paged by `after`,
/// with `next_after` and `high_water`; the chain verifies from the API's copy.
#[tokio::test]
async fn fz_audit_operator_reads_the_whole_chain_by_pages() {
    let s = TestService::start().await;
    let manager = s.sign_in_demo(MANAGER).await;
    s.me(&manager).await;
    let op = s.sign_in_demo(OPERATOR).await;
    s.me(&op).await;
    // Events so far: 4. The feed call itself is recorded after it answers.
    let a = feed(&s, &op, "?after=0&limit=3").await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let page: AuditPage = serde_json::from_value(a.body.clone()).unwrap();
    assert_eq!(
        page.items.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(page.next_after, 3);
    assert_eq!(page.high_water, 4);

    let a = feed(&s, &op, &format!("?after={}&limit=100", page.next_after)).await;
    let rest: AuditPage = serde_json::from_value(a.body.clone()).unwrap();
    // Event 5 is the first feed call.
    assert_eq!(rest.items.iter().map(|e| e.seq).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(rest.items[1].action, "GET /api/v1/audit");
    assert_eq!(rest.items[1].target, "/api/v1/audit");
    assert_eq!(rest.items[1].actor.as_deref(), Some(OPERATOR));
    assert_eq!(rest.next_after, 5);
    assert_eq!(rest.high_water, 5);

    let mut all = page.items.clone();
    all.extend(rest.items.clone());
    assert_chain(&all);
    assert_eq!(
        all,
        all_events(&s).await[..5].to_vec(),
        "the API returns what is stored"
    );

    // Nothing new: next_after stays where it was.
    let a = feed(&s, &op, "?after=1000").await;
    let empty: AuditPage = serde_json::from_value(a.body.clone()).unwrap();
    assert!(empty.items.is_empty());
    assert_eq!(empty.next_after, 1000);

    // A bad limit names the field.
    let a = feed(&s, &op, "?limit=0").await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("limit"));
}

/// Clause FZ-AUDIT (and UQ-SCOPE): an account manager sees only their own account's
/// events; a viewer may not read the log at all; without sign-in it is 401.
#[tokio::test]
async fn fz_audit_manager_sees_own_account_only_and_viewer_is_refused() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await; // 1: operator, no account
    s.me(&op).await; // 2: operator
    s.sign_in_raw("ghost@demo.example", "whatever-pw").await; // 3: no account
    let manager = s.sign_in_demo(MANAGER).await; // 4: account
    let viewer_name = s.user_with_role("viewer").await;
    let viewer = s.sign_in_demo(&viewer_name).await; // 5: account

    let a = feed(&s, &manager, "?after=0&limit=100").await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let page: AuditPage = serde_json::from_value(a.body.clone()).unwrap();
    let account: i64 = admin_service::db::query_scalar("SELECT id FROM accounts")
        .fetch_one(s.db())
        .await
        .unwrap();
    assert_eq!(page.items.iter().map(|e| e.seq).collect::<Vec<_>>(), [4, 5]);
    assert!(page.items.iter().all(|e| e.account_id == Some(account)));
    assert!(page
        .items
        .iter()
        .all(|e| e.actor.as_deref() != Some(OPERATOR)));
    assert_eq!(page.high_water, 5);
    assert!(page.items.iter().all(AuditEvent::hash_is_valid));

    feed(&s, &viewer, "?after=0")
        .await
        .assert_problem(403, "forbidden");
    s.get("/api/v1/audit?after=0", None)
        .await
        .assert_problem(401, "unauthenticated");
    // The refusals are themselves recorded.
    let events = all_events(&s).await;
    let last = &events[events.len() - 2..];
    assert_eq!(
        (last[0].actor.as_deref(), last[0].status),
        (Some(viewer_name.as_str()), 403)
    );
    assert_eq!((last[1].actor.as_deref(), last[1].status), (None, 401));
    assert_chain(&events);
}

/// Clause FZ-AUDIT: the table is append-only; a raw UPDATE or DELETE fails.
#[tokio::test]
async fn fz_audit_events_are_append_only() {
    let s = TestService::start().await;
    s.get("/api/v1/health", None).await;
    s.sign_in_raw(MANAGER, "wrong-password").await;
    let update = admin_service::db::query(
        "UPDATE audit_events SET outcome = 'allowed', status = 201 WHERE seq = 2",
    )
    .execute(s.db())
    .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = admin_service::db::query("DELETE FROM audit_events WHERE seq = 1")
        .execute(s.db())
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    let events = all_events(&s).await;
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].status, 401);
    assert_chain(&events);
}

/// Clause FZ-AUDIT: parallel requests still form one unbroken chain and none is lost
/// (or answered 500 because the audit write collided with another write).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fz_audit_chain_holds_under_concurrency() {
    let s = TestService::start().await;
    let token = s.sign_in_demo(MANAGER).await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let http = s.http.clone();
        let base = s.base.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            let resp = match i % 3 {
                0 => {
                    http.get(format!("{base}/api/v1/me"))
                        .bearer_auth(&token)
                        .send()
                        .await
                }
                1 => {
                    http.post(format!("{base}/api/v1/sessions"))
                        .json(&json!({ "username": OPERATOR, "password": DEMO_PASSWORD }))
                        .send()
                        .await
                }
                _ => http.get(format!("{base}/api/v1/health")).send().await,
            };
            resp.unwrap().status().as_u16()
        }));
    }
    for t in tasks {
        let status = t.await.unwrap();
        assert!(status < 500, "a request failed with {status}");
    }
    let events = all_events(&s).await;
    assert_eq!(events.len(), 25);
    assert_chain(&events);
}

/// Makes every audit append fail from now on, as a full disk would.
async fn break_audit_log(s: &TestService) {
    let statements: &[&str] = match s.db().backend() {
        admin_service::db::Backend::Sqlite => &[
            "CREATE TRIGGER audit_unavailable BEFORE INSERT ON audit_events \
             BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END",
        ],
        admin_service::db::Backend::Postgres => &[
            "CREATE FUNCTION audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$",
            "CREATE TRIGGER audit_unavailable BEFORE INSERT ON audit_events \
             FOR EACH ROW EXECUTE FUNCTION audit_unavailable()",
        ],
    };
    for sql in statements {
        admin_service::db::query(*sql)
            .execute(s.db())
            .await
            .unwrap();
    }
}

/// Clause FZ-AUDIT: a change and its audit event commit together. When the event cannot
/// be written, the caller gets an error and nothing changed: no block, unlock, two-factor
/// reset, role grant or revocation, settings, password or contact change stands unaudited.
#[tokio::test]
async fn fz_audit_change_does_not_stand_without_its_event() {
    let s = TestService::start().await;
    let operator = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer_id = s.user_id(&viewer).await;
    let viewer_token = s.sign_in_demo(&viewer).await;
    let account = s.demo_account_id().await;
    let web = s.channel_id("Web shop").await;
    admin_service::db::query("UPDATE users SET locked_until = ?, totp_secret = 'JBSWY3DPEHPK3PXP', totp_enrolled_at = ? WHERE id = ?")
        .bind(s.now() + chrono::Duration::minutes(10))
        .bind(s.now())
        .bind(viewer_id)
        .execute(s.db())
        .await
        .unwrap();
    let assignment: i64 =
        admin_service::db::query_scalar("SELECT id FROM role_assignments WHERE user_id = ?")
            .bind(viewer_id)
            .fetch_one(s.db())
            .await
            .unwrap();
    let snapshot = |s: &TestService| {
        let db = s.db().clone();
        async move {
            let user: (bool, Option<DateTime<Utc>>, Option<String>, Option<String>, String) = admin_service::db::query_as(
                "SELECT blocked, locked_until, totp_secret, email, password_hash FROM users WHERE id = ?",
            )
            .bind(viewer_id)
            .fetch_one(&db)
            .await
            .unwrap();
            let counts: (i64, i64, i64, i64, i64) = admin_service::db::query_as(
                "SELECT (SELECT COUNT(*) FROM role_assignments), \
                 (SELECT COUNT(*) FROM sessions WHERE ended_at IS NULL), \
                 (SELECT COUNT(*) FROM outbox), \
                 (SELECT COUNT(*) FROM user_activities), \
                 (SELECT CAST(SUM(lockout_minutes) AS BIGINT) FROM accounts)",
            )
            .fetch_one(&db)
            .await
            .unwrap();
            format!("{user:?} {counts:?}")
        }
    };
    let before = snapshot(&s).await;
    let events_before = all_events(&s).await.len();
    break_audit_log(&s).await;
    let user = format!("/api/v1/users/{viewer_id}");
    let calls = [
        ("POST", format!("{user}/block"), operator.as_str(), None),
        ("POST", format!("{user}/unlock"), manager.as_str(), None),
        ("DELETE", format!("{user}/totp"), manager.as_str(), None),
        (
            "PATCH",
            user.clone(),
            manager.as_str(),
            Some(json!({"email": "changed@demo.example"})),
        ),
        (
            "POST",
            "/api/v1/role-assignments".to_string(),
            manager.as_str(),
            Some(json!({"user_id": viewer_id, "role": "channel_editor",
                "scope": {"level": "channel", "id": web}})),
        ),
        (
            "DELETE",
            format!("/api/v1/role-assignments/{assignment}"),
            manager.as_str(),
            None,
        ),
        (
            "PUT",
            format!("/api/v1/accounts/{account}/security"),
            manager.as_str(),
            Some(json!({"min_password_length": 8, "lockout_minutes": 30,
                "require_two_factor": false, "third_party_only": false, "social_sign_in": false})),
        ),
        (
            "POST",
            "/api/v1/me/password".to_string(),
            viewer_token.as_str(),
            Some(json!({"current_password": DEMO_PASSWORD, "new_password": "brand-new-secret"})),
        ),
    ];
    for (method, path, token, body) in calls {
        let method: reqwest::Method = method.parse().unwrap();
        let a = s.call(method.clone(), &path, Some(token), body).await;
        assert_eq!(
            a.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{method} {path}: {a:?}"
        );
        assert_eq!(
            snapshot(&s).await,
            before,
            "{method} {path} changed state unaudited"
        );
    }
    let drop = match s.db().backend() {
        admin_service::db::Backend::Sqlite => "DROP TRIGGER audit_unavailable",
        admin_service::db::Backend::Postgres => "DROP TRIGGER audit_unavailable ON audit_events",
    };
    admin_service::db::query(drop)
        .execute(s.db())
        .await
        .unwrap();
    assert_eq!(all_events(&s).await.len(), events_before);
    assert_eq!(s.me(&viewer_token).await.status, StatusCode::OK);
}
