//! Opening a cache file that may be damaged or from a newer release. A file that is not a
//! sound database is set aside beside itself (`cache.sqlite.corrupt-<time>`, with its WAL)
//! and replaced by a fresh one; what the user did offline and the service has not heard
//! yet is carried over when the old file can still be read. A file from a newer release is
//! never touched.

use crate::{Cache, CacheError, CacheResult};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The cache was damaged and replaced by a fresh one at start.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// Where the damaged file now is.
    pub moved_to: PathBuf,
    /// What was wrong with it, as SQLite said.
    pub reason: String,
    pub salvaged: Salvaged,
}

/// What was carried over from the damaged file to the fresh one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Salvaged {
    pub profiles: usize,
    pub settings: usize,
    /// Audit-the-auditor records not yet sent to the service.
    pub local_audit: usize,
    /// Notifications read offline, the service not told yet.
    pub notification_reads: usize,
}

/// The newest migration this build knows.
pub fn known_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Why a file is not a sound cache database; `Ok(None)` when it is.
async fn damage(path: &Path) -> CacheResult<Option<String>> {
    // Read-only: checking must not change the file (a WAL is not checkpointed into it).
    let opened = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await;
    let mut conn = match opened {
        Ok(conn) => conn,
        Err(e) => return corrupt_or(e),
    };
    let rows: Result<Vec<String>, _> = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_all(&mut conn)
        .await;
    let verdict = match rows {
        Ok(rows) if rows == ["ok"] => Ok(None),
        Ok(rows) => Ok(Some(format!(
            "the integrity check failed: {}",
            rows.join("; ")
        ))),
        Err(e) => corrupt_or(e),
    };
    let _ = conn.close().await;
    verdict
}

/// SQLite's "malformed" and "not a database" mean a damaged file; anything else (a
/// locked file, no permission, a full disk) is an error to report, never a reason to
/// set the file aside.
fn corrupt_or(err: sqlx::Error) -> CacheResult<Option<String>> {
    let code = match &err {
        sqlx::Error::Database(db) => db.code().and_then(|c| c.parse::<i32>().ok()),
        _ => None,
    };
    match code.map(|c| c & 0xff) {
        Some(11 | 26) => Ok(Some(err.to_string())),
        _ => Err(CacheError::Database(err)),
    }
}

/// The newest migration the file records, when it records any.
async fn file_version(path: &Path) -> CacheResult<Option<i64>> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await?;
    let has_table: Option<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(&mut conn)
    .await?;
    let version = match has_table {
        Some(_) => {
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
                .fetch_one(&mut conn)
                .await?
        }
        None => None,
    };
    let _ = conn.close().await;
    Ok(version)
}

type ProfileRow = (String, String, String, String, i64, String, String);
type NotificationRow = (String, i64, i64, String, String, String, Option<String>);

/// What the damaged file still gives: each table on its own, so one bad page loses only
/// what it held.
#[derive(Default)]
struct Rescue {
    profiles: Vec<ProfileRow>,
    settings: Vec<(String, String)>,
    local_audit: Vec<(String, String, String, String)>,
    notification_reads: Vec<NotificationRow>,
}

/// A truncated file's header still counts the pages it lost, and SQLite then refuses to
/// read any of it: a copy whose header counts the pages it has can still be read.
fn trimmed_copy(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let mut bytes = std::fs::read(path)?;
    if bytes.len() < 100 || !bytes.starts_with(b"SQLite format 3\0") {
        return Ok(None);
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n => n as usize,
    };
    if page_size < 512 {
        return Ok(None);
    }
    let pages = bytes.len() / page_size;
    let counted = u32::from_be_bytes([bytes[28], bytes[29], bytes[30], bytes[31]]) as usize;
    if pages == 0 || counted <= pages {
        return Ok(None);
    }
    bytes.truncate(pages * page_size);
    bytes[28..32].copy_from_slice(&(pages as u32).to_be_bytes());
    let copy = PathBuf::from(format!("{}.salvage", path.display()));
    std::fs::write(&copy, bytes)?;
    Ok(Some(copy))
}

async fn rescue(path: &Path) -> Rescue {
    match trimmed_copy(path) {
        Ok(Some(copy)) => {
            let rescue = rescue_from(&copy).await;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
            }
            rescue
        }
        _ => rescue_from(path).await,
    }
}

async fn rescue_from(path: &Path) -> Rescue {
    let mut rescue = Rescue::default();
    let Ok(mut conn) = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
    else {
        return rescue;
    };
    rescue.profiles = sqlx::query_as(
        "SELECT id, name, url, username, demo, created_at, last_used_at FROM profiles",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap_or_default();
    rescue.settings = sqlx::query_as("SELECT key, value FROM settings")
        .fetch_all(&mut conn)
        .await
        .unwrap_or_default();
    rescue.local_audit = sqlx::query_as(
        "SELECT s.key, l.at, l.action, l.detail FROM local_audit l \
         JOIN sources s ON s.id = l.source WHERE l.sent_at IS NULL ORDER BY l.id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap_or_default();
    rescue.notification_reads = sqlx::query_as(
        "SELECT s.key, n.id, n.user_id, n.at, n.kind, n.message, n.read_at FROM notifications n \
         JOIN sources s ON s.id = n.source WHERE n.read_pending = 1",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap_or_default();
    let _ = conn.close().await;
    rescue
}

/// `cache.sqlite` -> `cache.sqlite.corrupt-20261130T231500Z`, its WAL and shared-memory
/// files alongside (a WAL left behind would be replayed into the fresh file).
fn set_aside(path: &Path, now: DateTime<Utc>) -> CacheResult<PathBuf> {
    let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
    let moved_to = PathBuf::from(format!("{}.corrupt-{stamp}", path.display()));
    std::fs::rename(path, &moved_to)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::rename(&side, format!("{}{suffix}", moved_to.display()))?;
        }
    }
    Ok(moved_to)
}

impl Cache {
    /// Opens the cache at `path`; a damaged file is set aside and replaced (see the module
    /// comment). A file from a newer release is an error naming it and both versions, and
    /// is left as it was.
    pub async fn open_or_recover(
        path: &Path,
        now: DateTime<Utc>,
    ) -> CacheResult<(Cache, Option<Recovery>)> {
        if !path.exists() {
            return Ok((Cache::open(path).await?, None));
        }
        let Some(reason) = damage(path).await? else {
            if let Some(found) = file_version(path).await? {
                let known = known_version();
                if found > known {
                    return Err(CacheError::NewerVersion {
                        path: path.to_path_buf(),
                        found,
                        known,
                    });
                }
            }
            return Ok((Cache::open(path).await?, None));
        };
        tracing::warn!(path = %path.display(), %reason, "the cache is damaged: setting it aside");
        let moved_to = set_aside(path, now)?;
        let rescue = rescue(&moved_to).await;
        let cache = Cache::open(path).await?;
        let salvaged = cache.restore_rescue(&rescue).await?;
        tracing::warn!(moved_to = %moved_to.display(), ?salvaged, "a fresh cache replaced the damaged one");
        Ok((
            cache,
            Some(Recovery {
                moved_to,
                reason,
                salvaged,
            }),
        ))
    }

    async fn restore_rescue(&self, rescue: &Rescue) -> CacheResult<Salvaged> {
        let mut salvaged = Salvaged::default();
        for p in &rescue.profiles {
            sqlx::query(
                "INSERT OR IGNORE INTO profiles (id, name, url, username, demo, created_at, last_used_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&p.0)
            .bind(&p.1)
            .bind(&p.2)
            .bind(&p.3)
            .bind(p.4)
            .bind(&p.5)
            .bind(&p.6)
            .execute(&self.db)
            .await?;
            salvaged.profiles += 1;
        }
        for (key, value) in &rescue.settings {
            sqlx::query("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")
                .bind(key)
                .bind(value)
                .execute(&self.db)
                .await?;
            salvaged.settings += 1;
        }
        for (source, at, action, detail) in &rescue.local_audit {
            let source = self.source_id(source).await?;
            sqlx::query("INSERT INTO local_audit (source, at, action, detail) VALUES (?, ?, ?, ?)")
                .bind(source)
                .bind(at)
                .bind(action)
                .bind(detail)
                .execute(&self.db)
                .await?;
            salvaged.local_audit += 1;
        }
        for n in &rescue.notification_reads {
            let source = self.source_id(&n.0).await?;
            sqlx::query(
                "INSERT OR IGNORE INTO notifications \
                 (source, id, user_id, at, kind, message, read_at, read_pending) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
            )
            .bind(source)
            .bind(n.1)
            .bind(n.2)
            .bind(&n.3)
            .bind(&n.4)
            .bind(&n.5)
            .bind(&n.6)
            .execute(&self.db)
            .await?;
            salvaged.notification_reads += 1;
        }
        Ok(salvaged)
    }
}
