use crate::{Cache, CacheResult};

impl Cache {
    pub async fn setting(&self, key: &str) -> CacheResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.db)
                .await?,
        )
    }

    pub async fn set_setting(&self, key: &str, value: Option<&str>) -> CacheResult<()> {
        self.writing(async {
            match value {
                Some(value) => {
                    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                        .bind(key)
                        .bind(value)
                        .execute(&self.db)
                        .await?
                }
                None => sqlx::query("DELETE FROM settings WHERE key = ?").bind(key).execute(&self.db).await?,
            };
            Ok(())
        })
        .await
    }
}
