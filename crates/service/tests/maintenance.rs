//! Over 500 lines: the maintenance clauses over HTTP share the window and notice helpers.
//! Clauses 4S-MAINT-CAP, 4S-MAINT-WINDOW, 4S-MAINT-NOTICE and 4S-CHANGE-NOTICE over HTTP:
//! windows refused with their violations, status moved by the clock, announcements shown.

mod common;

use admin_policy::maintenance::{helsinki_at as hel, Month, Window};
use chrono::{DateTime, Duration, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const WINDOWS: &str = "/api/v1/maintenance-windows";

fn body(title: &str, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Value {
    json!({
        "title": title,
        "description": "Planned work",
        "impact": "Short pauses",
        "affected_components": ["api"],
        "starts_at": starts_at,
        "ends_at": ends_at,
    })
}

fn clauses(a: &Answer) -> Vec<String> {
    a.body["violations"]
        .as_array()
        .unwrap_or_else(|| panic!("no violations in {a:?}"))
        .iter()
        .map(|v| v["clause"].as_str().unwrap().to_string())
        .collect()
}

async fn create(s: &TestService, token: &str, b: Value) -> Answer {
    s.post(WINDOWS, Some(token), b).await
}

async fn notifications(s: &TestService, username: &str) -> Vec<(String, String)> {
    let id = s.user_id(username).await;
    admin_service::db::query_as(
        "SELECT kind, message FROM user_notifications WHERE user_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(s.db())
    .await
    .unwrap()
}

/// Clause 4S-MAINT-CAP: exactly 8 h in March is accepted, a minute more is refused with
/// 422 naming the clause and the numbers; cancelling a window frees its time.
#[tokio::test]
async fn four_s_maint_cap_exactly_eight_hours_then_one_minute_over() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let six = create(
        &s,
        &op,
        body("Six", hel(2026, 3, 10, 20, 0), hel(2026, 3, 11, 2, 0)),
    )
    .await;
    assert_eq!(six.status, StatusCode::CREATED, "{six:?}");
    let two = create(
        &s,
        &op,
        body("Two", hel(2026, 3, 17, 21, 0), hel(2026, 3, 17, 23, 0)),
    )
    .await;
    assert_eq!(two.status, StatusCode::CREATED, "{two:?}");
    assert_eq!(two.body[0]["status"], "scheduled");
    assert_eq!(two.body[0]["routine"], true);
    assert_eq!(parse_time(&two.body[0]["announced_at"]), s.now());

    let over = create(
        &s,
        &op,
        body("Minute", hel(2026, 3, 24, 21, 0), hel(2026, 3, 24, 21, 1)),
    )
    .await;
    over.assert_problem(422, "policy_violation");
    assert_eq!(clauses(&over), ["4S-MAINT-CAP"]);
    assert_eq!(
        over.body["violations"][0]["message"],
        "March 2026 would have 8 h 1 min of maintenance; the cap is 8 h"
    );

    let id = two.body[0]["id"].as_i64().unwrap();
    let cancelled = s
        .call(Method::DELETE, &format!("{WINDOWS}/{id}"), Some(&op), None)
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{cancelled:?}");
    assert_eq!(cancelled.body["status"], "cancelled");
    let again = create(
        &s,
        &op,
        body("Minute", hel(2026, 3, 24, 21, 0), hel(2026, 3, 24, 21, 1)),
    )
    .await;
    assert_eq!(again.status, StatusCode::CREATED, "{again:?}");
}

/// Clause 4S-MAINT-CAP: a window across the March/April boundary counts its part to each.
#[tokio::test]
async fn four_s_maint_cap_window_across_month_boundary() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let april = create(
        &s,
        &op,
        body("April", hel(2026, 4, 7, 20, 0), hel(2026, 4, 8, 3, 0)),
    )
    .await;
    assert_eq!(april.status, StatusCode::CREATED, "{april:?}");
    // 3 h in March, 2 h in April: April would have 9 h.
    let across = create(
        &s,
        &op,
        body("Across", hel(2026, 3, 31, 21, 0), hel(2026, 4, 1, 2, 0)),
    )
    .await;
    across.assert_problem(422, "policy_violation");
    assert_eq!(
        across.body["violations"][0]["message"],
        "April 2026 would have 9 h of maintenance; the cap is 8 h"
    );
}

/// Clauses 4S-MAINT-WINDOW and 4S-MAINT-NOTICE: a daytime window 7 x 24 h ahead passes,
/// one a minute later than that is refused with both clauses.
#[tokio::test]
async fn four_s_maint_notice_exactly_seven_days_and_one_minute_short() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    // t0 is 11:00 Helsinki: business hours.
    let start = s.now() + Duration::hours(7 * 24);
    let on_time = create(&s, &op, body("Day", start, start + Duration::hours(1))).await;
    assert_eq!(on_time.status, StatusCode::CREATED, "{on_time:?}");
    assert_eq!(on_time.body[0]["routine"], false);
    let short = start - Duration::minutes(1) - Duration::hours(2);
    let late = create(&s, &op, body("Day", short, short + Duration::hours(1))).await;
    late.assert_problem(422, "policy_violation");
    assert_eq!(clauses(&late), ["4S-MAINT-WINDOW", "4S-MAINT-NOTICE"]);
    assert!(late.body["detail"]
        .as_str()
        .unwrap()
        .contains("announced 6 d 21 h 59 min before it starts"));
    // The same time of night is routine and needs no week.
    let night = create(
        &s,
        &op,
        body("Night", hel(2026, 3, 3, 21, 0), hel(2026, 3, 3, 22, 0)),
    )
    .await;
    assert_eq!(night.status, StatusCode::CREATED, "{night:?}");
}

/// Only Service Operators schedule; everyone signed in reads; nobody reads unsigned.
#[tokio::test]
async fn operators_write_others_read() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let viewer = s.sign_in_demo(&s.user_with_role("viewer").await).await;
    create(
        &s,
        &manager,
        body("No", hel(2026, 3, 3, 21, 0), hel(2026, 3, 3, 22, 0)),
    )
    .await
    .assert_problem(403, "forbidden");
    let made = create(
        &s,
        &op,
        body("Yes", hel(2026, 3, 3, 21, 0), hel(2026, 3, 3, 22, 0)),
    )
    .await;
    let id = made.body[0]["id"].as_i64().unwrap();
    s.call(
        Method::DELETE,
        &format!("{WINDOWS}/{id}"),
        Some(&viewer),
        None,
    )
    .await
    .assert_problem(403, "forbidden");
    let seen = s.get(WINDOWS, Some(&viewer)).await;
    assert_eq!(seen.status, StatusCode::OK, "{seen:?}");
    assert!(seen.body.as_array().unwrap().iter().any(|w| w["id"] == id));
    s.get(WINDOWS, None)
        .await
        .assert_problem(401, "unauthenticated");
    // Bad input is a 400 naming the field, before any rule.
    let backwards = create(
        &s,
        &op,
        body("B", hel(2026, 3, 3, 22, 0), hel(2026, 3, 3, 21, 0)),
    )
    .await;
    backwards.assert_problem(400, "invalid_input");
    assert_eq!(backwards.field(), Some("ends_at"));
    let past = create(
        &s,
        &op,
        body("P", hel(2026, 3, 1, 21, 0), hel(2026, 3, 1, 22, 0)),
    )
    .await;
    assert_eq!(past.field(), Some("starts_at"));
    let untitled = create(
        &s,
        &op,
        body(" ", hel(2026, 3, 3, 21, 0), hel(2026, 3, 3, 22, 0)),
    )
    .await;
    assert_eq!(untitled.field(), Some("title"));
}

/// Status moves scheduled -> in progress -> completed at the window's times, by the clock,
/// and account managers hear of the announcement, the coming start, the start and the end.
#[tokio::test]
async fn status_follows_the_clock_and_managers_are_notified() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let start = hel(2026, 3, 2, 21, 0);
    let made = create(
        &s,
        &op,
        body("Kernel update", start, start + Duration::hours(2)),
    )
    .await;
    let id = made.body[0]["id"].as_i64().unwrap();
    let status = |a: &Answer| {
        a.body
            .as_array()
            .unwrap_or_else(|| panic!("{a:?}"))
            .iter()
            .find(|w| w["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    let state = &s.running.state;
    // Within the hour before the start the managers are told it is near, once (issue 19).
    s.advance(start - s.now() - Duration::minutes(61));
    admin_service::maintenance::tick(state).await.unwrap();
    assert_eq!(
        notifications(&s, MANAGER).await.len(),
        1,
        "the announcement alone"
    );
    s.advance(Duration::minutes(1));
    admin_service::maintenance::tick(state).await.unwrap();
    admin_service::maintenance::tick(state).await.unwrap();
    assert_eq!(
        notifications(&s, MANAGER).await[1..],
        [(
            "maintenance_starting".to_string(),
            "Maintenance starts within the hour: Kernel update (Mon 2 Mar 2026 21:00-23:00 Helsinki time)"
                .to_string()
        )]
    );
    s.advance(start - s.now() - Duration::seconds(1));
    assert_eq!(admin_service::maintenance::tick(state).await.unwrap(), 0);
    let op = s.sign_in_demo(OPERATOR).await;
    assert_eq!(status(&s.get(WINDOWS, Some(&op)).await), "scheduled");
    s.advance(Duration::seconds(1));
    assert_eq!(admin_service::maintenance::tick(state).await.unwrap(), 1);
    assert_eq!(
        admin_service::maintenance::tick(state).await.unwrap(),
        0,
        "a move happens once"
    );
    assert_eq!(status(&s.get(WINDOWS, Some(&op)).await), "in_progress");
    // An in-progress window can no longer be cancelled or moved.
    s.call(Method::DELETE, &format!("{WINDOWS}/{id}"), Some(&op), None)
        .await
        .assert_problem(409, "conflict");
    s.advance(Duration::hours(2));
    let op = s.sign_in_demo(OPERATOR).await;
    assert_eq!(status(&s.get(WINDOWS, Some(&op)).await), "completed");

    let kinds: Vec<String> = notifications(&s, MANAGER)
        .await
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        kinds,
        [
            "maintenance_announced",
            "maintenance_starting",
            "maintenance_started",
            "maintenance_completed"
        ]
    );
    let (_, announced) = &notifications(&s, MANAGER).await[0];
    assert_eq!(
        announced,
        "Maintenance announced: Kernel update (Mon 2 Mar 2026 21:00-23:00 Helsinki time)"
    );
    // Operators are not account managers.
    assert!(notifications(&s, OPERATOR).await.is_empty());
}

/// Editing: text freely, times only within the rules (4S-MAINT-CAP) and re-announced.
#[tokio::test]
async fn four_s_maint_cap_edit_is_checked_and_replaces_the_old_window() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let made = create(
        &s,
        &op,
        body("Edit me", hel(2026, 3, 10, 20, 0), hel(2026, 3, 11, 3, 0)),
    )
    .await;
    let id = made.body[0]["id"].as_i64().unwrap();
    let path = format!("{WINDOWS}/{id}");
    // Growing from 7 h to 8 h is fine: the old 7 h don't count twice.
    s.advance(Duration::minutes(10));
    let grown = s
        .call(
            Method::PATCH,
            &path,
            Some(&op),
            Some(json!({"ends_at": hel(2026, 3, 11, 4, 0), "title": "Edited"})),
        )
        .await;
    assert_eq!(grown.status, StatusCode::OK, "{grown:?}");
    assert_eq!(grown.body["title"], "Edited");
    assert_eq!(parse_time(&grown.body["announced_at"]), s.now());
    let too_long = s
        .call(
            Method::PATCH,
            &path,
            Some(&op),
            Some(json!({"ends_at": hel(2026, 3, 11, 5, 0)})),
        )
        .await;
    too_long.assert_problem(422, "policy_violation");
    assert_eq!(clauses(&too_long), ["4S-MAINT-CAP"]);
    s.call(Method::DELETE, &path, Some(&op), None).await;
    s.call(Method::PATCH, &path, Some(&op), Some(json!({"title": "x"})))
        .await
        .assert_problem(409, "conflict");
    s.call(
        Method::PATCH,
        &format!("{WINDOWS}/99999"),
        Some(&op),
        Some(json!({})),
    )
    .await
    .assert_problem(404, "not_found");
}

/// 4S-MAINT-WINDOW: a fortnightly Tuesday 21:00-23:00 series stays on Helsinki time over
/// the March DST change, and a series that overfills a month is refused whole.
#[tokio::test]
async fn four_s_maint_window_recurring_series_in_helsinki_time() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let mut b = body(
        "Patch Tuesday",
        hel(2026, 3, 17, 21, 0),
        hel(2026, 3, 17, 23, 0),
    );
    b["recurrence"] = json!("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3");
    let made = create(&s, &op, b).await;
    assert_eq!(made.status, StatusCode::CREATED, "{made:?}");
    let starts: Vec<String> = made
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["starts_at"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        starts.iter().map(|t| &t[..16]).collect::<Vec<_>>(),
        ["2026-03-17T19:00", "2026-03-31T18:00", "2026-04-14T18:00"]
    );
    let mut daily = body("Nightly", hel(2026, 5, 1, 21, 0), hel(2026, 5, 1, 23, 0));
    daily["recurrence"] = json!("FREQ=DAILY;COUNT=5");
    let refused = create(&s, &op, daily).await;
    refused.assert_problem(422, "policy_violation");
    assert_eq!(
        refused.body["violations"][0]["message"],
        "May 2026 would have 10 h of maintenance; the cap is 8 h"
    );
    let mut bad = body("Bad", hel(2026, 5, 1, 21, 0), hel(2026, 5, 1, 23, 0));
    bad["recurrence"] = json!("FREQ=WEEKLY");
    assert_eq!(create(&s, &op, bad).await.field(), Some("recurrence"));
}

/// 4S-MAINT-NOTICE and 4S-CHANGE-NOTICE: the sign-in page (no sign-in needed) lists
/// maintenance starting within 7 days and larger changes announced 7 days ahead.
#[tokio::test]
async fn four_s_change_notice_and_announcements() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    create(
        &s,
        &op,
        body("Soon", hel(2026, 3, 5, 21, 0), hel(2026, 3, 5, 22, 0)),
    )
    .await;
    create(
        &s,
        &op,
        body("Later", hel(2026, 3, 12, 21, 0), hel(2026, 3, 12, 22, 0)),
    )
    .await;
    let early = s
        .post("/api/v1/releases", Some(&op), json!({"title": "Big", "ships_at": s.now() + Duration::days(7) - Duration::minutes(1), "larger_change": true}))
        .await;
    early.assert_problem(422, "policy_violation");
    assert_eq!(clauses(&early), ["4S-CHANGE-NOTICE"]);
    let big = s
        .post("/api/v1/releases", Some(&op), json!({"title": "Big", "description": "New views", "ships_at": s.now() + Duration::days(7), "larger_change": true}))
        .await;
    assert_eq!(big.status, StatusCode::CREATED, "{big:?}");
    let small = s
        .post(
            "/api/v1/releases",
            Some(&op),
            json!({"title": "Small", "ships_at": s.now() + Duration::days(1)}),
        )
        .await;
    assert_eq!(small.status, StatusCode::CREATED, "{small:?}");

    let a = s.get("/api/v1/announcements", None).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let titles: Vec<(&str, &str)> = a
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["kind"].as_str().unwrap(), x["title"].as_str().unwrap()))
        .collect();
    assert_eq!(titles, [("maintenance", "Soon"), ("larger_change", "Big")]);
    // Six days on, "Later" is within the week; "Soon" is over.
    s.advance(Duration::days(6));
    let a = s.get("/api/v1/announcements", None).await;
    let titles: Vec<&str> = a
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Big", "Later"]);
}

/// The iCalendar feed: text/calendar with UTC times and every window, cancelled ones marked.
#[tokio::test]
async fn icalendar_feed_lists_the_windows() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let made = create(
        &s,
        &op,
        body(
            "Feed, test; one",
            hel(2026, 3, 3, 21, 0),
            hel(2026, 3, 3, 22, 0),
        ),
    )
    .await;
    let id = made.body[0]["id"].as_i64().unwrap();
    s.call(Method::DELETE, &format!("{WINDOWS}/{id}"), Some(&op), None)
        .await;
    let a = s.get("/api/v1/maintenance-windows.ics", Some(&op)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(
        a.content_type.as_deref(),
        Some("text/calendar; charset=utf-8")
    );
    assert!(a
        .text
        .contains(&format!("UID:maintenance-{id}@admin-console\r\n")));
    assert!(a.text.contains("DTSTART:20260303T190000Z\r\n"));
    assert!(a.text.contains("SUMMARY:Feed\\, test\\; one\r\n"));
    assert!(a.text.contains("STATUS:CANCELLED\r\n"));
    s.get("/api/v1/maintenance-windows.ics", None)
        .await
        .assert_problem(401, "unauthenticated");
}

/// Clause 4S-MAINT-CAP in the demo: past and upcoming windows, no month over the cap,
/// and one month close to it.
/// Clauses 4S-MAINT-CAP, 4S-MAINT-NOTICE, 4S-MAINT-WINDOW and 4S-CHANGE-NOTICE: the demo
/// keeps its promises whatever day it is first opened: a past, an upcoming and a cancelled
/// window, every window within the rules next to the others, next month close to the cap but
/// within it, and both releases announced in time. Seeded at a month's last day, at each DST
/// change, on 29 February and on New Year's Eve (Helsinki times).
#[tokio::test]
async fn four_s_maint_cap_demo_calendar_holds_on_any_date() {
    use admin_policy::maintenance::{check_change, check_window, BusinessHours};
    let dates = [
        hel(2026, 11, 30, 12, 0),
        hel(2026, 1, 31, 23, 30),
        hel(2026, 3, 29, 4, 30),
        hel(2026, 10, 25, 3, 30),
        hel(2028, 2, 29, 8, 0),
        hel(2026, 12, 31, 23, 59),
        hel(2026, 3, 2, 11, 0),
    ];
    for now in dates {
        let s = TestService::start_at(now).await;
        let op = s.sign_in_demo(OPERATOR).await;
        let a = s.get(WINDOWS, Some(&op)).await;
        assert_eq!(a.status, StatusCode::OK, "{now}: {a:?}");
        let rows = a.body.as_array().unwrap();
        let windows: Vec<Window> = rows
            .iter()
            .map(|w| Window {
                id: w["id"].as_i64(),
                announced_at: Some(parse_time(&w["announced_at"])),
                cancelled: w["status"] == "cancelled",
                ..Window::new(parse_time(&w["starts_at"]), parse_time(&w["ends_at"]))
            })
            .collect();
        for (w, row) in windows.iter().zip(rows) {
            let breaches = check_window(w, &windows, BusinessHours::default());
            assert!(breaches.is_empty(), "{now}: {row} breaks {breaches:?}");
            let expected = if w.cancelled {
                "cancelled"
            } else if w.ends_at <= now {
                "completed"
            } else if w.starts_at <= now {
                "in_progress"
            } else {
                "scheduled"
            };
            assert_eq!(row["status"], expected, "{now}: {row}");
            assert!(
                w.announced_at.unwrap() <= now,
                "{now}: announced later: {row}"
            );
        }
        let live = || windows.iter().filter(|w| !w.cancelled);
        assert!(live().any(|w| w.ends_at < now), "{now}: a past window");
        assert!(
            live().any(|w| w.starts_at > now),
            "{now}: an upcoming window"
        );
        assert!(
            windows.iter().any(|w| w.cancelled),
            "{now}: a cancelled window"
        );
        let next = Month::of(now).next();
        let in_next: i64 = live()
            .map(|w| {
                let from = w.starts_at.max(next.starts_at());
                let to = w.ends_at.min(next.ends_at());
                (to - from).num_seconds().max(0)
            })
            .sum();
        assert!(
            (7 * 3600..=8 * 3600).contains(&in_next),
            "{now}: next month is close to the cap but within it: {in_next} s"
        );
        let releases: Vec<(bool, DateTime<Utc>, DateTime<Utc>)> = admin_service::db::query_as(
            "SELECT larger_change, announced_at, ships_at FROM releases",
        )
        .fetch_all(s.db())
        .await
        .unwrap();
        assert!(releases.iter().any(|r| r.0), "{now}: a larger change");
        for (larger, announced_at, ships_at) in releases {
            assert!(
                announced_at <= now && ships_at > now,
                "{now}: coming, announced"
            );
            assert_eq!(
                check_change(larger, Some(announced_at), ships_at),
                None,
                "{now}"
            );
        }
    }
}

async fn series(
    s: &TestService,
    op: &str,
    title: &str,
    rule: &str,
    first: (DateTime<Utc>, DateTime<Utc>),
) -> Vec<Value> {
    let mut b = body(title, first.0, first.1);
    b["recurrence"] = json!(rule);
    let made = create(s, op, b).await;
    assert_eq!(made.status, StatusCode::CREATED, "{made:?}");
    made.body.as_array().unwrap().clone()
}

fn ids(windows: &Value) -> Vec<i64> {
    windows
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_i64().unwrap())
        .collect()
}

/// Clause 4S-MAINT-WINDOW: every occurrence names its series and rule; editing the whole
/// series moves each occurrence by the same Helsinki wall-clock shift, across the October
/// change, and renames them all; "this and following" leaves the earlier ones.
#[tokio::test]
async fn four_s_maint_window_series_edited_whole_or_from_an_occurrence() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let rule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=3";
    let made = series(
        &s,
        &op,
        "Patch Tuesday",
        rule,
        (hel(2027, 9, 14, 21, 0), hel(2027, 9, 14, 23, 0)),
    )
    .await;
    let first = made[0]["id"].as_i64().unwrap();
    for w in &made {
        assert_eq!(w["series_id"], first, "{w}");
        assert_eq!(w["recurrence"], rule);
    }
    // Every occurrence, moved 21:00-23:00 -> 22:00-23:30 by editing the first.
    let all = s
        .call(
            Method::PATCH,
            &format!("{WINDOWS}/{first}/series"),
            Some(&op),
            Some(json!({"scope": "all", "title": "Patch night",
                "starts_at": hel(2027, 9, 14, 22, 0), "ends_at": hel(2027, 9, 14, 23, 30)})),
        )
        .await;
    assert_eq!(all.status, StatusCode::OK, "{all:?}");
    let got: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = all
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["title"].as_str().unwrap().to_string(),
                parse_time(&w["starts_at"]),
                parse_time(&w["ends_at"]),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Patch night".into(),
                hel(2027, 9, 14, 22, 0),
                hel(2027, 9, 14, 23, 30)
            ),
            (
                "Patch night".into(),
                hel(2027, 10, 12, 22, 0),
                hel(2027, 10, 12, 23, 30)
            ),
            (
                "Patch night".into(),
                hel(2027, 11, 9, 22, 0),
                hel(2027, 11, 9, 23, 30)
            ),
        ]
    );
    // After the October change Helsinki is UTC+2: 22:00 local is 20:00 UTC.
    assert_eq!(got[2].1.to_rfc3339(), "2027-11-09T20:00:00+00:00");
    // From the second on: the first keeps its title.
    let second = made[1]["id"].as_i64().unwrap();
    let following = s
        .call(
            Method::PATCH,
            &format!("{WINDOWS}/{second}/series"),
            Some(&op),
            Some(json!({"scope": "following", "impact": "API read-only"})),
        )
        .await;
    assert_eq!(
        ids(&following.body),
        [second, made[2]["id"].as_i64().unwrap()]
    );
    let list = s.get(WINDOWS, Some(&op)).await;
    let impacts: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["series_id"] == first)
        .map(|w| w["impact"].as_str().unwrap())
        .collect();
    assert_eq!(impacts, ["Short pauses", "API read-only", "API read-only"]);
}

/// Clause 4S-MAINT-CAP: a series moved so that a month would pass the cap is refused whole
/// with the clause; nothing moves.
#[tokio::test]
async fn four_s_maint_cap_series_edit_checked_as_one_batch() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    // Four Tuesdays of June at 2 h each: 8 h, exactly the cap.
    let made = series(
        &s,
        &op,
        "Weekly",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        (hel(2026, 6, 2, 21, 0), hel(2026, 6, 2, 23, 0)),
    )
    .await;
    let first = made[0]["id"].as_i64().unwrap();
    let longer = s
        .call(
            Method::PATCH,
            &format!("{WINDOWS}/{first}/series"),
            Some(&op),
            Some(json!({"scope": "all", "starts_at": hel(2026, 6, 2, 21, 0), "ends_at": hel(2026, 6, 2, 23, 1)})),
        )
        .await;
    longer.assert_problem(422, "policy_violation");
    assert_eq!(clauses(&longer), ["4S-MAINT-CAP"]);
    let list = s.get(WINDOWS, Some(&op)).await;
    assert!(list
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["series_id"] == first)
        .all(|w| parse_time(&w["ends_at"]) - parse_time(&w["starts_at"]) == Duration::hours(2)));
    // The same length, an hour later each time, fits.
    let later = s
        .call(
            Method::PATCH,
            &format!("{WINDOWS}/{first}/series"),
            Some(&op),
            Some(json!({"scope": "all", "starts_at": hel(2026, 6, 2, 22, 0), "ends_at": hel(2026, 6, 3, 0, 0)})),
        )
        .await;
    assert_eq!(later.status, StatusCode::OK, "{later:?}");
}

/// Clause 4S-MAINT-CAP: cancelling one occurrence, the following ones or the whole series
/// frees their time; a window outside any series is a series of one.
#[tokio::test]
async fn four_s_maint_cap_series_cancelled_from_an_occurrence_or_whole() {
    let s = TestService::start().await;
    let op = s.sign_in_demo(OPERATOR).await;
    let made = series(
        &s,
        &op,
        "Weekly",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=4",
        (hel(2026, 6, 2, 21, 0), hel(2026, 6, 2, 23, 0)),
    )
    .await;
    let id = |i: usize| made[i]["id"].as_i64().unwrap();
    // One occurrence: the ordinary cancel.
    let one = s.delete(&format!("{WINDOWS}/{}", id(0)), Some(&op)).await;
    assert_eq!(one.body["status"], "cancelled");
    let following = s
        .delete(
            &format!("{WINDOWS}/{}/series?scope=following", id(2)),
            Some(&op),
        )
        .await;
    assert_eq!(following.status, StatusCode::OK, "{following:?}");
    assert_eq!(ids(&following.body), [id(2), id(3)]);
    let statuses = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|w| w["series_id"] == id(0))
            .map(|w| w["status"].as_str().unwrap().to_string())
            .collect()
    };
    let list = s.get(WINDOWS, Some(&op)).await;
    assert_eq!(
        statuses(&list.body),
        ["cancelled", "scheduled", "cancelled", "cancelled"]
    );
    // The freed time takes a 6 h window in June again.
    let fits = create(
        &s,
        &op,
        body(
            "Long night",
            hel(2026, 6, 20, 22, 0),
            hel(2026, 6, 21, 4, 0),
        ),
    )
    .await;
    assert_eq!(fits.status, StatusCode::CREATED, "{fits:?}");
    let single = fits.body[0]["id"].as_i64().unwrap();
    assert_eq!(fits.body[0]["series_id"], Value::Null);
    let alone = s
        .delete(&format!("{WINDOWS}/{single}/series?scope=all"), Some(&op))
        .await;
    assert_eq!(ids(&alone.body), [single]);
    // Already cancelled: nothing to cancel from there.
    s.delete(&format!("{WINDOWS}/{}/series?scope=all", id(0)), Some(&op))
        .await
        .assert_problem(409, "conflict");
    s.delete(&format!("{WINDOWS}/{}/series?scope=some", id(1)), Some(&op))
        .await
        .assert_problem(400, "invalid_input");
    let manager = s.sign_in_demo(MANAGER).await;
    s.delete(
        &format!("{WINDOWS}/{}/series?scope=all", id(1)),
        Some(&manager),
    )
    .await
    .assert_problem(403, "forbidden");
    assert!(notifications(&s, MANAGER)
        .await
        .iter()
        .any(|(_, m)| m.starts_with("Maintenance cancelled: Weekly (2 windows from")));
}
