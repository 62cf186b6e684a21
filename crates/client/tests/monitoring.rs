//! Monitor management and incident notes against the real service, refusals included.

use admin_api::{MonitorKind, MonitorPatch, NewMonitor, ProblemCode, Secret};
use admin_client::Client;
use admin_service::{demo, Config};
use chrono::{Duration, DurationRound};

mod common;

#[tokio::test]
async fn operators_create_edit_pause_delete_monitors_and_annotate_incidents() {
    let (db, _dir) = common::demo_database().await;
    let svc = common::serve(db.clone(), Config::default()).await;
    let client = Client::new(&svc.base_url()).unwrap();
    let sign_in = |user: &'static str| {
        let client = client.clone();
        async move {
            let token = client
                .sign_in(user, &Secret::new(demo::DEMO_PASSWORD))
                .await
                .unwrap()
                .token;
            client.with_token(token)
        }
    };
    let op = sign_in(demo::OPERATOR).await;
    let made = op
        .create_monitor(&NewMonitor {
            name: "Status page".into(),
            kind: MonitorKind::Http,
            target: Some("https://status.example/health".into()),
            interval_s: Some(120),
            grace_s: None,
        })
        .await
        .unwrap();
    assert_eq!((made.interval_s, made.paused), (120, false));
    let paused = op
        .update_monitor(
            made.id,
            &MonitorPatch {
                paused: Some(true),
                name: Some("Status page (EU)".into()),
                ..MonitorPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (paused.name.as_str(), paused.paused),
        ("Status page (EU)", true)
    );
    // The service's refusals keep their field.
    let err = op
        .update_monitor(
            made.id,
            &MonitorPatch {
                interval_s: Some(5),
                ..MonitorPatch::default()
            },
        )
        .await
        .unwrap_err();
    let problem = err.problem().unwrap();
    assert_eq!(problem.code, ProblemCode::InvalidInput);
    assert_eq!(problem.field.as_deref(), Some("interval_s"));
    let builtin = op
        .monitors()
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.builtin)
        .unwrap();
    let err = op.delete_monitor(builtin.id).await.unwrap_err();
    assert_eq!(err.problem().unwrap().code, ProblemCode::Conflict);

    // An incident: one down sample an hour ago.
    let started = (common::t0() - Duration::hours(1))
        .duration_trunc(Duration::minutes(1))
        .unwrap();
    admin_service::db::query(
        "INSERT INTO monitor_samples (monitor_id, at, up) VALUES (?, ?, FALSE), (?, ?, TRUE)",
    )
    .bind(made.id)
    .bind(started.timestamp())
    .bind(made.id)
    .bind((started + Duration::minutes(5)).timestamp())
    .execute(&db)
    .await
    .unwrap();
    op.annotate_incident(made.id, started, "Certificate expired; renewed.")
        .await
        .unwrap();
    let incidents = op
        .incidents(made.id, started - Duration::days(1), common::t0())
        .await
        .unwrap();
    assert_eq!(
        incidents[0].note.as_deref(),
        Some("Certificate expired; renewed.")
    );
    let manager = sign_in(demo::MANAGER).await;
    let err = manager
        .annotate_incident(made.id, started, "Not mine to say")
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().code, ProblemCode::Forbidden);
    let err = manager.delete_monitor(made.id).await.unwrap_err();
    assert_eq!(err.problem().unwrap().code, ProblemCode::Forbidden);

    op.delete_monitor(made.id).await.unwrap();
    assert!(op.monitors().await.unwrap().iter().all(|m| m.id != made.id));
}
