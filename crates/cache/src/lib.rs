//! The console's local SQLite cache. It holds what a manager needs offline and never
//! a secret: tokens live in the OS keyring, passwords nowhere.

pub mod audit;
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
}

pub type CacheResult<T> = Result<T, CacheError>;

#[derive(Clone, Debug)]
pub struct Cache {
    db: SqlitePool,
}

impl Cache {
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
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&db).await?;
        Ok(Cache { db })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.db
    }
}
