//! A cache written by the previous release (only migration 0001) opens and migrates.

use admin_cache::{Cache, NewProfile};
use chrono::Utc;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

#[tokio::test]
async fn cache_of_the_previous_release_opens_and_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let old_migrations = dir.path().join("migrations-0.1");
    std::fs::create_dir(&old_migrations).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/0001_profiles.sql"),
        old_migrations.join("0001_profiles.sql"),
    )
    .unwrap();
    let path = dir.path().join("cache.sqlite");
    {
        let pool = SqlitePoolOptions::new()
            .connect_with(
                SqliteConnectOptions::new()
                    .filename(&path)
                    .create_if_missing(true),
            )
            .await
            .unwrap();
        Migrator::new(old_migrations.as_path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO profiles (id, name, url, username, demo, created_at, last_used_at) \
             VALUES ('p1', 'Old', 'https://old.example', 'ann@old.example', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    }
    let cache = Cache::open(&path).await.unwrap();
    let profiles = cache.profiles().await.unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].username, "ann@old.example");
    let state = cache.sync_state("p1", "audit").await.unwrap();
    assert_eq!(state.cursor, 0);
    cache
        .save_profile(
            NewProfile {
                id: "p2",
                name: "New",
                url: "https://new.example",
                username: "bob@new.example",
                demo: false,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(cache.pool())
            .await
            .unwrap();
    // Every migration this release ships has run, the old one included.
    let mut shipped: Vec<i64> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
            .unwrap()
            .map(|e| {
                e.unwrap().file_name().to_string_lossy()[..4]
                    .parse()
                    .unwrap()
            })
            .collect();
    shipped.sort();
    assert!(shipped.len() >= 2, "{shipped:?}");
    assert_eq!(versions, shipped);
}
