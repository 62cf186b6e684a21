//! The console's local SQLite cache. It holds what a manager needs offline and never
//! a secret: tokens live in the OS keyring, passwords nowhere.

pub mod audit;
mod copies;
pub mod feeds;
mod maintenance;
pub mod open;
mod profiles;
mod settings;
mod snapshots;
pub mod sync;

pub use audit::{AuditEventDetail, AuditQuery, ChainCheck, ExportFormat, SyncState};
pub use feeds::sync_feeds;
pub use maintenance::CachedMaintenance;
pub use open::{Recovery, Salvaged};
pub use profiles::{NewProfile, Profile};
pub use sync::{sync_audit, SyncError, SyncOptions, SyncProgress, SyncReport};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::Connection;
use std::path::Path;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cache database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cache migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Invalid(String),
    #[error("writing the file: {0}")]
    Io(#[from] std::io::Error),
    /// The file's schema is newer than this build's: it is left untouched.
    #[error(
        "the cache {} was written by a newer version of the console (its schema is at \
         migration {found}; this version knows up to {known}); it was left untouched",
        path.display()
    )]
    NewerVersion {
        path: std::path::PathBuf,
        found: i64,
        known: i64,
    },
    /// SQLite or the file system said the disk is full; nothing already stored is lost.
    #[error(
        "the disk holding {} is full: free some space on it and try again (nothing already stored was lost)",
        dir.display()
    )]
    DiskFull { dir: std::path::PathBuf },
}

pub type CacheResult<T> = Result<T, CacheError>;

#[derive(Clone, Debug)]
pub struct Cache {
    db: SqlitePool,
    /// The folder the file is in: a full disk is named by it.
    dir: std::path::PathBuf,
}

impl CacheError {
    /// SQLITE_FULL, or ENOSPC from the file system.
    pub fn is_disk_full(&self) -> bool {
        match self {
            CacheError::Database(sqlx::Error::Database(db)) => db
                .code()
                .and_then(|c| c.parse::<i32>().ok())
                .is_some_and(|c| c & 0xff == 13),
            CacheError::Database(sqlx::Error::Io(e)) | CacheError::Io(e) => {
                e.raw_os_error() == Some(28)
            }
            CacheError::DiskFull { .. } => true,
            _ => false,
        }
    }
}

impl Cache {
    /// A full disk named by the folder the cache is in; any other error as it was.
    pub fn name_full_disk(&self, err: CacheError) -> CacheError {
        if err.is_disk_full() {
            CacheError::DiskFull {
                dir: self.dir.clone(),
            }
        } else {
            err
        }
    }

    /// Runs one of the console's own writes (unsent local records, reads made offline,
    /// settings, profiles, kept copies), naming the disk when it is full as the syncs do.
    pub(crate) async fn writing<T>(
        &self,
        write: impl std::future::Future<Output = CacheResult<T>>,
    ) -> CacheResult<T> {
        write.await.map_err(|e| self.name_full_disk(e))
    }

    /// Opens the cache file, creating and migrating it as needed.
    pub async fn open(path: &Path) -> CacheResult<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last
            // pages, which the next sync fetches again from the cursor.
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let db = SqlitePoolOptions::new()
            .max_connections(4)
            // After a failed COMMIT (a full disk) SQLite has rolled back by itself, sqlx's own
            // ROLLBACK then fails, and the connection would go back to the pool still counted
            // as in a transaction, refusing every later `begin_write`. Close such a connection;
            // the ping first runs the rollback that dropping the transaction queued.
            .after_release(|conn, _| {
                Box::pin(async move {
                    conn.ping().await?;
                    Ok(!conn.is_in_transaction())
                })
            })
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&db).await?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Cache { db, dir })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.db
    }

    /// Begins a write holding SQLite's write lock from the start, so that one which reads
    /// first waits for a concurrent writer (`busy_timeout`) instead of being refused at
    /// once with "database is locked" when its snapshot went stale.
    pub(crate) async fn begin_write(
        &self,
    ) -> CacheResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.db.begin_with("BEGIN IMMEDIATE").await?)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::{Cache, NewProfile};

    /// A fresh cache in `dir` holding one profile, `p`, for the copies the tests keep.
    pub(crate) async fn cache_with_profile(dir: &std::path::Path) -> Cache {
        let cache = Cache::open(&dir.join("c.sqlite")).await.unwrap();
        let p = NewProfile {
            id: "p",
            name: "n",
            url: "https://a.example",
            username: "u@a.example",
            demo: false,
        };
        cache.save_profile(p, chrono::Utc::now()).await.unwrap();
        cache
    }
}
