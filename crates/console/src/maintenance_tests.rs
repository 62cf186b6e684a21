//! The maintenance panel against the embedded service, and its pure rules.

use super::*;
use crate::test_support::{sign_in, DemoService, TestConsole};
use admin_service::demo;
use chrono::Duration;

use admin_policy::maintenance::helsinki_at as hel;

fn stored(id: i64, s: DateTime<Utc>, e: DateTime<Utc>) -> MaintenanceWindow {
    MaintenanceWindow {
        id,
        title: format!("w{id}"),
        description: String::new(),
        impact: String::new(),
        affected_components: vec![],
        starts_at: s,
        ends_at: e,
        status: MaintenanceStatus::Scheduled,
        announced_at: Some(s - Duration::days(30)),
        routine: true,
        series_id: None,
        recurrence: None,
    }
}

/// Clause 4S-MAINT-CAP: the console's budgets and live check use the service's rule.
#[test]
fn four_s_maint_cap_budget_and_live_check() {
    let now = hel(2027, 3, 1, 12, 0);
    let known = vec![
        stored(1, hel(2027, 3, 2, 21, 0), hel(2027, 3, 3, 4, 0)),
        stored(2, hel(2027, 4, 6, 21, 0), hel(2027, 4, 6, 22, 0)),
    ];
    let o = overview(known.clone(), now);
    assert_eq!((o.this_month.month, o.this_month.used_minutes), (3, 420));
    assert_eq!((o.next_month.month, o.next_month.used_minutes), (4, 60));
    assert_eq!(o.next_window.unwrap().id, 1);
    let draft = |s, e| MaintenanceDraft {
        id: None,
        starts_at: s,
        ends_at: e,
        recurrence: None,
        scope: None,
    };
    let fits = check(
        &draft(hel(2027, 3, 9, 21, 0), hel(2027, 3, 9, 22, 0)),
        &known,
        now,
    )
    .unwrap();
    assert!(fits.violations.is_empty() && fits.routine);
    let over = check(
        &draft(hel(2027, 3, 9, 21, 0), hel(2027, 3, 9, 22, 1)),
        &known,
        now,
    )
    .unwrap();
    assert_eq!(over.violations[0].clause, "4S-MAINT-CAP");
    assert_eq!(
        over.violations[0].message,
        "March 2027 would have 8 h 1 min of maintenance; the cap is 8 h"
    );
    // Editing window 1 does not count its old self.
    let edit = MaintenanceDraft {
        id: Some(1),
        ..draft(hel(2027, 3, 2, 21, 0), hel(2027, 3, 3, 5, 0))
    };
    assert!(check(&edit, &known, now).unwrap().violations.is_empty());
}

/// Clauses 4S-MAINT-WINDOW and 4S-MAINT-NOTICE in the dialog's check, and a series.
#[test]
fn four_s_maint_notice_live_check_and_series() {
    let now = hel(2027, 3, 1, 12, 0);
    let day = MaintenanceDraft {
        id: None,
        starts_at: hel(2027, 3, 5, 10, 0),
        ends_at: hel(2027, 3, 5, 11, 0),
        recurrence: None,
        scope: None,
    };
    let c = check(&day, &[], now).unwrap();
    assert!(!c.routine);
    let clauses: Vec<&str> = c.violations.iter().map(|v| v.clause.as_str()).collect();
    assert_eq!(clauses, ["4S-MAINT-WINDOW", "4S-MAINT-NOTICE"]);
    let series = MaintenanceDraft {
        recurrence: Some("FREQ=WEEKLY;COUNT=4".into()),
        starts_at: hel(2027, 3, 2, 21, 0),
        ends_at: hel(2027, 3, 2, 23, 30),
        ..day
    };
    let c = check(&series, &[], now).unwrap();
    assert_eq!(c.occurrences, 4);
    assert_eq!(
        c.violations[0].message,
        "March 2027 would have 10 h of maintenance; the cap is 8 h"
    );
    let bad = MaintenanceDraft {
        recurrence: Some("FREQ=HOURLY".into()),
        ..series
    };
    assert!(matches!(
        check(&bad, &[], now),
        Err(CommandError::InvalidInput { field: Some(f), .. }) if f == "recurrence"
    ));
}

/// Clause 4S-MAINT-CAP: editing a series checks every occurrence it moves in its new
/// place, and not its old self; "this and following" leaves the earlier ones alone.
#[test]
fn four_s_maint_cap_live_check_of_a_series_edit() {
    let now = hel(2027, 3, 1, 12, 0);
    let member = |id, d| MaintenanceWindow {
        series_id: Some(1),
        recurrence: Some("FREQ=WEEKLY;COUNT=4".into()),
        ..stored(id, hel(2027, 6, d, 21, 0), hel(2027, 6, d, 23, 0))
    };
    // Four Tuesdays of June, 2 h each: exactly the 8 h cap.
    let known = vec![member(1, 1), member(2, 8), member(3, 15), member(4, 22)];
    let edit = |id, scope, minutes| MaintenanceDraft {
        id: Some(id),
        starts_at: known[id as usize - 1].starts_at,
        ends_at: known[id as usize - 1].ends_at + Duration::minutes(minutes),
        recurrence: None,
        scope,
    };
    let same = check(&edit(1, Some(SeriesScope::All), 0), &known, now).unwrap();
    assert_eq!((same.occurrences, same.violations.len()), (4, 0));
    let all = check(&edit(1, Some(SeriesScope::All), 1), &known, now).unwrap();
    assert_eq!(all.occurrences, 4);
    assert_eq!(
        all.violations[0].message,
        "June 2027 would have 8 h 4 min of maintenance; the cap is 8 h"
    );
    let following = check(&edit(3, Some(SeriesScope::Following), 1), &known, now).unwrap();
    assert_eq!(following.occurrences, 2);
    assert_eq!(
        following.violations[0].message,
        "June 2027 would have 8 h 2 min of maintenance; the cap is 8 h"
    );
    let one = check(&edit(3, None, 1), &known, now).unwrap();
    assert_eq!(one.occurrences, 1);
    assert_eq!(one.violations[0].clause, "4S-MAINT-CAP");
}

/// The console against the demo service: the operator's refusal keeps its clauses,
/// the windows are cached and exported as iCalendar.
#[tokio::test]
async fn four_s_maint_cap_console_round_trip_refusal_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let console = TestConsole::new().open(dir.path()).await;
    let url = console.open_demo().await.unwrap().profile.url;
    sign_in(&console, &url, demo::OPERATOR).await;
    let o = crate::maintenance::maintenance_overview(&console)
        .await
        .unwrap();
    assert!(!o.windows.is_empty() && !o.from_cache);
    let start = Utc::now() + Duration::days(500);
    let err = crate::maintenance::create_maintenance(
        &console,
        NewMaintenanceWindow {
            title: "Too long".into(),
            description: String::new(),
            impact: String::new(),
            affected_components: vec![],
            starts_at: start,
            ends_at: start + Duration::hours(9),
            recurrence: None,
        },
    )
    .await
    .unwrap_err();
    match err {
        CommandError::PolicyViolation { violations, .. } => {
            assert!(violations.iter().any(|v| v.clause == "4S-MAINT-CAP"))
        }
        other => panic!("{other:?}"),
    }
    let path = dir.path().join("maintenance.ics");
    crate::maintenance::export_maintenance(&console, &path)
        .await
        .unwrap();
    let ics = std::fs::read_to_string(path).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), o.windows.len());

    // A weekly series far ahead: renamed whole, then cut short from its second occurrence.
    let day = (Utc::now() + Duration::days(600))
        .with_timezone(&admin_policy::maintenance::HELSINKI)
        .date_naive();
    let first = admin_policy::maintenance::helsinki_to_utc(day.and_hms_opt(21, 0, 0).unwrap());
    let made = crate::maintenance::create_maintenance(
        &console,
        NewMaintenanceWindow {
            title: "Patch night".into(),
            description: String::new(),
            impact: String::new(),
            affected_components: vec![],
            starts_at: first,
            ends_at: first + Duration::hours(1),
            recurrence: Some("FREQ=WEEKLY;COUNT=3".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(made.len(), 3);
    let renamed = crate::maintenance::maintenance_update_series(
        &console,
        made[1].id,
        SeriesPatch {
            scope: SeriesScope::All,
            patch: MaintenanceWindowPatch {
                title: Some("Patch evening".into()),
                ..MaintenanceWindowPatch::default()
            },
        },
    )
    .await
    .unwrap();
    assert!(renamed.len() == 3 && renamed.iter().all(|w| w.title == "Patch evening"));
    let cancelled =
        crate::maintenance::maintenance_cancel_series(&console, made[1].id, SeriesScope::Following)
            .await
            .unwrap();
    assert_eq!(
        cancelled
            .iter()
            .map(|w| (w.id, w.status))
            .collect::<Vec<_>>(),
        [
            (made[1].id, MaintenanceStatus::Cancelled),
            (made[2].id, MaintenanceStatus::Cancelled)
        ]
    );
}

/// Offline, the panel shows the cached calendar and says when it was fetched.
#[tokio::test]
async fn offline_shows_the_cached_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let service = DemoService::new().start(dir.path()).await;
    let console = TestConsole::new()
        .signed_in(
            &dir.path().join("console"),
            &service.base_url(),
            demo::MANAGER,
        )
        .await;
    let online = crate::maintenance::maintenance_overview(&console)
        .await
        .unwrap();
    assert!(!online.from_cache);
    service.stop().await.unwrap();
    let offline = crate::maintenance::maintenance_overview(&console)
        .await
        .unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.windows, online.windows);
    assert_eq!(offline.fetched_at, online.fetched_at);
    assert_eq!(offline.this_month, online.this_month);
}
