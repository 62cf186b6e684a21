use crate::{Cache, CacheError, CacheResult};
use admin_api::MaintenanceWindow;
use chrono::{DateTime, Utc};

/// A cached calendar and when it was fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedMaintenance {
    pub fetched_at: DateTime<Utc>,
    pub windows: Vec<MaintenanceWindow>,
}

impl Cache {
    /// Replaces the profile's cached calendar with what the service just answered.
    pub async fn store_maintenance(
        &self,
        profile_id: &str,
        windows: &[MaintenanceWindow],
        fetched_at: DateTime<Utc>,
    ) -> CacheResult<()> {
        self.writing(async {
            let mut tx = self.begin_write().await?;
            sqlx::query("DELETE FROM maintenance_windows WHERE profile_id = ?")
                .bind(profile_id)
                .execute(&mut *tx)
                .await?;
            for w in windows {
                let body = serde_json::to_string(w).map_err(|e| CacheError::Invalid(e.to_string()))?;
                sqlx::query(
                    "INSERT INTO maintenance_windows (profile_id, id, starts_at, body) VALUES (?, ?, ?, ?)",
                )
                .bind(profile_id)
                .bind(w.id)
                .bind(w.starts_at)
                .bind(body)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(
                "INSERT INTO maintenance_fetches (profile_id, fetched_at) VALUES (?, ?) \
                 ON CONFLICT(profile_id) DO UPDATE SET fetched_at = excluded.fetched_at",
            )
            .bind(profile_id)
            .bind(fetched_at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
        .await
    }

    /// The profile's cached calendar, oldest window first; none if never fetched.
    pub async fn maintenance(&self, profile_id: &str) -> CacheResult<Option<CachedMaintenance>> {
        let fetched_at: Option<DateTime<Utc>> =
            sqlx::query_scalar("SELECT fetched_at FROM maintenance_fetches WHERE profile_id = ?")
                .bind(profile_id)
                .fetch_optional(&self.db)
                .await?;
        let Some(fetched_at) = fetched_at else {
            return Ok(None);
        };
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM maintenance_windows WHERE profile_id = ? ORDER BY starts_at, id",
        )
        .bind(profile_id)
        .fetch_all(&self.db)
        .await?;
        let windows = bodies
            .iter()
            .map(|b| serde_json::from_str(b).map_err(|e| CacheError::Invalid(e.to_string())))
            .collect::<CacheResult<Vec<MaintenanceWindow>>>()?;
        Ok(Some(CachedMaintenance {
            fetched_at,
            windows,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewProfile;
    use admin_api::MaintenanceStatus;
    use chrono::TimeZone;

    fn window(id: i64, day: u32) -> MaintenanceWindow {
        let at = Utc.with_ymd_and_hms(2027, 3, day, 19, 0, 0).unwrap();
        MaintenanceWindow {
            id,
            title: format!("w{id}"),
            description: String::new(),
            impact: String::new(),
            affected_components: vec!["api".into()],
            starts_at: at,
            ends_at: at + chrono::Duration::hours(2),
            status: MaintenanceStatus::Scheduled,
            announced_at: None,
            routine: true,
            series_id: Some(id),
            recurrence: Some("FREQ=WEEKLY;COUNT=2".into()),
        }
    }

    #[tokio::test]
    async fn calendar_round_trips_and_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite")).await.unwrap();
        cache
            .save_profile(
                NewProfile {
                    id: "p",
                    name: "P",
                    url: "https://p.example",
                    username: "u",
                    demo: false,
                },
                Utc::now(),
            )
            .await
            .unwrap();
        assert_eq!(cache.maintenance("p").await.unwrap(), None);
        let at = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        cache
            .store_maintenance("p", &[window(2, 9), window(1, 2)], at)
            .await
            .unwrap();
        let got = cache.maintenance("p").await.unwrap().unwrap();
        assert_eq!(got.fetched_at, at);
        assert_eq!(got.windows, [window(1, 2), window(2, 9)]);
        cache
            .store_maintenance("p", &[window(3, 4)], at)
            .await
            .unwrap();
        let got = cache.maintenance("p").await.unwrap().unwrap();
        assert_eq!(got.windows, [window(3, 4)]);
    }
}
