//! Panels keep their last answer here, so offline they show it with its age instead of nothing.

use crate::{Cache, CacheResult};
use chrono::{DateTime, Utc};

impl Cache {
    pub async fn save_snapshot(
        &self,
        profile_id: &str,
        key: &str,
        body: &str,
        taken_at: DateTime<Utc>,
    ) -> CacheResult<()> {
        self.writing(async {
            sqlx::query(
                "INSERT INTO snapshots (profile_id, key, taken_at, body) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (profile_id, key) DO UPDATE SET taken_at = excluded.taken_at, body = excluded.body",
            )
            .bind(profile_id)
            .bind(key)
            .bind(taken_at)
            .bind(body)
            .execute(&self.db)
            .await?;
            Ok(())
        })
        .await
    }

    /// The body and when it was taken.
    pub async fn snapshot(
        &self,
        profile_id: &str,
        key: &str,
    ) -> CacheResult<Option<(String, DateTime<Utc>)>> {
        Ok(
            sqlx::query_as("SELECT body, taken_at FROM snapshots WHERE profile_id = ? AND key = ?")
                .bind(profile_id)
                .bind(key)
                .fetch_optional(&self.db)
                .await?,
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    #[tokio::test]
    async fn snapshots_replace_per_profile_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::test_support::cache_with_profile(dir.path()).await;
        assert_eq!(cache.snapshot("p", "uptime").await.unwrap(), None);
        let t = Utc::now();
        cache
            .save_snapshot("p", "uptime", "{\"a\":1}", t)
            .await
            .unwrap();
        cache
            .save_snapshot("p", "uptime", "{\"a\":2}", t)
            .await
            .unwrap();
        let (body, at) = cache.snapshot("p", "uptime").await.unwrap().unwrap();
        assert_eq!((body.as_str(), at), ("{\"a\":2}", t));
        assert_eq!(cache.snapshot("p", "other").await.unwrap(), None);
    }
}
