//! Over 500 lines: backups, drills, alerts and restore requests share one clock-driven fixture.
//! Nightly backups, retention, restore drills, alerts and restore requests, with the
//! injected clock standing in for the nights.

mod common;

use admin_service::backups::{self, BackupConfig};
use admin_service::db::{self, Db};
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn helsinki(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono_tz::Europe::Helsinki
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn config(s: &TestService) -> BackupConfig {
    BackupConfig::new(s.dir().join("backups"))
}

/// Moves the test clock to `at` (forward only).
fn set(s: &TestService, at: DateTime<Utc>) {
    let by = at - s.now();
    assert!(by >= Duration::zero(), "the clock only moves forward");
    s.advance(by);
}

async fn kinds_of_alerts(s: &TestService, token: &str) -> Vec<String> {
    let a = s.get("/api/v1/backup-alerts", Some(token)).await;
    a.body
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["kind"].as_str().unwrap().to_string())
        .collect()
}

/// Clause 4S-BACKUP-NIGHTLY: at 02:00 Helsinki the job copies the whole database, with a
/// manifest of checksum and rows per table, once a night.
#[tokio::test]
async fn four_s_backup_nightly_runs_once_at_two_helsinki_time() {
    let s = TestService::start().await;
    let c = config(&s);
    set(&s, helsinki(2026, 3, 3, 1, 59));
    backups::tick(&s.running.state, &c).await.unwrap();
    let op = s.sign_in_demo(OPERATOR).await;
    assert_eq!(
        s.get("/api/v1/backups", Some(&op)).await.body,
        json!([]),
        "not yet 02:00"
    );
    set(&s, helsinki(2026, 3, 3, 2, 0));
    backups::tick(&s.running.state, &c).await.unwrap();
    s.advance(Duration::minutes(5));
    backups::tick(&s.running.state, &c).await.unwrap();
    let list = s.get("/api/v1/backups", Some(&op)).await;
    let all = list.body.as_array().unwrap();
    assert_eq!(all.len(), 1, "{list:?}");
    let b = &all[0];
    assert_eq!(
        (b["status"].as_str(), b["retention"].as_str()),
        (Some("ok"), Some("daily"))
    );
    assert_eq!(b["local_date"], "2026-03-03");
    assert_eq!(b["row_counts"]["users"], 50);
    let file: String = admin_service::db::query_scalar("SELECT file FROM backups")
        .fetch_one(s.db())
        .await
        .unwrap();
    let manifest = backups::read_manifest(std::path::Path::new(&file)).unwrap();
    assert_eq!(Some(manifest.sha256.as_str()), b["sha256"].as_str());
    assert_eq!(
        backups::sha256_of(std::path::Path::new(&file))
            .await
            .unwrap(),
        manifest.sha256
    );
    assert_eq!(b["size_bytes"].as_u64(), Some(manifest.size_bytes));
}

/// Clause FZ-BACKUP-DAILY / UQ-BACKUP-DAILY: a night without a backup raises one alert,
/// and operators and account managers are notified.
#[tokio::test]
async fn fz_backup_daily_missed_night_raises_an_alert() {
    let s = TestService::start().await;
    let c = config(&s);
    set(&s, helsinki(2026, 3, 3, 2, 0));
    backups::tick(&s.running.state, &c).await.unwrap();
    // The service is down through the night of the 4th; it comes back on the 5th at 03:30.
    set(&s, helsinki(2026, 3, 5, 3, 30));
    backups::tick(&s.running.state, &c).await.unwrap();
    backups::tick(&s.running.state, &c).await.unwrap();
    let manager = s.sign_in_demo(MANAGER).await;
    let alerts = s.get("/api/v1/backup-alerts", Some(&manager)).await;
    let missed: Vec<&Value> = alerts
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "missed_backup")
        .collect();
    assert_eq!(missed.len(), 1, "{alerts:?}");
    assert!(missed[0]["message"]
        .as_str()
        .unwrap()
        .contains("2026-03-04"));
    let notified: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(DISTINCT user_id) FROM user_notifications WHERE kind = 'backup_alert' AND message LIKE '%2026-03-04%'",
    )
    .fetch_one(s.db())
    .await
    .unwrap();
    let managers_and_operators: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(DISTINCT user_id) FROM role_assignments WHERE role IN ('service_operator', 'account_manager')",
    )
    .fetch_one(s.db())
    .await
    .unwrap();
    assert_eq!(notified, managers_and_operators);
}

/// Clause UQ-RESTORE-DRILL: the drill restores the newest snapshot and records a pass; a
/// corrupted snapshot fails with the reason, and raises an alert.
#[tokio::test]
async fn uq_restore_drill_passes_then_catches_a_corrupted_snapshot() {
    let s = TestService::start().await;
    let c = config(&s);
    set(&s, helsinki(2026, 3, 3, 2, 0));
    backups::tick(&s.running.state, &c).await.unwrap(); // backup, then the first drill
    let op = s.sign_in_demo(OPERATOR).await;
    let drills = s.get("/api/v1/backup-drills", Some(&op)).await;
    assert_eq!(drills.body[0]["passed"], true, "{drills:?}");

    let file: String = admin_service::db::query_scalar("SELECT file FROM backups")
        .fetch_one(s.db())
        .await
        .unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&file, bytes).unwrap();
    backups::run_drill(&s.running.state, &c).await.unwrap();
    let drills = s.get("/api/v1/backup-drills", Some(&op)).await;
    let latest = &drills.body[0];
    assert_eq!(latest["passed"], false);
    assert!(
        latest["reason"]
            .as_str()
            .unwrap()
            .starts_with("checksum mismatch"),
        "{latest}"
    );
    assert!(kinds_of_alerts(&s, &op)
        .await
        .contains(&"failed_drill".to_string()));
}

/// Scratch databases of drills on this test's database still on the cluster (none on SQLite).
async fn scratch_databases(s: &TestService) -> i64 {
    if s.db().backend() != db::Backend::Postgres {
        return 0;
    }
    db::query_scalar(
        "SELECT COUNT(*) FROM pg_database WHERE datname LIKE CAST(current_database() AS TEXT) || '\\_drill\\_%'",
    )
    .fetch_one(s.db())
    .await
    .unwrap()
}

/// Clause UQ-RESTORE-DRILL: a restored copy whose rows disagree with the manifest fails the
/// drill with the table named; on PostgreSQL the scratch database is dropped either way.
#[tokio::test]
async fn uq_restore_drill_fails_when_rows_disagree_with_the_manifest() {
    let s = TestService::start().await;
    let c = config(&s);
    first_backup(&s).await;
    backups::run_drill(&s.running.state, &c).await.unwrap();
    assert_eq!(scratch_databases(&s).await, 0, "dropped after a pass");
    let file = snapshot_file(&s).await;
    let path = backups::manifest_path(std::path::Path::new(&file));
    let mut manifest: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    manifest["row_counts"]["users"] = json!(51);
    std::fs::write(&path, serde_json::to_vec(&manifest).unwrap()).unwrap();
    backups::run_drill(&s.running.state, &c).await.unwrap();
    let op = s.sign_in_demo(OPERATOR).await;
    let drills = s.get("/api/v1/backup-drills", Some(&op)).await;
    let passed: Vec<&Value> = drills
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["passed"])
        .collect();
    assert_eq!(passed, [false, true], "{drills:?}");
    assert_eq!(
        drills.body[0]["reason"],
        "table users: the manifest has 51 rows, the restored copy 50"
    );
    assert_eq!(scratch_databases(&s).await, 0, "dropped after a failure");
}

/// Clause 4S-BACKUP-NIGHTLY: after 40 nights across the end of October and its DST change,
/// exactly 7 daily and 4 weekly snapshots are kept on disk; the rest are pruned.
#[tokio::test]
async fn four_s_backup_nightly_retention_on_disk_across_month_and_dst() {
    let s = TestService::start().await;
    let c = config(&s);
    set(&s, helsinki(2026, 9, 25, 2, 0));
    for _ in 0..40 {
        backups::run_backup(&s.running.state, &c).await.unwrap();
        s.advance(Duration::days(1));
    }
    let op = s.sign_in_demo(OPERATOR).await;
    let list = s.get("/api/v1/backups", Some(&op)).await;
    let all = list.body.as_array().unwrap();
    assert_eq!(all.len(), 40);
    let dates = |class: &str| -> Vec<String> {
        all.iter()
            .filter(|b| b["retention"] == class)
            .map(|b| b["local_date"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        dates("daily"),
        [
            "2026-11-03",
            "2026-11-02",
            "2026-11-01",
            "2026-10-31",
            "2026-10-30",
            "2026-10-29",
            "2026-10-28"
        ]
    );
    assert_eq!(
        dates("weekly"),
        ["2026-10-25", "2026-10-18", "2026-10-11", "2026-10-04"]
    );
    let snapshots = std::fs::read_dir(&c.dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == backups::extension(s.db()))
        })
        .count();
    assert_eq!(snapshots, 11, "pruned files are deleted");
}

async fn step(s: &TestService, path: &str, token: &str, body: Value) -> Answer {
    s.call(Method::PATCH, path, Some(token), Some(body)).await
}

async fn first_backup(s: &TestService) -> i64 {
    let c = config(s);
    set(s, helsinki(2026, 3, 3, 2, 0));
    backups::run_backup(&s.running.state, &c).await.unwrap()
}

/// Clause 4S-RESTORE-REQUEST: requested -> estimated (hours) -> approved -> in progress ->
/// done, each step by the role it belongs to, and recorded.
#[tokio::test]
async fn four_s_restore_request_life_cycle_and_permissions() {
    let s = TestService::start().await;
    let backup = first_backup(&s).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let op = s.sign_in_demo(OPERATOR).await;
    let viewer = s.user_with_role("viewer").await;
    let viewer = s.sign_in_demo(&viewer).await;

    let ask = json!({"scope": "full", "backup_id": backup, "note": "Wrong import on Monday"});
    s.post("/api/v1/restore-requests", Some(&viewer), ask.clone())
        .await
        .assert_problem(403, "forbidden");
    s.post("/api/v1/restore-requests", Some(&op), ask.clone())
        .await
        .assert_problem(403, "forbidden");
    let created = s
        .post("/api/v1/restore-requests", Some(&manager), ask)
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{created:?}");
    assert_eq!(created.body["status"], "requested");
    let path = format!("/api/v1/restore-requests/{}", created.body["id"]);

    step(
        &s,
        &path,
        &manager,
        json!({"status": "estimated", "estimate_hours": 3}),
    )
    .await
    .assert_problem(403, "forbidden");
    step(&s, &path, &op, json!({"status": "estimated"}))
        .await
        .assert_problem(400, "invalid_input");
    let estimated = step(
        &s,
        &path,
        &op,
        json!({"status": "estimated", "estimate_hours": 3.5}),
    )
    .await;
    assert_eq!(
        (
            estimated.body["status"].as_str(),
            estimated.body["estimate_hours"].as_f64()
        ),
        (Some("estimated"), Some(3.5))
    );
    step(&s, &path, &op, json!({"status": "approved"}))
        .await
        .assert_problem(403, "forbidden");
    step(&s, &path, &manager, json!({"status": "done"}))
        .await
        .assert_problem(409, "conflict");
    assert_eq!(
        step(&s, &path, &manager, json!({"status": "approved"}))
            .await
            .body["status"],
        "approved"
    );
    assert_eq!(
        step(&s, &path, &op, json!({"status": "in_progress"}))
            .await
            .body["status"],
        "in_progress"
    );
    let done = step(
        &s,
        &path,
        &op,
        json!({"status": "done", "note": "Restored to the 02:00 snapshot"}),
    )
    .await;
    assert_eq!(done.body["status"], "done");
    let steps: Vec<&str> = done.body["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["requested", "estimated", "approved", "in_progress", "done"]
    );
    assert_eq!(done.body["steps"][1]["by"], OPERATOR);
    step(&s, &path, &op, json!({"status": "rejected"}))
        .await
        .assert_problem(409, "conflict");
}

/// Clause 4S-RESTORE-REQUEST: a partial restore names a channel of the own account, and
/// only kept snapshots can be chosen.
#[tokio::test]
async fn four_s_restore_request_checks_channel_and_snapshot() {
    let s = TestService::start().await;
    let backup = first_backup(&s).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let channel: i64 =
        admin_service::db::query_scalar("SELECT id FROM channels ORDER BY id LIMIT 1")
            .fetch_one(s.db())
            .await
            .unwrap();
    let ok = s
        .post(
            "/api/v1/restore-requests",
            Some(&manager),
            json!({"scope": "channel", "channel_id": channel, "backup_id": backup}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{ok:?}");
    let a = s
        .post(
            "/api/v1/restore-requests",
            Some(&manager),
            json!({"scope": "channel", "backup_id": backup}),
        )
        .await;
    assert_eq!(a.field(), Some("channel_id"));
    let a = s
        .post(
            "/api/v1/restore-requests",
            Some(&manager),
            json!({"scope": "channel", "channel_id": 999, "backup_id": backup}),
        )
        .await;
    assert_eq!(a.field(), Some("channel_id"));
    let a = s
        .post(
            "/api/v1/restore-requests",
            Some(&manager),
            json!({"scope": "full", "backup_id": 999}),
        )
        .await;
    assert_eq!(a.field(), Some("backup_id"));
    admin_service::db::query("UPDATE backups SET retention = 'expired', file = NULL")
        .execute(s.db())
        .await
        .unwrap();
    let a = s
        .post(
            "/api/v1/restore-requests",
            Some(&manager),
            json!({"scope": "full", "backup_id": backup}),
        )
        .await;
    a.assert_problem(400, "invalid_input");
}

/// A new place to restore into, as `restore --into` takes it: a database file on SQLite; on
/// PostgreSQL an empty database of the test cluster, its URL carrying a password (the
/// cluster trusts loopback, so it is only there to be kept out of the output).
async fn new_target(s: &TestService) -> String {
    match s.db() {
        Db::Sqlite(_) => s.dir().join("restored.sqlite").display().to_string(),
        Db::Postgres(_) => {
            let cluster = std::env::var(pg::URL_VAR).expect("the test cluster");
            let mut url = url::Url::parse(&pg::create_database(&cluster).await).unwrap();
            url.set_password(Some(PASSWORD_IN_URL)).unwrap();
            url.to_string()
        }
    }
}

const PASSWORD_IN_URL: &str = "not-on-any-command-line";

async fn open_target(into: &str) -> Db {
    let url = if db::is_postgres(into) {
        into.to_string()
    } else {
        format!("sqlite://{into}")
    };
    db::connect(&url).await.unwrap()
}

fn restore_cli(snapshot: &str, into: &str) -> std::process::Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_admin-service"))
        .args(["restore", "--snapshot", snapshot, "--into", into])
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!printed.contains(PASSWORD_IN_URL), "{printed}");
    out
}

async fn snapshot_file(s: &TestService) -> String {
    db::query_scalar("SELECT file FROM backups WHERE status = 'ok'")
        .fetch_one(s.db())
        .await
        .unwrap()
}

/// Clause 4S-BACKUP-NIGHTLY: `admin-service restore` really restores a snapshot into a new
/// database (an empty one on PostgreSQL), which reads back the same data with the same rows
/// per table; it will not overwrite a file, nor restore into a database holding anything.
#[tokio::test]
async fn four_s_backup_nightly_full_restore_reads_the_data_back() {
    let s = TestService::start().await;
    first_backup(&s).await;
    let file = snapshot_file(&s).await;
    let target = new_target(&s).await;
    let out = restore_cli(&file, &target);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("all matching the manifest"));
    let restored = open_target(&target).await;
    let manifest = backups::read_manifest(std::path::Path::new(&file)).unwrap();
    assert_eq!(
        backups::row_counts(&restored).await.unwrap(),
        manifest.row_counts
    );
    assert_eq!(manifest.row_counts["users"], 50);
    let manager: String = db::query_scalar("SELECT display_name FROM users WHERE username = ?")
        .bind(MANAGER)
        .fetch_one(&restored)
        .await
        .unwrap();
    assert_eq!(manager, "Maija Manageri");
    restored.close().await;
    let again = restore_cli(&file, &target);
    assert!(!again.status.success(), "refuses to overwrite");
    let refusal = String::from_utf8_lossy(&again.stderr);
    match s.db() {
        Db::Sqlite(_) => assert!(refusal.contains("exists"), "{refusal}"),
        Db::Postgres(_) => {
            let name = url::Url::parse(&target).unwrap().path()[1..].to_string();
            assert!(
                refusal.contains(&format!("database \"{name}\" is not empty")),
                "{refusal}"
            );
        }
    }
}

/// Clause 4S-BACKUP-NIGHTLY: a snapshot that no longer matches its manifest's checksum is
/// refused before anything is restored.
#[tokio::test]
async fn four_s_backup_nightly_restore_refuses_a_corrupted_snapshot() {
    let s = TestService::start().await;
    first_backup(&s).await;
    let file = snapshot_file(&s).await;
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&file, bytes).unwrap();
    let target = new_target(&s).await;
    let out = restore_cli(&file, &target);
    assert!(!out.status.success());
    let refusal = String::from_utf8_lossy(&out.stderr);
    assert!(refusal.contains("does not match its manifest"), "{refusal}");
    match s.db() {
        Db::Sqlite(_) => assert!(!std::path::Path::new(&target).exists()),
        Db::Postgres(_) => {
            let untouched = open_target(&target).await;
            let tables: i64 = db::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_one(&untouched)
            .await
            .unwrap();
            assert_eq!(tables, 0);
        }
    }
}

/// Clause FZ-BACKUP-DAILY / UQ-BACKUP-DAILY: on PostgreSQL a failing `pg_dump` fails the
/// night with the tool's own last words and an alert, and leaves no file behind. The
/// connection reaches it through libpq's environment, not its command line.
#[tokio::test]
async fn fz_backup_daily_failing_pg_dump_is_reported_and_leaves_no_file() {
    let s = TestService::start().await;
    if s.db().backend() != db::Backend::Postgres {
        eprintln!(
            "SKIPPED on SQLite: the failing pg_dump ({}=postgres)",
            pg::BACKEND_VAR
        );
        return;
    }
    let tools = s.dir().join("tools");
    std::fs::create_dir_all(&tools).unwrap();
    let script = tools.join("pg_dump");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             echo \"$@\" > {dir}/args.txt\n\
             env | grep '^PG' | sort > {dir}/env.txt\n\
             while [ $# -gt 0 ]; do [ \"$1\" = --file ] && echo half > \"$2\"; shift; done\n\
             echo 'pg_dump: dumping contents of table \"public.users\"' >&2\n\
             echo 'pg_dump: error: could not write to output file: No space left on device' >&2\n\
             exit 1\n",
            dir = tools.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut c = config(&s);
    c.pg_bin = Some(tools.clone());
    set(&s, helsinki(2026, 3, 3, 2, 0));
    let id = backups::run_backup(&s.running.state, &c).await.unwrap();

    let (status, error, file): (String, Option<String>, Option<String>) =
        db::query_as("SELECT status, error, file FROM backups WHERE id = ?")
            .bind(id)
            .fetch_one(s.db())
            .await
            .unwrap();
    assert_eq!((status.as_str(), file), ("failed", None));
    let error = error.unwrap();
    assert!(error.starts_with("pg_dump failed"), "{error}");
    assert!(
        error.ends_with("pg_dump: error: could not write to output file: No space left on device"),
        "{error}"
    );
    let left: Vec<_> = std::fs::read_dir(&c.dir).unwrap().collect();
    assert!(
        left.is_empty(),
        "the half-written dump is removed: {left:?}"
    );
    let op = s.sign_in_demo(OPERATOR).await;
    assert!(kinds_of_alerts(&s, &op)
        .await
        .contains(&"failed_backup".to_string()));
    let args = std::fs::read_to_string(tools.join("args.txt")).unwrap();
    assert!(
        args.contains("--snapshot=") && !args.contains("postgres"),
        "{args}"
    );
    let database: String = db::query_scalar("SELECT CAST(current_database() AS TEXT)")
        .fetch_one(s.db())
        .await
        .unwrap();
    let env = std::fs::read_to_string(tools.join("env.txt")).unwrap();
    assert!(env.contains(&format!("PGDATABASE={database}\n")), "{env}");
}

/// Clause FZ-BACKUP-DAILY: the demo's 90 nights show one missed night and one failed
/// drill, and keep 7 daily and 4 weekly snapshots to restore to.
#[tokio::test]
async fn fz_backup_daily_demo_history_shows_a_missed_night_and_a_failed_drill() {
    let s = TestService::start().await;
    assert!(admin_service::demo::seed_backup_history(s.db(), s.now())
        .await
        .unwrap());
    assert!(
        !admin_service::demo::seed_backup_history(s.db(), s.now())
            .await
            .unwrap(),
        "seeds once"
    );
    let manager = s.sign_in_demo(MANAGER).await;
    let list = s.get("/api/v1/backups", Some(&manager)).await;
    let all = list.body.as_array().unwrap();
    assert_eq!(all.len(), 89);
    let count = |class: &str| all.iter().filter(|b| b["retention"] == class).count();
    assert_eq!((count("daily"), count("weekly")), (7, 4));
    let drills = s.get("/api/v1/backup-drills", Some(&manager)).await;
    let failed: Vec<&Value> = drills
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["passed"] == false)
        .collect();
    assert_eq!(failed.len(), 1);
    let mut kinds = kinds_of_alerts(&s, &manager).await;
    kinds.sort();
    assert_eq!(kinds, ["failed_drill", "missed_backup"]);
}

/// Clause UQ-SCOPE: an Account Manager gets their account's view of the backups: no
/// whole-database row counts (other tenants' sizes) and no file paths in errors, drill
/// reasons or alerts. Operators see everything.
#[tokio::test]
async fn uq_scope_account_managers_get_no_cross_tenant_backup_metadata() {
    let s = TestService::start().await;
    let path = "/srv/admin/backups/2026-03-01.sqlite";
    let backup: i64 = admin_service::db::query_scalar(
        "INSERT INTO backups (started_at, local_date, status, row_counts, error, retention) \
         VALUES (?, '2026-03-01', 'failed', '{\"users\": 50, \"accounts\": 7}', ?, 'daily') RETURNING id",
    )
    .bind(s.now())
    .bind(format!("writing {path}: No space left on device"))
    .fetch_one(s.db())
    .await
    .unwrap();
    admin_service::db::query(
        "INSERT INTO backup_drills (backup_id, started_at, passed, reason, duration_ms) VALUES (?, ?, FALSE, ?, 5)",
    )
    .bind(backup)
    .bind(s.now())
    .bind(format!("cannot open {path}"))
    .execute(s.db())
    .await
    .unwrap();
    admin_service::db::query("INSERT INTO backup_alerts (at, kind, subject, message) VALUES (?, 'failed_backup', 'matrix', ?)")
        .bind(s.now())
        .bind(format!("Backup failed: writing {path}"))
        .execute(s.db())
        .await
        .unwrap();
    let manager = s.sign_in_demo(MANAGER).await;
    let operator = s.sign_in_demo(OPERATOR).await;
    for route in [
        "/api/v1/backups".to_string(),
        format!("/api/v1/backups/{backup}"),
        "/api/v1/backup-drills".to_string(),
        "/api/v1/backup-alerts".to_string(),
    ] {
        let a = s.get(&route, Some(&manager)).await;
        assert_eq!(a.status, StatusCode::OK, "{route}: {a:?}");
        assert!(
            !a.text.contains("/srv/admin"),
            "{route} shows a path: {}",
            a.text
        );
        assert!(
            !a.text.contains("\"users\""),
            "{route} shows row counts: {}",
            a.text
        );
        let o = s.get(&route, Some(&operator)).await;
        assert!(o.text.contains("/srv/admin"), "{route}: {}", o.text);
    }
    let one = s
        .get(&format!("/api/v1/backups/{backup}"), Some(&manager))
        .await;
    assert_eq!(one.body["row_counts"], Value::Null);
    assert!(
        one.body["error"]
            .as_str()
            .unwrap()
            .contains("No space left"),
        "{one:?}"
    );
}

/// A table name is quoted as an identifier, quotes and all, when rows are counted.
#[tokio::test]
async fn row_counts_quote_table_names() {
    let s = TestService::start().await;
    admin_service::db::query(r#"CREATE TABLE "odd ""name"" here" (x INTEGER)"#)
        .execute(s.db())
        .await
        .unwrap();
    admin_service::db::query(r#"INSERT INTO "odd ""name"" here" VALUES (1), (2)"#)
        .execute(s.db())
        .await
        .unwrap();
    let counts = backups::row_counts(s.db()).await.unwrap();
    assert_eq!(counts.get(r#"odd "name" here"#), Some(&2), "{counts:?}");
}
