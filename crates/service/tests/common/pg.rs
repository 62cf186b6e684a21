//! PostgreSQL for the integration tests. `scripts/test-all.sh` starts a throwaway cluster and
//! sets `ADMIN_TEST_PG_URL` to it; each test gets a database of its own, created here, so
//! tests stay parallel. `ADMIN_TEST_BACKEND=postgres` runs every `TestService` on it.

use std::sync::atomic::{AtomicU32, Ordering};

pub const URL_VAR: &str = "ADMIN_TEST_PG_URL";
pub const BACKEND_VAR: &str = "ADMIN_TEST_BACKEND";

/// Whether the harness runs the services on PostgreSQL (`ADMIN_TEST_BACKEND=postgres`).
pub fn selected() -> bool {
    std::env::var(BACKEND_VAR).is_ok_and(|v| v == "postgres")
}

/// A new, empty database on the test cluster, as a URL. Without `ADMIN_TEST_PG_URL` this
/// says the PostgreSQL check was skipped and answers None; in CI (`CI` set) or when
/// PostgreSQL was asked for, a missing cluster is a failure instead.
pub async fn fresh_database(test: &str) -> Option<String> {
    let Ok(cluster) = std::env::var(URL_VAR) else {
        assert!(
            std::env::var_os("CI").is_none() && !selected(),
            "{URL_VAR} is not set: scripts/test-all.sh starts PostgreSQL and sets it"
        );
        eprintln!(
            "SKIPPED on PostgreSQL: {test} ({URL_VAR} is not set; scripts/test-all.sh sets it)"
        );
        return None;
    };
    Some(create_database(&cluster).await)
}

/// Creates a database named for this process and a counter on the cluster at `cluster`.
pub async fn create_database(cluster: &str) -> String {
    use sqlx::Connection;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let name = format!(
        "t_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = sqlx::PgConnection::connect(cluster)
        .await
        .unwrap_or_else(|e| panic!("connect to {cluster}: {e}"));
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE \"{name}\"").as_str())
        .await
        .unwrap_or_else(|e| panic!("create database {name}: {e}"));
    let _ = admin.close().await;
    let mut url = url::Url::parse(cluster).expect("cluster URL");
    url.set_path(&name);
    url.to_string()
}

/// The database URL a `TestService` runs on: a fresh PostgreSQL database when
/// `ADMIN_TEST_BACKEND=postgres`, else an SQLite file in `dir`.
pub async fn database_url(dir: &std::path::Path) -> String {
    if selected() {
        let cluster = std::env::var(URL_VAR)
            .unwrap_or_else(|_| panic!("{BACKEND_VAR}=postgres needs {URL_VAR}"));
        return create_database(&cluster).await;
    }
    format!("sqlite://{}/t.sqlite", dir.display())
}

/// Every row of every table of a PostgreSQL database, each cast to text (all its columns'
/// values): what a scan for a secret reads where SQLite's tests read the database file.
pub async fn every_row_text(db: &admin_service::db::Db) -> String {
    let tables: Vec<String> = admin_service::db::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(db)
    .await
    .expect("list tables");
    let mut all = String::new();
    for table in tables {
        let rows: Vec<String> =
            admin_service::db::query_scalar(format!("SELECT CAST(t AS TEXT) FROM \"{table}\" t"))
                .fetch_all(db)
                .await
                .expect("read table");
        for row in rows {
            all.push_str(&table);
            all.push('=');
            all.push_str(&row);
            all.push('\n');
        }
    }
    all
}
