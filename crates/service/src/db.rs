use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use sqlx::{Connection, Sqlite, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// Opens (creating if needed) the database at a `sqlite://PATH` URL and migrates it.
pub async fn open(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
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
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Begins a transaction that holds SQLite's write lock from the start. Every transaction
/// here reads before it writes; a deferred one that has read cannot upgrade to a write
/// once another connection wrote, and SQLite then fails it at once ("database is locked")
/// instead of waiting out `busy_timeout`. Taking the lock first makes it wait its turn.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
