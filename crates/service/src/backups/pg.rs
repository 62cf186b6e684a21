//! Backups on PostgreSQL, with its own tools: `pg_dump` in the custom format, read back by
//! `pg_restore`. The dump and the manifest's row counts read one exported snapshot, so the
//! counts describe exactly what the file holds while the service keeps writing.
//!
//! The tools get the connection through libpq's environment (PGHOST, PGPASSWORD…), never
//! on their command line, which every user of the machine can read from the process list.

use super::{
    compare_counts, drill_checksum, quote_ident, read_manifest, verified_manifest, Manifest,
};
use crate::error::{ApiError, ApiResult};
use sqlx::postgres::{PgConnectOptions, PgPool};
use sqlx::{ConnectOptions, Connection, Executor, PgConnection};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;

/// The tables a dump holds that the manifest counts: the service's own, in the schema it
/// runs in, migrations bookkeeping left out as on SQLite.
const TABLES: &str = "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
     AND table_name NOT LIKE '_sqlx%' ORDER BY 1";

pub(super) async fn row_counts(conn: &mut PgConnection) -> ApiResult<BTreeMap<String, i64>> {
    let tables: Vec<String> = sqlx::query_scalar(TABLES).fetch_all(&mut *conn).await?;
    let mut counts = BTreeMap::new();
    for table in tables {
        let sql = format!("SELECT COUNT(*) FROM {}", quote_ident(&table));
        let n: i64 = sqlx::query_scalar(&sql).fetch_one(&mut *conn).await?;
        counts.insert(table, n);
    }
    Ok(counts)
}

/// Dumps the database into `file` and answers the rows per table the dump holds.
pub(super) async fn dump(
    pool: &PgPool,
    bin: Option<&Path>,
    file: &Path,
) -> ApiResult<BTreeMap<String, i64>> {
    // The exported snapshot lives as long as this transaction: pg_dump reads it, and the
    // counts are taken in it, so both see the same rows whatever commits meanwhile.
    let mut tx = pool
        .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .await?;
    let snapshot: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
        .fetch_one(&mut *tx)
        .await?;
    let database: String = sqlx::query_scalar("SELECT CAST(current_database() AS TEXT)")
        .fetch_one(&mut *tx)
        .await?;
    let counts = row_counts(&mut tx).await?;
    let args: Vec<OsString> = vec![
        "--format=custom".into(),
        "--no-owner".into(),
        format!("--snapshot={snapshot}").into(),
        "--file".into(),
        file.into(),
    ];
    let env = libpq_env(&pool.connect_options(), &database);
    run(tool(bin, "pg_dump"), args, env).await?;
    tx.rollback().await?;
    Ok(counts)
}

/// The drill: the dump restored into a scratch database of its own, its rows counted
/// against the manifest, the scratch database dropped whatever happened.
pub(super) async fn drill(
    pool: &PgPool,
    bin: Option<&Path>,
    dump: &Path,
    backup_id: i64,
) -> ApiResult<()> {
    let manifest = read_manifest(dump)?;
    drill_checksum(&manifest, dump, "dump").await?;
    let live: String = sqlx::query_scalar("SELECT CAST(current_database() AS TEXT)")
        .fetch_one(pool)
        .await?;
    let scratch = scratch_name(&live, backup_id);
    // template0: nothing an administrator added to template1 can collide with the dump.
    pool.execute(
        format!(
            "CREATE DATABASE {} TEMPLATE template0",
            quote_ident(&scratch)
        )
        .as_str(),
    )
    .await?;
    let options = (*pool.connect_options()).clone();
    let restored = restore_and_count(&options, bin, dump, &scratch).await;
    let dropped = pool
        .execute(
            format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                quote_ident(&scratch)
            )
            .as_str(),
        )
        .await;
    if let Err(e) = &dropped {
        tracing::error!(database = %scratch, error = %e, "could not drop a drill's scratch database");
    }
    let counts = restored?;
    dropped?;
    compare_counts(&manifest, &counts)
}

/// `<live database>_drill_<backup>_<random>`, within PostgreSQL's 63 bytes: unique per drill,
/// and named for the database it drills, so leftovers are easy to tell apart.
fn scratch_name(live: &str, backup_id: i64) -> String {
    let prefix: String = live.chars().take(30).collect();
    format!(
        "{prefix}_drill_{backup_id}_{:010x}",
        rand::random::<u64>() >> 24
    )
}

/// `admin-service restore --into postgres://…`: the checksum first, then only into an
/// empty database, in one transaction, and the rows counted against the manifest.
pub(super) async fn restore(snapshot: &Path, url: &str) -> ApiResult<Manifest> {
    let manifest = verified_manifest(snapshot).await?;
    let options = PgConnectOptions::from_str(url).map_err(|e| ApiError::InvalidInput {
        field: "into".into(),
        message: format!("not a PostgreSQL URL: {e}"),
    })?;
    let mut conn = PgConnection::connect_with(&options).await?;
    let database: String = sqlx::query_scalar("SELECT CAST(current_database() AS TEXT)")
        .fetch_one(&mut conn)
        .await?;
    let relations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') \
         AND n.nspname NOT LIKE 'pg_toast%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')",
    )
    .fetch_one(&mut conn)
    .await?;
    conn.close().await?;
    if relations > 0 {
        return Err(ApiError::Conflict(format!(
            "database \"{database}\" is not empty ({relations} tables, views or sequences); restore into an empty database"
        )));
    }
    let counts = restore_and_count(&options, None, snapshot, &database).await?;
    compare_counts(&manifest, &counts)?;
    Ok(manifest)
}

async fn restore_and_count(
    options: &PgConnectOptions,
    bin: Option<&Path>,
    dump: &Path,
    database: &str,
) -> ApiResult<BTreeMap<String, i64>> {
    // One transaction: a dump that fails half-way leaves the database as empty as it was.
    let args: Vec<OsString> = vec![
        "--no-owner".into(),
        "--single-transaction".into(),
        "--dbname".into(),
        database.into(),
        dump.into(),
    ];
    run(tool(bin, "pg_restore"), args, libpq_env(options, database)).await?;
    let mut conn = PgConnection::connect_with(&options.clone().database(database)).await?;
    let counts = row_counts(&mut conn).await;
    let _ = conn.close().await;
    counts
}

/// Where a tool is: in `bin` when given, else the first on PATH, else in the newest
/// PostgreSQL under /usr/lib/postgresql (Debian's layout, not on PATH there).
fn tool(bin: Option<&Path>, name: &str) -> PathBuf {
    if let Some(dir) = bin {
        return dir.join(name);
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|file| file.is_file())
    });
    on_path
        .or_else(|| newest_installed(name))
        .unwrap_or_else(|| PathBuf::from(name))
}

fn newest_installed(name: &str) -> Option<PathBuf> {
    std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let major: u32 = entry.file_name().to_str()?.parse().ok()?;
            Some((major, entry.path().join("bin").join(name)))
        })
        .filter(|(_, file)| file.is_file())
        .max_by_key(|(major, _)| *major)
        .map(|(_, file)| file)
}

/// The pool's connection as libpq's environment, for `database`.
fn libpq_env(options: &PgConnectOptions, database: &str) -> Vec<(&'static str, String)> {
    let host = match options.get_socket() {
        Some(socket) => socket.display().to_string(),
        None => options.get_host().to_string(),
    };
    let ssl_mode = match options.get_ssl_mode() {
        sqlx::postgres::PgSslMode::Disable => "disable",
        sqlx::postgres::PgSslMode::Allow => "allow",
        sqlx::postgres::PgSslMode::Prefer => "prefer",
        sqlx::postgres::PgSslMode::Require => "require",
        sqlx::postgres::PgSslMode::VerifyCa => "verify-ca",
        sqlx::postgres::PgSslMode::VerifyFull => "verify-full",
    };
    let mut env = vec![
        ("PGHOST", host),
        ("PGPORT", options.get_port().to_string()),
        ("PGUSER", options.get_username().to_string()),
        ("PGDATABASE", database.to_string()),
        ("PGSSLMODE", ssl_mode.to_string()),
    ];
    // sqlx has no getter for the password; its URL form carries it, percent-encoded.
    if let Some(password) = options.to_url_lossy().password() {
        let password = percent_encoding::percent_decode_str(password).decode_utf8_lossy();
        env.push(("PGPASSWORD", password.into_owned()));
    }
    env
}

/// Runs a tool to its end; a failure names the tool and the last line it wrote to stderr.
async fn run(
    tool: PathBuf,
    args: Vec<OsString>,
    env: Vec<(&'static str, String)>,
) -> ApiResult<()> {
    let name = tool
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = tool.display().to_string();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(&tool)
            .args(&args)
            .envs(env)
            .stdin(Stdio::null())
            .output()
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(|e| ApiError::Internal(format!("{name} could not be started ({shown}): {e}")))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("it wrote nothing to stderr");
    Err(ApiError::Internal(format!(
        "{name} failed ({}): {}",
        output.status,
        last.trim()
    )))
}
