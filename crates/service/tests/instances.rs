//! Two instances of the service on one PostgreSQL database (issue 23). These run when the
//! harness runs on PostgreSQL (`ADMIN_TEST_BACKEND=postgres`, as `scripts/test-all.sh` does);
//! on SQLite, which is one instance by design, they say they were skipped.

mod common;

use admin_api::audit::{AuditEvent, AuditOutcome, ChainVerifier};
use admin_service::audit::{self, NewEvent};
use admin_service::jobs::{self, Job};
use common::*;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// Clause FZ-AUDIT: 1,000 concurrent writes, half through each instance, stay one unforked
/// chain per partition: every link verifies and no `seq` is used twice.
#[tokio::test]
async fn fz_audit_chain_stays_one_chain_under_concurrent_writes_from_two_instances() {
    let a = TestService::start().await;
    let Some(b) = a.second_instance("fz_audit_chain_two_instances").await else {
        return;
    };
    let before: i64 = admin_service::db::query_scalar("SELECT COUNT(*) FROM audit_events")
        .fetch_one(a.db())
        .await
        .unwrap();
    let mut writes = tokio::task::JoinSet::new();
    for i in 0..1000i64 {
        let state = if i % 2 == 0 {
            a.running.state.clone()
        } else {
            b.running.state.clone()
        };
        writes.spawn(async move {
            audit::append(
                &state,
                NewEvent {
                    actor: Some(format!("writer-{i}")),
                    // Three partitions: the platform's chain and two accounts'.
                    account_id: [None, Some(1), Some(2)][(i % 3) as usize],
                    action: "POST /api/v1/test".into(),
                    target: format!("/api/v1/test/{i}"),
                    subject: None,
                    status: 200,
                    client_addr: None,
                },
            )
            .await
            .expect("append")
        });
    }
    while let Some(done) = writes.join_next().await {
        done.unwrap();
    }
    type Row = (
        i64,
        chrono::DateTime<chrono::Utc>,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        i64,
        Option<String>,
        Option<i64>,
        String,
        String,
    );
    let rows: Vec<Row> = admin_service::db::query_as(
        "SELECT seq, at, actor, action, target, subject, outcome, status, client_addr, account_id, prev_hash, hash \
         FROM audit_events ORDER BY seq",
    )
    .fetch_all(a.db())
    .await
    .unwrap();
    assert_eq!(rows.len() as i64, before + 1000, "every write is stored");
    let mut seen = HashSet::new();
    let mut verifier = ChainVerifier::default();
    for (
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
    ) in rows
    {
        assert!(seen.insert(seq), "seq {seq} used twice");
        let event = AuditEvent {
            seq,
            at,
            actor,
            action,
            target,
            subject,
            outcome: AuditOutcome::parse(&outcome),
            status: status as u16,
            client_addr,
            account_id,
            prev_hash,
            hash,
        };
        assert_eq!(
            verifier.check(&event),
            Ok(()),
            "chain forked or broken at {event:?}"
        );
    }
    b.stop().await;
}

/// Clause UQ-LOCKOUT-3: three wrong passwords, split over two instances, lock the user.
#[tokio::test]
async fn uq_lockout_3_failures_split_over_two_instances_lock_the_user() {
    let a = TestService::start().await;
    let Some(b) = a.second_instance("uq_lockout_3_two_instances").await else {
        return;
    };
    a.sign_in_raw(MANAGER, "wrong-password")
        .await
        .assert_problem(401, "invalid_credentials");
    b.sign_in_raw(MANAGER, "wrong-password")
        .await
        .assert_problem(401, "invalid_credentials");
    a.sign_in_raw(MANAGER, "wrong-password")
        .await
        .assert_problem(401, "invalid_credentials");
    b.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    a.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    b.stop().await;
}

/// Clause UQ-LOCKOUT-3: three wrong passwords sent at once, through both instances, are all
/// counted: none is lost to a count another instance read before it.
#[tokio::test]
async fn uq_lockout_3_concurrent_failures_over_two_instances_are_all_counted() {
    let a = TestService::start().await;
    let Some(b) = a
        .second_instance("uq_lockout_3_concurrent_two_instances")
        .await
    else {
        return;
    };
    let (x, y, z) = tokio::join!(
        a.sign_in_raw(MANAGER, "wrong-password"),
        b.sign_in_raw(MANAGER, "wrong-password"),
        b.sign_in_raw(MANAGER, "wrong-password"),
    );
    for answer in [x, y, z] {
        answer.assert_problem(401, "invalid_credentials");
    }
    a.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(423, "account_locked");
    b.stop().await;
}

/// A background job's round runs on one instance at a time: while one holds the job, the
/// other's round is skipped, and once it is done the job is free again.
#[tokio::test]
async fn a_job_round_runs_on_one_instance_at_a_time() {
    let a = TestService::start().await;
    let Some(b) = a.second_instance("job_round_two_instances").await else {
        return;
    };
    let running = Arc::new(AtomicU32::new(0));
    let ran = Arc::new(AtomicU32::new(0));
    let round = |running: Arc<AtomicU32>, ran: Arc<AtomicU32>| async move {
        assert_eq!(
            running.fetch_add(1, Ordering::SeqCst),
            0,
            "two rounds at once"
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        running.fetch_sub(1, Ordering::SeqCst);
        ran.fetch_add(1, Ordering::SeqCst);
        Ok::<_, sqlx::Error>(())
    };
    let (x, y) = tokio::join!(
        jobs::run_alone(a.db(), Job::Outbox, round(running.clone(), ran.clone())),
        jobs::run_alone(b.db(), Job::Outbox, round(running.clone(), ran.clone())),
    );
    let runs = [x.unwrap(), y.unwrap()];
    assert_eq!(
        runs.iter().filter(|r| r.is_some()).count(),
        1,
        "one instance ran the round"
    );
    assert_eq!(ran.load(Ordering::SeqCst), 1);
    let again = jobs::run_alone(b.db(), Job::Outbox, round(running.clone(), ran.clone()))
        .await
        .unwrap();
    assert!(again.is_some(), "the lock was released");
    b.stop().await;
}
