//! Time from a first sign-in to every panel usable offline (issue 25): a demo service with
//! 10,000 more users and 1,000,000 audit events, a fresh console cache, and one "Sync
//! everything" timed part by part. It asserts the copies are whole (every user, the audit
//! log caught up) before it prints the times. Not part of the test run:
//!
//!     cargo run --release -p admin-console-core --example offline_bench -- 10000 1000000

mod common;

use admin_cache::AuditQuery;
use admin_console_core::console::Notifier;
use admin_console_core::host::Host;
use admin_console_core::offline::{self, FullSyncProgress, SyncPart};
use admin_console_core::roles::UserFilter;
use admin_console_core::views::{Connection, SessionEnded};
use admin_service::demo;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// When each part started, as the progress bar hears it.
struct Parts(Mutex<Vec<(Option<SyncPart>, Instant)>>);

impl Notifier for Parts {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
    fn full_sync_progress(&self, progress: FullSyncProgress) {
        self.0.lock().unwrap().push((progress.part, Instant::now()));
    }
}

async fn seed_users(db: &admin_service::db::Db, n: i64) -> anyhow::Result<()> {
    let (account, hash): (i64, String) = admin_service::db::query_as(
        "SELECT account_id, password_hash FROM users WHERE account_id IS NOT NULL LIMIT 1",
    )
    .fetch_one(db)
    .await?;
    let now = chrono::Utc::now();
    let mut tx = admin_service::db::begin_write(db).await?;
    for i in 0..n {
        let name = format!("bench-user-{i}@demo.example");
        let id: i64 = admin_service::db::query_scalar(
            "INSERT INTO users (username, display_name, email, phone, account_id, password_hash, blocked, created_at) \
             VALUES (?, ?, ?, NULL, ?, ?, 0, ?) RETURNING id",
        )
        .bind(&name)
        .bind(format!("Bench User {i}"))
        .bind(&name)
        .bind(account)
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        admin_service::db::query(
            "INSERT INTO role_assignments (user_id, role, scope_level, scope_id, granted_at) \
             VALUES (?, 'viewer', 'account', ?, ?)",
        )
        .bind(id)
        .bind(account)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<u64>());
    let users = args.next().transpose()?.unwrap_or(10_000);
    let events = args.next().transpose()?.unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let now = chrono::Utc::now();
    let started = Instant::now();
    let db = common::service_db(dir.path()).await?;
    demo::seed_if_empty(&db, now).await?;
    seed_users(&db, users as i64).await?;
    demo::seed_audit(&db, events, now).await?;
    demo::seed_recent_history(&db, now).await?;
    demo::seed_backup_history(&db, now).await?;
    println!(
        "seeded {users} more users and {events} audit events in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let service = common::serve(db).await?;
    let parts = Arc::new(Parts(Mutex::new(Vec::new())));
    let console = common::console(dir.path(), parts.clone()).await?;
    let signed_in = Instant::now();
    common::sign_in_manager(&console, service.base_url()).await?;
    let report = offline::sync_everything(&console).await?;
    let done = Instant::now();

    // Whole before fast: nothing refused, every user the manager may see kept, and the
    // audit log caught up with the service.
    anyhow::ensure!(report.not_synced.is_empty(), "{:?}", report.not_synced);
    // Caught up: a second sync brings only the few events the first one's reads added.
    let again = admin_console_core::audit::audit_sync_now(&console).await?;
    anyhow::ensure!(again.new_in_last_sync < 1_000, "{again:?}");
    service.stop().await?;
    let kept = admin_console_core::roles::roles_list_users(&console, UserFilter::default()).await?;
    anyhow::ensure!(kept.from_cache, "the service is gone, so this is the copy");
    anyhow::ensure!(
        kept.users.len() as u64 >= users,
        "{} users kept",
        kept.users.len()
    );
    let profile = console.profile_id().await.expect("signed in");
    let cached = console
        .cache()
        .count_audit_events(&profile, &AuditQuery::default())
        .await?;
    anyhow::ensure!(
        cached as u64 >= events * 9 / 10,
        "{cached} audit events kept of {events} seeded (the manager sees their account's)"
    );

    let parts = parts.0.lock().unwrap().clone();
    let audit_started = parts
        .iter()
        .find(|(part, _)| *part == Some(SyncPart::AuditLog))
        .map(|(_, at)| *at)
        .expect("the audit log is a part");
    println!("| part | seconds |");
    println!("|---|---|");
    for window in parts.windows(2) {
        if let (Some(part), _) = window[0] {
            println!(
                "| {part:?} | {:.1} |",
                (window[1].1 - window[0].1).as_secs_f64()
            );
        }
    }
    println!(
        "| from sign-in: every panel but the audit log usable offline ({} users kept) | **{:.1}** |",
        kept.users.len(),
        (audit_started - signed_in).as_secs_f64()
    );
    println!(
        "| from sign-in: and the audit log ({cached} events) | **{:.1}** |",
        (done - signed_in).as_secs_f64()
    );
    println!(
        "cache size: {:.0} MB; load average: {}",
        console.cache().size_bytes().await? as f64 / 1e6,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    Ok(())
}
