//! The cache as a whole, for Settings: how much disk it takes, and clearing every copy the
//! next sync fetches again. What exists only here stays: profiles, settings, local audit
//! records not yet sent and notification reads not yet told to the service.

use crate::{Cache, CacheResult};

impl Cache {
    /// The database's size in bytes, as SQLite counts its pages.
    pub async fn size_bytes(&self) -> CacheResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
        )
        .fetch_one(&self.db)
        .await?)
    }

    /// Deletes every copy fetched from a service, then gives the space back to the disk.
    pub async fn clear_copies(&self) -> CacheResult<()> {
        self.writing(async {
            let mut tx = self.begin_write().await?;
            for sql in [
                "DELETE FROM snapshots",
                "DELETE FROM maintenance_windows",
                "DELETE FROM maintenance_fetches",
                "DELETE FROM activities",
                "DELETE FROM notifications WHERE read_pending = 0",
                "INSERT INTO audit_fts (audit_fts) VALUES ('delete-all')",
                "DELETE FROM audit_events",
                "DELETE FROM sync_state",
            ] {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            sqlx::query("VACUUM").execute(&self.db).await?;
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    /// Clearing forgets the copies and gives their space back, and keeps the profile, its
    /// settings and the local records the service has not been told yet.
    #[tokio::test]
    async fn clearing_keeps_what_exists_only_here() {
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::test_support::cache_with_profile(dir.path()).await;
        let now = Utc::now();
        cache.set_setting("sync_cadence", Some("15")).await.unwrap();
        let big = "x".repeat(2_000_000);
        cache.save_snapshot("p", "uptime", &big, now).await.unwrap();
        cache
            .record_local_audit("p", now, "audit.viewed", "{}")
            .await
            .unwrap();
        let before = cache.size_bytes().await.unwrap();
        assert!(before > 2_000_000, "{before}");

        cache.clear_copies().await.unwrap();

        assert_eq!(cache.snapshot("p", "uptime").await.unwrap(), None);
        assert!(cache.size_bytes().await.unwrap() < before / 10);
        assert_eq!(cache.profiles().await.unwrap().len(), 1);
        assert_eq!(
            cache.setting("sync_cadence").await.unwrap().as_deref(),
            Some("15")
        );
        assert_eq!(cache.unsent_local_audit("p").await.unwrap().len(), 1);
    }
}
