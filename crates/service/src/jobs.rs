//! Background jobs run once, however many instances share the database (issue 23).
//!
//! Every instance runs the same tickers (maintenance status changes and their notifications,
//! outbox delivery, nightly backups and drills). On PostgreSQL each round first takes the
//! job's session advisory lock with `pg_try_advisory_lock`: the instance that gets it runs the
//! round, the others skip theirs. Each round decides from the database what is due (a window
//! whose start has passed and is still `scheduled`, a message still `queued`, a night with no
//! backup row), so rounds that never overlap do each thing once. On SQLite there is one
//! instance and the round just runs.

use crate::db::{self, Db};
use std::future::Future;

/// Advisory lock keys, one per job; far from `db::AUDIT_CHAIN_LOCK` and the user keys.
#[derive(Clone, Copy, Debug)]
pub enum Job {
    Maintenance = 0x4a4f_4201,
    Outbox = 0x4a4f_4202,
    Backups = 0x4a4f_4203,
    SlaAlerts = 0x4a4f_4204,
}

/// Runs `round` unless another instance is running the same job now; None when skipped.
pub async fn run_alone<T, E>(
    database: &Db,
    job: Job,
    round: impl Future<Output = Result<T, E>>,
) -> Result<Option<T>, E>
where
    E: From<sqlx::Error>,
{
    if database.backend() == db::Backend::Sqlite {
        return round.await.map(Some);
    }
    let mut conn = database.acquire().await?;
    let won: bool = db::query_scalar("SELECT pg_try_advisory_lock(?)")
        .bind(job as i64)
        .fetch_one(&mut *conn)
        .await?;
    if !won {
        return Ok(None);
    }
    let result = round.await;
    // Released on the same connection; if this fails the connection is dropped with it
    // and PostgreSQL releases a session lock when its session ends.
    let unlocked = db::query("SELECT pg_advisory_unlock(?)")
        .bind(job as i64)
        .execute(&mut *conn)
        .await;
    if unlocked.is_err() {
        conn.close_hard().await;
    }
    result.map(Some)
}
