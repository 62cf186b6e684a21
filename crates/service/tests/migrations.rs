//! The two backends' migrations stay in step (issue 23): the same versions, and after
//! migrating, the same tables with the same columns.

mod common;

use admin_service::db::{self, Db};
use std::collections::{BTreeMap, BTreeSet};

fn versions(dir: &str) -> BTreeSet<String> {
    let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect()
}

#[test]
fn both_backends_have_the_same_migrations() {
    let sqlite = versions("migrations");
    let postgres = versions("migrations-pg");
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "migrations differ: only in migrations/ {only_sqlite:?}, only in migrations-pg/ {only_postgres:?}"
    );
}

type Schema = BTreeMap<String, BTreeSet<String>>;

async fn schema(db: &Db) -> Schema {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(_) => {
            db::query_as(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(db)
            .await
        }
        Db::Postgres(_) => {
            db::query_as(
                "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(db)
            .await
        }
    }
    .unwrap();
    let mut schema = Schema::new();
    for (table, column) in rows {
        schema.entry(table).or_default().insert(column);
    }
    schema
}

#[tokio::test]
async fn both_backends_have_the_same_tables_and_columns() {
    let Some(pg_url) = common::pg::fresh_database("migrations_parity").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = db::open(&format!("sqlite://{}/s.sqlite", dir.path().display()))
        .await
        .unwrap();
    let postgres = db::open(&pg_url).await.unwrap();
    let (s, p) = (schema(&sqlite).await, schema(&postgres).await);
    assert!(s.len() > 20, "read the SQLite schema: {s:?}");
    let tables: BTreeSet<_> = s.keys().chain(p.keys()).collect();
    let mut differences = Vec::new();
    for table in tables {
        match (s.get(table), p.get(table)) {
            (Some(a), Some(b)) if a != b => differences.push(format!(
                "{table}: only on SQLite {:?}, only on PostgreSQL {:?}",
                a.difference(b).collect::<Vec<_>>(),
                b.difference(a).collect::<Vec<_>>()
            )),
            (Some(_), None) => differences.push(format!("{table}: only on SQLite")),
            (None, Some(_)) => differences.push(format!("{table}: only on PostgreSQL")),
            _ => {}
        }
    }
    assert!(
        differences.is_empty(),
        "schemas differ:\n{}",
        differences.join("\n")
    );
}
