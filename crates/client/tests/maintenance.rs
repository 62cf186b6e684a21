//! Maintenance calls against the real service (4S-MAINT-CAP refusal keeps its violations).

use admin_api::{
    MaintenanceStatus, MaintenanceWindowPatch, NewMaintenanceWindow, ProblemCode, Secret,
};
use admin_client::Client;
use admin_service::{demo, Config};
use chrono::Duration;

mod common;

/// Clause 4S-MAINT-CAP: a refused window comes back as a problem with its violations.
#[tokio::test]
async fn four_s_maint_cap_create_edit_cancel_and_refusal() {
    let (db, _dir) = common::demo_database().await;
    let svc = common::serve(db, Config::default()).await;
    let client = Client::new(&svc.base_url()).unwrap();
    let token = client
        .sign_in(demo::OPERATOR, &Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap()
        .token;
    let op = client.with_token(token);
    let seeded = op.maintenance_windows().await.unwrap().len();
    assert!(seeded > 0);
    // Far enough ahead that the demo's months are untouched; 9 h in one go breaks the cap.
    let start = common::t0() + Duration::days(400);
    let new = NewMaintenanceWindow {
        title: "Too long".into(),
        description: String::new(),
        impact: String::new(),
        affected_components: vec![],
        starts_at: start,
        ends_at: start + Duration::hours(9),
        recurrence: None,
    };
    let err = op.create_maintenance_window(&new).await.unwrap_err();
    let problem = err.problem().unwrap();
    assert_eq!(problem.code, ProblemCode::PolicyViolation);
    let violations = problem.violations.clone().unwrap();
    assert!(
        violations.iter().any(|v| v.clause == "4S-MAINT-CAP"),
        "{violations:?}"
    );

    let short = NewMaintenanceWindow {
        title: "Short".into(),
        ends_at: start + Duration::hours(1),
        ..new
    };
    // Daytime or not, 400 days is notice enough.
    let made = op.create_maintenance_window(&short).await.unwrap();
    assert_eq!(made.len(), 1);
    let edited = op
        .update_maintenance_window(
            made[0].id,
            &MaintenanceWindowPatch {
                title: Some("Renamed".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.title, "Renamed");
    let cancelled = op.cancel_maintenance_window(made[0].id).await.unwrap();
    assert_eq!(cancelled.status, MaintenanceStatus::Cancelled);
    assert_eq!(op.maintenance_windows().await.unwrap().len(), seeded + 1);
    let ics = op.maintenance_calendar().await.unwrap();
    assert!(ics.contains("SUMMARY:Renamed\r\n"));
    // Announcements need no sign-in.
    let anon = client.announcements().await.unwrap();
    assert!(anon.iter().all(|a| a.at > common::t0() - Duration::days(1)));
    svc.stop().await.unwrap();
}
