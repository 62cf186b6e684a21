//! Over 500 lines: the one seam between the handlers and the two drivers. The pool, the
//! executors, the argument values and the query builders wrap both drivers side by side, so
//! a query written once runs on either; split by driver, each wrapper would live twice.
//! The service's database: SQLite (the embedded default) or PostgreSQL (several instances
//! sharing one database), chosen by the URL's scheme.
//!
//! Queries are written once, in the SQL both accept, with SQLite's `?` placeholders; on
//! PostgreSQL they are renumbered to `$1, $2…` when run (`pg_sql`). `query`, `query_as`,
//! `query_scalar` and `QueryBuilder` mirror sqlx's own functions, so a query reads as it would
//! with sqlx: `db::query_as::<(i64, String)>("SELECT … WHERE id = ?").bind(id).fetch_one(&db)`.
//! Arguments are kept as values (`Arg`) and bound to whichever driver runs the query; rows are
//! decoded by sqlx itself, so a row type must decode from both (`Row`). ARCHITECTURE.md says
//! why this rather than sqlx's `Any` driver.

use chrono::{DateTime, Utc};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
};
use sqlx::{Connection, PgConnection, Postgres, Sqlite, SqliteConnection, Transaction};
use std::marker::PhantomData;
use std::str::FromStr;
use std::time::Duration;

pub static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
pub static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations-pg");

/// The advisory lock (PostgreSQL) that every write transaction holds (`begin_write`), so
/// appends to the audit hash chains queue across every instance sharing the database.
pub const AUDIT_CHAIN_LOCK: i64 = 0x4155_4449_5401;

/// A pool of either backend. Cloning shares the pool.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which backend a database is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Opens (creating the file if needed, for SQLite) the database at a `sqlite://PATH` or
/// `postgres://…` URL and migrates it.
pub async fn open(url: &str) -> Result<Db, sqlx::Error> {
    let db = connect(url).await?;
    db.migrate().await?;
    Ok(db)
}

/// Opens without migrating (the restore command fills an empty database from a dump).
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    if is_postgres(url) {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(options)
            .await?;
        return Ok(Db::Postgres(pool));
    }
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
    Ok(Db::Sqlite(pool))
}

/// `db.begin_write()`, under the name the service's handlers call it by.
pub async fn begin_write(db: &Db) -> Result<Tx, sqlx::Error> {
    db.begin_write().await
}

pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn migrate(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Begins a write transaction: the one way the service begins a transaction.
    ///
    /// SQLite: `BEGIN IMMEDIATE`, which holds the write lock from the start. Every
    /// transaction here reads before it writes; a deferred one that has read cannot upgrade
    /// to a write once another connection wrote, and SQLite then fails it at once
    /// ("database is locked") instead of waiting out `busy_timeout`.
    ///
    /// PostgreSQL: a READ COMMITTED transaction holding `pg_advisory_xact_lock(AUDIT_CHAIN_LOCK)`
    /// until it ends. Nearly every write records its audit event in the same transaction
    /// (`audit_tx`), and that event links to the chain head it reads, so two writers through
    /// different instances must not read the same head: the lock makes them queue, as SQLite's
    /// write lock does. Taking it first, before any row lock, gives every writer the same lock
    /// order (no deadlock between a writer holding rows and one holding the chain), and keeps
    /// the behaviour the SQLite-tested code relies on: one writer at a time, reads inside
    /// the transaction see what the previous writer committed.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        Ok(Tx(match self {
            Db::Sqlite(p) => Conn::SqliteTx(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => {
                let mut tx = p.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(AUDIT_CHAIN_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Conn::PostgresTx(tx)
            }
        }))
    }

    /// A connection out of the pool, outside any transaction.
    pub async fn acquire(&self) -> Result<Tx, sqlx::Error> {
        Ok(Tx(match self {
            Db::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Conn::Postgres(p.acquire().await?),
        }))
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// A connection: pooled, or inside a transaction. Functions that run inside a caller's
/// transaction take `&mut Conn`.
#[derive(Debug)]
pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    SqliteTx(Transaction<'static, Sqlite>),
    Postgres(PoolConnection<Postgres>),
    PostgresTx(Transaction<'static, Postgres>),
}

/// A transaction (`begin`) or a pooled connection (`acquire`) held by its owner, who passes
/// `&mut *tx` to queries, as with sqlx. A transaction not committed rolls back when dropped.
#[derive(Debug)]
pub struct Tx(Conn);

impl std::ops::Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.0 {
            Conn::SqliteTx(tx) => tx.commit().await,
            Conn::PostgresTx(tx) => tx.commit().await,
            Conn::Sqlite(_) | Conn::Postgres(_) => Ok(()),
        }
    }
}

impl Tx {
    /// Closes the connection instead of returning it to the pool (its session state,
    /// such as an advisory lock, then ends with it).
    pub async fn close_hard(self) {
        use sqlx::Connection;
        let _ = match self.0 {
            Conn::Sqlite(c) => c.detach().close().await,
            Conn::Postgres(c) => c.detach().close().await,
            Conn::SqliteTx(_) | Conn::PostgresTx(_) => Ok(()),
        };
    }
}

impl Conn {
    /// ` FOR UPDATE` on PostgreSQL, which locks the rows a SELECT read until the transaction
    /// ends; nothing on SQLite, where a transaction that wrote holds the only write lock.
    pub fn for_update(&self) -> &'static str {
        match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE",
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Conn::Sqlite(_) | Conn::SqliteTx(_) => Backend::Sqlite,
            Conn::Postgres(_) | Conn::PostgresTx(_) => Backend::Postgres,
        }
    }
}

/// Where a query runs: the pool or one connection.
pub enum Target<'e> {
    SqlitePool(&'e SqlitePool),
    SqliteConn(&'e mut SqliteConnection),
    PostgresPool(&'e PgPool),
    PostgresConn(&'e mut PgConnection),
}

/// What a query can run on: `&Db`, `&mut Conn`.
pub trait Executor<'e>: Send {
    fn target(self) -> Target<'e>;
}

impl<'e> Executor<'e> for &'e Db {
    fn target(self) -> Target<'e> {
        match self {
            Db::Sqlite(p) => Target::SqlitePool(p),
            Db::Postgres(p) => Target::PostgresPool(p),
        }
    }
}

impl<'e> Executor<'e> for &'e mut Conn {
    fn target(self) -> Target<'e> {
        match self {
            Conn::Sqlite(c) => Target::SqliteConn(c),
            Conn::SqliteTx(c) => Target::SqliteConn(c),
            Conn::Postgres(c) => Target::PostgresConn(c),
            Conn::PostgresTx(c) => Target::PostgresConn(c),
        }
    }
}

impl<'e> Executor<'e> for &'e mut Tx {
    fn target(self) -> Target<'e> {
        (&mut self.0).target()
    }
}

/// One bound value, kept until the backend is known.
#[derive(Clone, Debug)]
pub enum Arg {
    I64(Option<i64>),
    F64(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Time(Option<DateTime<Utc>>),
    Bytes(Option<Vec<u8>>),
}

macro_rules! arg_from {
    ($variant:ident, $t:ty, $conv:expr) => {
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                #[allow(clippy::redundant_closure_call)]
                Arg::$variant(Some(($conv)(v)))
            }
        }
        impl From<Option<$t>> for Arg {
            fn from(v: Option<$t>) -> Arg {
                #[allow(clippy::redundant_closure_call)]
                Arg::$variant(v.map($conv))
            }
        }
        impl From<&$t> for Arg {
            fn from(v: &$t) -> Arg {
                Arg::from(v.clone())
            }
        }
        impl From<&Option<$t>> for Arg {
            fn from(v: &Option<$t>) -> Arg {
                Arg::from(v.clone())
            }
        }
    };
}

arg_from!(I64, i64, |v| v);
arg_from!(I64, i32, i64::from);
arg_from!(I64, u32, i64::from);
arg_from!(I64, u16, i64::from);
arg_from!(I64, u8, i64::from);
arg_from!(F64, f64, |v| v);
arg_from!(Bool, bool, |v| v);
arg_from!(Text, String, |v| v);
arg_from!(Time, DateTime<Utc>, |v| v);
arg_from!(Bytes, Vec<u8>, |v| v);

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_owned()))
    }
}
impl From<&&str> for Arg {
    fn from(v: &&str) -> Arg {
        Arg::Text(Some((*v).to_owned()))
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_owned))
    }
}
impl From<&Option<&str>> for Arg {
    fn from(v: &Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_owned))
    }
}
impl From<Option<&String>> for Arg {
    fn from(v: Option<&String>) -> Arg {
        Arg::Text(v.cloned())
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(v: std::borrow::Cow<'_, str>) -> Arg {
        Arg::Text(Some(v.into_owned()))
    }
}
impl From<&[u8]> for Arg {
    fn from(v: &[u8]) -> Arg {
        Arg::Bytes(Some(v.to_vec()))
    }
}

/// The arguments as one driver's own, bound in order.
fn encode<'q, DB: sqlx::Database>(args: &[Arg]) -> Result<DB::Arguments<'q>, sqlx::Error>
where
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<f64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<bool>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<DateTime<Utc>>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<Vec<u8>>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    use sqlx::Arguments;
    let mut out = DB::Arguments::<'q>::default();
    for a in args {
        let r = match a.clone() {
            Arg::I64(v) => out.add(v),
            Arg::F64(v) => out.add(v),
            Arg::Bool(v) => out.add(v),
            Arg::Text(v) => out.add(v),
            Arg::Time(v) => out.add(v),
            Arg::Bytes(v) => out.add(v),
        };
        r.map_err(sqlx::Error::Encode)?;
    }
    Ok(out)
}

fn sqlite_args<'q>(args: &[Arg]) -> Result<sqlx::sqlite::SqliteArguments<'q>, sqlx::Error> {
    encode::<sqlx::Sqlite>(args)
}

fn pg_args(args: &[Arg]) -> Result<sqlx::postgres::PgArguments, sqlx::Error> {
    encode::<sqlx::Postgres>(args)
}

/// SQLite's `?` and `?N` placeholders as PostgreSQL's `$N`, outside quotes and comments.
pub fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut next = 0u32;
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for c in chars.by_ref() {
                    out.push(c);
                    if c == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = if digits.is_empty() {
                    next += 1;
                    next
                } else {
                    let n = digits.parse().unwrap_or(0);
                    next = next.max(n);
                    n
                };
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

/// What `execute` reports.
#[derive(Clone, Copy, Debug)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

/// A row type both drivers decode: a tuple of types each backend maps, or a `FromRow`.
pub trait Row:
    for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Row for T where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}

/// A statement with its arguments; `query_as` and `query_scalar` decode its rows.
#[must_use]
pub struct Query {
    sql: String,
    args: Vec<Arg>,
}

pub fn query(sql: impl Into<String>) -> Query {
    Query {
        sql: sql.into(),
        args: Vec::new(),
    }
}

pub fn query_as<O: Row>(sql: impl Into<String>) -> QueryAs<O> {
    QueryAs {
        q: query(sql),
        _row: PhantomData,
    }
}

pub fn query_scalar<O>(sql: impl Into<String>) -> QueryScalar<O>
where
    (O,): Row,
    O: Send + Unpin,
{
    QueryScalar {
        q: query(sql),
        _row: PhantomData,
    }
}

impl Query {
    pub fn bind(mut self, value: impl Into<Arg>) -> Self {
        self.args.push(value.into());
        self
    }

    pub async fn execute<'e>(self, on: impl Executor<'e>) -> Result<Done, sqlx::Error> {
        let rows_affected = match on.target() {
            Target::SqlitePool(p) => {
                let args = sqlite_args(&self.args)?;
                sqlx::query_with(&self.sql, args)
                    .execute(p)
                    .await?
                    .rows_affected()
            }
            Target::SqliteConn(c) => {
                let args = sqlite_args(&self.args)?;
                sqlx::query_with(&self.sql, args)
                    .execute(c)
                    .await?
                    .rows_affected()
            }
            Target::PostgresPool(p) => {
                let sql = pg_sql(&self.sql);
                sqlx::query_with(&sql, pg_args(&self.args)?)
                    .execute(p)
                    .await?
                    .rows_affected()
            }
            Target::PostgresConn(c) => {
                let sql = pg_sql(&self.sql);
                sqlx::query_with(&sql, pg_args(&self.args)?)
                    .execute(c)
                    .await?
                    .rows_affected()
            }
        };
        Ok(Done { rows_affected })
    }
}

#[must_use]
pub struct QueryAs<O> {
    q: Query,
    _row: PhantomData<fn() -> O>,
}

macro_rules! fetch_methods {
    ($with:path) => {
        pub async fn fetch_all<'e>(self, on: impl Executor<'e>) -> Result<Vec<O>, sqlx::Error> {
            let q = self.q;
            match on.target() {
                Target::SqlitePool(p) => $with(&q.sql, sqlite_args(&q.args)?).fetch_all(p).await,
                Target::SqliteConn(c) => $with(&q.sql, sqlite_args(&q.args)?).fetch_all(c).await,
                Target::PostgresPool(p) => {
                    let sql = pg_sql(&q.sql);
                    $with(&sql, pg_args(&q.args)?).fetch_all(p).await
                }
                Target::PostgresConn(c) => {
                    let sql = pg_sql(&q.sql);
                    $with(&sql, pg_args(&q.args)?).fetch_all(c).await
                }
            }
        }

        pub async fn fetch_optional<'e>(
            self,
            on: impl Executor<'e>,
        ) -> Result<Option<O>, sqlx::Error> {
            let q = self.q;
            match on.target() {
                Target::SqlitePool(p) => {
                    $with(&q.sql, sqlite_args(&q.args)?).fetch_optional(p).await
                }
                Target::SqliteConn(c) => {
                    $with(&q.sql, sqlite_args(&q.args)?).fetch_optional(c).await
                }
                Target::PostgresPool(p) => {
                    let sql = pg_sql(&q.sql);
                    $with(&sql, pg_args(&q.args)?).fetch_optional(p).await
                }
                Target::PostgresConn(c) => {
                    let sql = pg_sql(&q.sql);
                    $with(&sql, pg_args(&q.args)?).fetch_optional(c).await
                }
            }
        }

        pub async fn fetch_one<'e>(self, on: impl Executor<'e>) -> Result<O, sqlx::Error> {
            self.fetch_optional(on)
                .await?
                .ok_or(sqlx::Error::RowNotFound)
        }

        pub fn bind(mut self, value: impl Into<Arg>) -> Self {
            self.q.args.push(value.into());
            self
        }
    };
}

impl<O: Row> QueryAs<O> {
    fetch_methods!(sqlx::query_as_with);
}

#[must_use]
pub struct QueryScalar<O> {
    q: Query,
    _row: PhantomData<fn() -> O>,
}

impl<O> QueryScalar<O>
where
    (O,): Row,
    O: Send + Unpin,
{
    fetch_methods!(sqlx::query_scalar_with);
}

/// Builds SQL in pieces, as sqlx's `QueryBuilder`; `push_bind` adds a `?` and its value.
pub struct QueryBuilder {
    sql: String,
    args: Vec<Arg>,
}

impl QueryBuilder {
    pub fn new(init: impl Into<String>) -> Self {
        QueryBuilder {
            sql: init.into(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: impl std::fmt::Display) -> &mut Self {
        use std::fmt::Write;
        let _ = write!(self.sql, "{sql}");
        self
    }

    pub fn push_bind(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.sql.push('?');
        self.args.push(value.into());
        self
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn build(&self) -> Query {
        Query {
            sql: self.sql.clone(),
            args: self.args.clone(),
        }
    }

    pub fn build_query_as<O: Row>(&self) -> QueryAs<O> {
        QueryAs {
            q: self.build(),
            _row: PhantomData,
        }
    }

    pub fn build_query_scalar<O>(&self) -> QueryScalar<O>
    where
        (O,): Row,
        O: Send + Unpin,
    {
        QueryScalar {
            q: self.build(),
            _row: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pg_sql;

    #[test]
    fn placeholders_are_numbered_outside_quotes_and_comments() {
        assert_eq!(
            pg_sql("SELECT '?', x FROM t WHERE a = ? AND b = ? -- c?\n AND d = ?"),
            "SELECT '?', x FROM t WHERE a = $1 AND b = $2 -- c?\n AND d = $3"
        );
        assert_eq!(pg_sql("SELECT ?1, ?3, ?2, ?1"), "SELECT $1, $3, $2, $1");
    }
}
