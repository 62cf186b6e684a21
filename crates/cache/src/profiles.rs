use crate::{Cache, CacheError, CacheResult};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A server the console signs in to: where, as whom. Never how (no secrets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, TS)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub url: String,
    pub username: String,
    pub demo: bool,
}

pub struct NewProfile<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub username: &'a str,
    pub demo: bool,
}

const ACTIVE_PROFILE: &str = "active_profile";

impl Cache {
    /// Saves a profile, or refreshes the one with the same id or the same URL and
    /// username (whose id then wins, so its keyring entry stays found).
    pub async fn save_profile(
        &self,
        new: NewProfile<'_>,
        now: DateTime<Utc>,
    ) -> CacheResult<Profile> {
        self.writing(async {
            if new.name.trim().is_empty() || new.url.trim().is_empty() || new.username.trim().is_empty()
            {
                return Err(CacheError::Invalid(
                    "a profile needs a name, a URL and a username".into(),
                ));
            }
            let mut tx = self.begin_write().await?;
            let same_login: Option<String> =
                sqlx::query_scalar("SELECT id FROM profiles WHERE url = ? AND username = ?")
                    .bind(new.url)
                    .bind(new.username)
                    .fetch_optional(&mut *tx)
                    .await?;
            let id = same_login.as_deref().unwrap_or(new.id);
            sqlx::query(
                "INSERT INTO profiles (id, name, url, username, demo, created_at, last_used_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?) \
                 ON CONFLICT(id) DO UPDATE SET name = excluded.name, url = excluded.url, \
                 username = excluded.username, demo = excluded.demo, last_used_at = excluded.last_used_at",
            )
            .bind(id)
            .bind(new.name)
            .bind(new.url)
            .bind(new.username)
            .bind(new.demo)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(self.profile(id).await?.expect("just saved"))
        })
        .await
    }

    pub async fn profile(&self, id: &str) -> CacheResult<Option<Profile>> {
        Ok(
            sqlx::query_as("SELECT id, name, url, username, demo FROM profiles WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.db)
                .await?,
        )
    }

    pub async fn profiles(&self) -> CacheResult<Vec<Profile>> {
        Ok(sqlx::query_as(
            "SELECT id, name, url, username, demo FROM profiles ORDER BY last_used_at DESC",
        )
        .fetch_all(&self.db)
        .await?)
    }

    /// The demo profile, whatever port its embedded service had last time.
    pub async fn demo_profile(&self) -> CacheResult<Option<Profile>> {
        Ok(sqlx::query_as(
            "SELECT id, name, url, username, demo FROM profiles WHERE demo = 1 LIMIT 1",
        )
        .fetch_optional(&self.db)
        .await?)
    }

    /// The embedded demo service gets a new port every start.
    pub async fn set_profile_url(&self, id: &str, url: &str) -> CacheResult<()> {
        self.writing(async {
            sqlx::query("UPDATE profiles SET url = ? WHERE id = ?")
                .bind(url)
                .bind(id)
                .execute(&self.db)
                .await?;
            Ok(())
        })
        .await
    }

    pub async fn active_profile(&self) -> CacheResult<Option<Profile>> {
        match self.setting(ACTIVE_PROFILE).await? {
            Some(id) => self.profile(&id).await,
            None => Ok(None),
        }
    }

    pub async fn set_active_profile(&self, id: Option<&str>) -> CacheResult<()> {
        self.writing(async { self.set_setting(ACTIVE_PROFILE, id).await })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn cache() -> (Cache, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        (
            Cache::open(&dir.path().join("cache.sqlite")).await.unwrap(),
            dir,
        )
    }

    fn new<'a>(id: &'a str, url: &'a str) -> NewProfile<'a> {
        NewProfile {
            id,
            name: "Prod",
            url,
            username: "manager@example.com",
            demo: false,
        }
    }

    #[tokio::test]
    async fn profile_round_trips_and_keeps_its_id_on_resave() {
        let (cache, _dir) = cache().await;
        let now = Utc::now();
        let first = cache
            .save_profile(new("p1", "https://a.example"), now)
            .await
            .unwrap();
        let again = cache
            .save_profile(new("p2", "https://a.example"), now)
            .await
            .unwrap();
        assert_eq!(first.id, "p1");
        assert_eq!(again.id, "p1");
        assert_eq!(cache.profiles().await.unwrap().len(), 1);
        // The embedded demo service moves ports: same id, new URL.
        let moved = cache
            .save_profile(new("p1", "http://127.0.0.1:5555"), now)
            .await
            .unwrap();
        assert_eq!(
            (moved.id.as_str(), moved.url.as_str()),
            ("p1", "http://127.0.0.1:5555")
        );
        assert_eq!(cache.profiles().await.unwrap().len(), 1);
        let first = moved;
        cache.set_active_profile(Some("p1")).await.unwrap();
        assert_eq!(cache.active_profile().await.unwrap(), Some(first));
        cache.set_active_profile(None).await.unwrap();
        assert_eq!(cache.active_profile().await.unwrap(), None);
    }

    #[tokio::test]
    async fn bad_profile_is_refused_and_loses_nothing() {
        let (cache, _dir) = cache().await;
        cache
            .save_profile(new("p1", "https://a.example"), Utc::now())
            .await
            .unwrap();
        let bad = NewProfile {
            id: "p3",
            name: " ",
            url: "https://b.example",
            username: "x",
            demo: false,
        };
        let err = cache.save_profile(bad, Utc::now()).await.unwrap_err();
        assert!(err.to_string().contains("name"));
        assert_eq!(cache.profiles().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn reopening_keeps_data_and_reruns_no_migration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let cache = Cache::open(&path).await.unwrap();
        cache
            .save_profile(new("p1", "https://a.example"), Utc::now())
            .await
            .unwrap();
        cache.pool().close().await;
        let reopened = Cache::open(&path).await.unwrap();
        assert_eq!(reopened.profiles().await.unwrap().len(), 1);
    }
}
