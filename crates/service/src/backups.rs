//! The nightly backup job, retention, restore drills and backup alerts.
//!
//! A backup is a consistent copy taken while the service keeps serving: `VACUUM INTO` a
//! timestamped file on SQLite, `pg_dump` on PostgreSQL (`pg`). Beside it goes a manifest
//! (SHA-256, size, rows per table) so a drill, or `admin-service restore`, can prove a copy
//! is whole without the live database.

mod pg;

use crate::db;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::notifications::{self, Kind};
use crate::AppState;
use admin_api::Role;
use admin_policy::backup::{self, Keep, Retention};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct BackupConfig {
    pub dir: PathBuf,
    /// Local time of the nightly run.
    pub at: NaiveTime,
    pub tz: Tz,
    pub keep: Keep,
    pub drill_every: Duration,
    /// The folder holding `pg_dump` and `pg_restore`; None finds them on PATH, else in the
    /// newest /usr/lib/postgresql/*/bin.
    pub pg_bin: Option<PathBuf>,
}

impl BackupConfig {
    pub fn new(dir: PathBuf) -> Self {
        BackupConfig {
            dir,
            at: NaiveTime::from_hms_opt(2, 0, 0).expect("valid time"),
            tz: chrono_tz::Europe::Helsinki,
            keep: Keep::default(),
            drill_every: Duration::days(7),
            pg_bin: None,
        }
    }
}

/// What a snapshot holds, written beside it as `<file>.manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub taken_at: DateTime<Utc>,
    pub sha256: String,
    pub size_bytes: u64,
    pub row_counts: BTreeMap<String, i64>,
}

pub fn manifest_path(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
}

pub fn read_manifest(snapshot: &Path) -> ApiResult<Manifest> {
    let text = std::fs::read_to_string(manifest_path(snapshot)).map_err(|e| {
        ApiError::Internal(format!("no manifest beside {}: {e}", snapshot.display()))
    })?;
    serde_json::from_str(&text).map_err(|e| ApiError::Internal(format!("unreadable manifest: {e}")))
}

pub async fn sha256_of(path: &Path) -> ApiResult<String> {
    let owned = path.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut file = std::fs::File::open(&owned)?;
        let mut hasher = Sha256::new();
        std::io::copy(&mut file, &mut hasher)?;
        Ok::<_, std::io::Error>(hex::encode(hasher.finalize()))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(|e| ApiError::Internal(format!("reading {}: {e}", path.display())))
}

async fn open_read_only(path: &Path) -> ApiResult<Db> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    Ok(Db::Sqlite(
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?,
    ))
}

/// An SQL identifier in double quotes, its own quotes doubled: any name sqlite_master
/// holds (a restored or tampered file may hold odd ones) is read as a name, never as SQL.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Rows per table of a database, migrations bookkeeping left out.
pub async fn row_counts(db: &Db) -> ApiResult<BTreeMap<String, i64>> {
    if let Db::Postgres(pool) = db {
        return pg::row_counts(&mut *pool.acquire().await?).await;
    }
    let tables: Vec<String> = db::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name",
    )
    .fetch_all(db)
    .await?;
    let mut counts = BTreeMap::new();
    for table in tables {
        let n: i64 = db::query_scalar(format!("SELECT COUNT(*) FROM {}", quote_ident(&table)))
            .fetch_one(db)
            .await?;
        counts.insert(table, n);
    }
    Ok(counts)
}

/// Takes a snapshot now, whatever the schedule says, and prunes what retention lets go.
pub async fn run_backup(state: &AppState, config: &BackupConfig) -> ApiResult<i64> {
    let now = state.clock.now();
    let local_date = backup::local_date(now, config.tz);
    let started = Instant::now();
    let file = config.dir.join(format!(
        "backup-{}.{}",
        now.format("%Y%m%dT%H%M%SZ"),
        extension(&state.db)
    ));
    let taken = take_snapshot(state, config, &file, now).await;
    let duration_ms = started.elapsed().as_millis() as i64;
    let id = match taken {
        Ok(manifest) => {
            let counts = serde_json::to_string(&manifest.row_counts).unwrap_or_default();
            db::query_scalar(
                "INSERT INTO backups (started_at, local_date, status, file, size_bytes, sha256, row_counts, duration_ms) \
                 VALUES (?, ?, 'ok', ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(now)
            .bind(local_date.to_string())
            .bind(file.to_string_lossy())
            .bind(manifest.size_bytes as i64)
            .bind(&manifest.sha256)
            .bind(counts)
            .bind(duration_ms)
            .fetch_one(&state.db)
            .await?
        }
        Err(e) => {
            tracing::error!(error = %e, "nightly backup failed");
            let _ = std::fs::remove_file(&file);
            let _ = std::fs::remove_file(manifest_path(&file));
            let id = db::query_scalar(
                "INSERT INTO backups (started_at, local_date, status, duration_ms, error) VALUES (?, ?, 'failed', ?, ?) RETURNING id",
            )
            .bind(now)
            .bind(local_date.to_string())
            .bind(duration_ms)
            .bind(e.to_string())
            .fetch_one(&state.db)
            .await?;
            alert(
                state,
                "failed_backup",
                &local_date.to_string(),
                &format!("The backup of {local_date} failed: {e}"),
            )
            .await?;
            id
        }
    };
    prune(state, config).await?;
    Ok(id)
}

/// What a snapshot file is named with: its format, which only its own backend restores.
pub fn extension(db: &Db) -> &'static str {
    match db {
        Db::Sqlite(_) => "sqlite",
        Db::Postgres(_) => "dump",
    }
}

async fn take_snapshot(
    state: &AppState,
    config: &BackupConfig,
    file: &Path,
    now: DateTime<Utc>,
) -> ApiResult<Manifest> {
    std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))
        .map_err(|e| ApiError::Internal(format!("backup folder: {e}")))?;
    let row_counts = match &state.db {
        Db::Postgres(pool) => pg::dump(pool, config.pg_bin.as_deref(), file).await?,
        Db::Sqlite(_) => {
            db::query("VACUUM INTO ?")
                .bind(file.to_string_lossy())
                .execute(&state.db)
                .await?;
            let copy = open_read_only(file).await?;
            let counts = row_counts(&copy).await;
            copy.close().await;
            counts?
        }
    };
    let manifest = Manifest {
        taken_at: now,
        sha256: sha256_of(file).await?,
        size_bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
        row_counts,
    };
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| ApiError::Internal(e.to_string()))?;
    std::fs::write(manifest_path(file), json)
        .map_err(|e| ApiError::Internal(format!("manifest: {e}")))?;
    Ok(manifest)
}

/// Applies retention to the good snapshots: expired files are deleted, and logged.
pub async fn prune(state: &AppState, config: &BackupConfig) -> ApiResult<()> {
    let rows: Vec<(i64, DateTime<Utc>, Option<String>, String)> =
        db::query_as("SELECT id, started_at, file, retention FROM backups WHERE status = 'ok'")
            .fetch_all(&state.db)
            .await?;
    let taken: Vec<DateTime<Utc>> = rows.iter().map(|r| r.1).collect();
    let classes = backup::classify(&taken, config.tz, config.keep);
    for ((id, started_at, file, was), class) in rows.iter().zip(classes) {
        if class.as_str() == was {
            continue;
        }
        if class == Retention::Expired {
            if let Some(file) = file {
                let path = Path::new(file);
                let _ = std::fs::remove_file(manifest_path(path));
                if let Err(e) = std::fs::remove_file(path) {
                    tracing::warn!(%file, error = %e, "could not delete a pruned snapshot");
                }
            }
            tracing::info!(backup = id, taken = %started_at, "pruned snapshot outside retention");
            db::query(
                "UPDATE backups SET retention = 'expired', file = NULL, pruned_at = ? WHERE id = ?",
            )
            .bind(state.clock.now())
            .bind(id)
            .execute(&state.db)
            .await?;
        } else {
            db::query("UPDATE backups SET retention = ? WHERE id = ?")
                .bind(class.as_str())
                .bind(id)
                .execute(&state.db)
                .await?;
        }
    }
    Ok(())
}

/// Restores the newest snapshot into a scratch file (a scratch database on PostgreSQL) and
/// checks it is whole: checksum, `PRAGMA integrity_check` on SQLite, rows per table against
/// the manifest. Records the result.
pub async fn run_drill(state: &AppState, config: &BackupConfig) -> ApiResult<Option<i64>> {
    let latest: Option<(i64, String)> = db::query_as(
        "SELECT id, file FROM backups WHERE status = 'ok' AND file IS NOT NULL ORDER BY started_at DESC LIMIT 1",
    )
    .fetch_optional(&state.db)
    .await?;
    let Some((backup_id, file)) = latest else {
        return Ok(None);
    };
    let now = state.clock.now();
    let started = Instant::now();
    let verdict = match &state.db {
        Db::Postgres(pool) => {
            pg::drill(pool, config.pg_bin.as_deref(), Path::new(&file), backup_id).await
        }
        Db::Sqlite(_) => {
            let scratch = config.dir.join(format!("drill-{backup_id}.sqlite"));
            let verdict = drill(Path::new(&file), &scratch).await;
            let _ = std::fs::remove_file(&scratch);
            verdict
        }
    };
    let duration_ms = started.elapsed().as_millis() as i64;
    let reason = verdict.err().map(|e| match e {
        ApiError::Internal(m) => m,
        other => other.to_string(),
    });
    let id = db::query_scalar(
        "INSERT INTO backup_drills (backup_id, started_at, passed, reason, duration_ms) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(backup_id)
    .bind(now)
    .bind(reason.is_none())
    .bind(&reason)
    .bind(duration_ms)
    .fetch_one(&state.db)
    .await?;
    if let Some(reason) = reason {
        tracing::error!(backup = backup_id, %reason, "restore drill failed");
        let message = format!("The restore drill of backup {backup_id} failed: {reason}");
        alert(state, "failed_drill", &format!("drill-{id}"), &message).await?;
    }
    Ok(Some(id))
}

async fn drill(snapshot: &Path, scratch: &Path) -> ApiResult<()> {
    let manifest = read_manifest(snapshot)?;
    std::fs::copy(snapshot, scratch)
        .map_err(|e| ApiError::Internal(format!("copying the snapshot: {e}")))?;
    drill_checksum(&manifest, scratch, "restored copy").await?;
    let db = open_read_only(scratch).await?;
    let checked = verify_copy(&db, &manifest).await;
    db.close().await;
    checked
}

/// A drill's first check: `file` (`what` it is, for the reason recorded) has the checksum
/// its manifest says.
async fn drill_checksum(manifest: &Manifest, file: &Path, what: &str) -> ApiResult<()> {
    let found = sha256_of(file).await?;
    if found != manifest.sha256 {
        return Err(ApiError::Internal(format!(
            "checksum mismatch: the manifest says {}, the {what} is {found}",
            manifest.sha256
        )));
    }
    Ok(())
}

async fn verify_copy(db: &Db, manifest: &Manifest) -> ApiResult<()> {
    let integrity: Vec<String> = db::query_scalar("PRAGMA integrity_check")
        .fetch_all(db)
        .await?;
    if integrity != ["ok"] {
        return Err(ApiError::Internal(format!(
            "integrity_check: {}",
            integrity.join("; ")
        )));
    }
    compare_counts(manifest, &row_counts(db).await?)
}

/// Every table the manifest counted has as many rows in the restored copy.
fn compare_counts(manifest: &Manifest, counts: &BTreeMap<String, i64>) -> ApiResult<()> {
    for (table, expected) in &manifest.row_counts {
        let found = counts.get(table).copied().unwrap_or(0);
        if found != *expected {
            return Err(ApiError::Internal(format!(
                "table {table}: the manifest has {expected} rows, the restored copy {found}"
            )));
        }
    }
    Ok(())
}

/// What `admin-service restore` runs: a snapshot into `into`, a new SQLite file or an empty
/// PostgreSQL database (a `postgres://` URL), refusing anything else and proving the copy
/// whole.
pub async fn restore(snapshot: &Path, into: &str) -> ApiResult<Manifest> {
    if db::is_postgres(into) {
        return pg::restore(snapshot, into).await;
    }
    restore_snapshot(snapshot, Path::new(into)).await
}

/// `into` as it may be printed: a PostgreSQL URL without its password.
pub fn shown_target(into: &str) -> String {
    match url::Url::parse(into) {
        Ok(mut url) if db::is_postgres(into) => {
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => into.to_string(),
    }
}

/// The snapshot's manifest, once the file is proven to be the one it describes.
async fn verified_manifest(snapshot: &Path) -> ApiResult<Manifest> {
    let manifest = read_manifest(snapshot)?;
    let found = sha256_of(snapshot).await?;
    if found != manifest.sha256 {
        return Err(ApiError::Conflict(format!(
            "{} does not match its manifest (sha256 {found}, expected {})",
            snapshot.display(),
            manifest.sha256
        )));
    }
    Ok(manifest)
}

async fn restore_snapshot(snapshot: &Path, target: &Path) -> ApiResult<Manifest> {
    if target.exists() {
        return Err(ApiError::Conflict(format!(
            "{} exists; restore into a new file",
            target.display()
        )));
    }
    let manifest = verified_manifest(snapshot).await?;
    let source = open_read_only(snapshot).await?;
    db::query("VACUUM INTO ?")
        .bind(target.to_string_lossy())
        .execute(&source)
        .await?;
    source.close().await;
    let restored = open_read_only(target).await?;
    let checked = verify_copy(&restored, &manifest).await;
    restored.close().await;
    checked.map(|()| manifest)
}

/// Records an alert once, and tells every operator and account manager.
async fn alert(state: &AppState, kind: &str, subject: &str, message: &str) -> ApiResult<()> {
    let now = state.clock.now();
    let added = db::query(
        "INSERT INTO backup_alerts (at, kind, subject, message) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(now)
    .bind(kind)
    .bind(subject)
    .bind(message)
    .execute(&state.db)
    .await?;
    if added.rows_affected() == 0 {
        return Ok(());
    }
    let people: Vec<i64> = db::query_scalar(
        "SELECT DISTINCT user_id FROM role_assignments WHERE role IN (?, ?) ORDER BY user_id",
    )
    .bind(Role::ServiceOperator.as_str())
    .bind(Role::AccountManager.as_str())
    .fetch_all(&state.db)
    .await?;
    for user in people {
        notifications::notify(&state.db, user, now, Kind::BackupAlert, message).await?;
    }
    Ok(())
}

/// Runs from the scheduler every minute: tonight's backup when due, alerts for nights
/// that passed without a good backup, and the drill when a week has passed.
pub async fn tick(state: &AppState, config: &BackupConfig) -> ApiResult<()> {
    let now = state.clock.now();
    let local = now.with_timezone(&config.tz);
    let today = local.date_naive();
    let tried_today: bool =
        db::query_scalar("SELECT COUNT(*) > 0 FROM backups WHERE local_date = ?")
            .bind(today.to_string())
            .fetch_one(&state.db)
            .await?;
    if local.time() >= config.at && !tried_today {
        run_backup(state, config).await?;
    }
    check_missed(state, config).await?;
    let last_drill: Option<DateTime<Utc>> =
        db::query_scalar("SELECT MAX(started_at) FROM backup_drills")
            .fetch_one(&state.db)
            .await?;
    if last_drill.is_none_or(|t| now - t >= config.drill_every) {
        run_drill(state, config).await?;
    }
    Ok(())
}

/// Every night since the first backup, up to the last whose backup time has passed by an
/// hour, that has no good backup raises one `missed_backup` alert.
pub async fn check_missed(state: &AppState, config: &BackupConfig) -> ApiResult<()> {
    let good: Vec<DateTime<Utc>> =
        db::query_scalar("SELECT started_at FROM backups WHERE status = 'ok'")
            .fetch_all(&state.db)
            .await?;
    let first: Option<String> = db::query_scalar("SELECT MIN(local_date) FROM backups")
        .fetch_one(&state.db)
        .await?;
    let Some(first) = first.and_then(|d| d.parse().ok()) else {
        return Ok(());
    };
    let local = (state.clock.now() - Duration::hours(1)).with_timezone(&config.tz);
    let last = if local.time() >= config.at {
        local.date_naive()
    } else {
        local.date_naive() - Duration::days(1)
    };
    for day in backup::missed_days(&good, config.tz, first, last) {
        alert(
            state,
            "missed_backup",
            &day.to_string(),
            &format!("No backup was made on the night of {day}."),
        )
        .await?;
    }
    Ok(())
}
