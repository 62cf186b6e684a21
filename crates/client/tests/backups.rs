//! Backup calls against the real service with the demo's 90 nights of history.

use admin_api::{
    BackupAlertKind, BackupStatus, NewRestoreRequest, ProblemCode, RestoreRequestPatch,
    RestoreScope, RestoreStatus, RetentionClass, Secret,
};
use admin_client::Client;
use admin_service::{demo, Config};

mod common;

async fn signed_in(url: &str, username: &str) -> Client {
    let client = Client::new(url).unwrap();
    let token = client
        .sign_in(username, &Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap()
        .token;
    client.with_token(token)
}

/// Clauses UQ-RESTORE-DRILL, FZ-BACKUP-DAILY and 4S-RESTORE-REQUEST: the history, its
/// failed drill with the reason, the missed night's alert, and a request the manager makes
/// and the operator estimates, with the service's refusals decoded.
#[tokio::test]
async fn uq_restore_drill_history_alerts_and_a_restore_request() {
    let (db, _dir) = common::demo_database().await;
    demo::seed_backup_history(&db, common::t0()).await.unwrap();
    let svc = common::serve(db, Config::default()).await;
    let manager = signed_in(&svc.base_url(), demo::MANAGER).await;
    let operator = signed_in(&svc.base_url(), demo::OPERATOR).await;

    let backups = manager.backups().await.unwrap();
    assert_eq!(backups.len(), 89, "90 nights, one missed");
    assert!(backups
        .windows(2)
        .all(|w| w[0].started_at >= w[1].started_at));
    assert!(backups.iter().all(|b| b.status == BackupStatus::Ok));
    let kept: Vec<_> = backups
        .iter()
        .filter(|b| b.retention != RetentionClass::Expired)
        .collect();
    assert_eq!(kept.len(), 11, "7 daily and 4 weekly");
    let one = manager.backup(kept[0].id).await.unwrap();
    assert_eq!(&one, kept[0]);

    let drills = manager.backup_drills().await.unwrap();
    let failed: Vec<_> = drills.iter().filter(|d| !d.passed).collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0]
        .reason
        .as_deref()
        .unwrap()
        .contains("audit_events"));
    let alerts = manager.backup_alerts().await.unwrap();
    let kinds: Vec<BackupAlertKind> = alerts.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&BackupAlertKind::MissedBackup));
    assert!(kinds.contains(&BackupAlertKind::FailedDrill));

    let account = manager.me().await.unwrap().account.unwrap().id;
    let channel = manager.channels(account).await.unwrap()[0].id;
    let created = manager
        .create_restore_request(&NewRestoreRequest {
            scope: RestoreScope::Channel,
            channel_id: Some(channel),
            backup_id: kept[0].id,
            note: Some("Orders from yesterday are gone".into()),
        })
        .await
        .unwrap();
    assert_eq!(created.status, RestoreStatus::Requested);
    assert_eq!(operator.restore_requests().await.unwrap()[0].id, created.id);

    let expired = backups
        .iter()
        .find(|b| b.retention == RetentionClass::Expired)
        .unwrap();
    let err = manager
        .create_restore_request(&NewRestoreRequest {
            scope: RestoreScope::Full,
            channel_id: None,
            backup_id: expired.id,
            note: None,
        })
        .await
        .unwrap_err();
    let problem = err.problem().unwrap();
    assert_eq!(
        (problem.code, problem.field.as_deref()),
        (ProblemCode::InvalidInput, Some("backup_id"))
    );

    let estimate = RestoreRequestPatch {
        status: RestoreStatus::Estimated,
        estimate_hours: Some(3.5),
        note: None,
    };
    let err = manager
        .update_restore_request(created.id, &estimate)
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().code, ProblemCode::Forbidden);
    let estimated = operator
        .update_restore_request(created.id, &estimate)
        .await
        .unwrap();
    assert_eq!(
        (estimated.status, estimated.estimate_hours),
        (RestoreStatus::Estimated, Some(3.5))
    );
    assert_eq!(estimated.steps.len(), 2);
}
