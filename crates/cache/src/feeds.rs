//! Offline copies of the activity and notification feeds: same paging as the audit sync
//! (each page with its cursor in one transaction), no chain to verify.

use crate::sync::SyncError;
use crate::Cache;
use admin_api::{UserActivity, UserNotification};
use admin_client::Client;

pub const ACTIVITIES_FEED: &str = "activities";
pub const NOTIFICATIONS_FEED: &str = "notifications";

async fn cursor(cache: &Cache, source: i64, feed: &str) -> Result<i64, SyncError> {
    Ok(
        sqlx::query_scalar("SELECT cursor FROM sync_state WHERE source = ? AND feed = ?")
            .bind(source)
            .bind(feed)
            .fetch_optional(cache.pool())
            .await?
            .unwrap_or(0),
    )
}

async fn save_cursor(
    tx: &mut sqlx::SqliteConnection,
    source: i64,
    feed: &str,
    cursor: i64,
    high_water: i64,
) -> Result<(), SyncError> {
    sqlx::query(
        "INSERT INTO sync_state (source, feed, cursor, high_water, synced_at) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT(source, feed) DO UPDATE SET cursor = excluded.cursor, \
         high_water = excluded.high_water, synced_at = excluded.synced_at",
    )
    .bind(source)
    .bind(feed)
    .bind(cursor)
    .bind(high_water)
    .bind(chrono::Utc::now())
    .execute(tx)
    .await?;
    Ok(())
}

/// Sends the reads marked in the console while the service could not be told.
async fn send_pending_reads(cache: &Cache, key: &str, client: &Client) -> Result<(), SyncError> {
    let source = cache.source_id(key).await?;
    let pending: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM notifications WHERE source = ? AND read_pending = 1 ORDER BY id",
    )
    .bind(source)
    .fetch_all(cache.pool())
    .await?;
    for chunk in pending.chunks(5000) {
        client.mark_notifications_read(chunk.to_vec()).await?;
        cache.notification_reads_sent(key, chunk).await?;
    }
    Ok(())
}

/// Notifications read elsewhere (another console, the service's own pages) are read here
/// too: what the service no longer lists as unread is marked read in the cache.
async fn reconcile_reads(cache: &Cache, source: i64, client: &Client) -> Result<(), SyncError> {
    let mut unread = Vec::new();
    let mut after = 0;
    let upto = cursor(cache, source, NOTIFICATIONS_FEED).await?;
    loop {
        let page = client.unread_notifications_page(after, 5000).await?;
        let full = page.items.len() == 5000;
        unread.extend(page.items.iter().map(|n| n.id));
        after = page.next_after;
        if !full {
            break;
        }
    }
    let cached: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM notifications WHERE source = ? AND read_at IS NULL AND id <= ?",
    )
    .bind(source)
    .bind(upto)
    .fetch_all(cache.pool())
    .await?;
    let unread: std::collections::HashSet<i64> = unread.into_iter().collect();
    let read: Vec<i64> = cached
        .into_iter()
        .filter(|id| !unread.contains(id))
        .collect();
    if !read.is_empty() {
        let mut tx = cache.begin_write().await?;
        for id in read {
            sqlx::query("UPDATE notifications SET read_at = ? WHERE source = ? AND id = ?")
                .bind(chrono::Utc::now())
                .bind(source)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// Brings the caller's visible activities and their own notifications up to date, read
/// states both ways. Returns how many activities and notifications arrived.
pub async fn sync_feeds(
    cache: &Cache,
    source: &str,
    client: &Client,
) -> Result<(u64, u64), SyncError> {
    // A full disk fails the page's transaction (the cache stays as it was) and is named.
    match sync_feed_pages(cache, source, client).await {
        Err(SyncError::Cache(e)) => Err(SyncError::Cache(cache.name_full_disk(e))),
        other => other,
    }
}

async fn sync_feed_pages(
    cache: &Cache,
    source: &str,
    client: &Client,
) -> Result<(u64, u64), SyncError> {
    let source_id = cache.source_id(source).await?;
    send_pending_reads(cache, source, client).await?;
    let mut activities = 0;
    let mut after = cursor(cache, source_id, ACTIVITIES_FEED).await?;
    loop {
        let page = client.activities_page(after, 5000).await?;
        let mut tx = cache.begin_write().await?;
        for a in &page.items {
            sqlx::query(
                "INSERT OR REPLACE INTO activities (source, id, user_id, username, at, kind, detail) \
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(source_id)
            .bind(a.id)
            .bind(a.user_id)
            .bind(&a.username)
            .bind(a.at)
            .bind(&a.kind)
            .bind(&a.detail)
            .execute(&mut *tx)
            .await?;
        }
        save_cursor(
            &mut tx,
            source_id,
            ACTIVITIES_FEED,
            page.next_after,
            page.high_water,
        )
        .await?;
        tx.commit().await?;
        activities += page.items.len() as u64;
        after = page.next_after;
        if page.items.is_empty() || after >= page.high_water {
            break;
        }
    }
    let mut notifications = 0;
    let mut after = cursor(cache, source_id, NOTIFICATIONS_FEED).await?;
    loop {
        let page = client.notifications_page(after, 5000).await?;
        let mut tx = cache.begin_write().await?;
        for n in &page.items {
            // A read marked here first stays read.
            sqlx::query(
                "INSERT INTO notifications (source, id, user_id, at, kind, message, read_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, id) DO UPDATE SET \
                 read_at = COALESCE(notifications.read_at, excluded.read_at)",
            )
            .bind(source_id)
            .bind(n.id)
            .bind(n.user_id)
            .bind(n.at)
            .bind(&n.kind)
            .bind(&n.message)
            .bind(n.read_at)
            .execute(&mut *tx)
            .await?;
        }
        save_cursor(
            &mut tx,
            source_id,
            NOTIFICATIONS_FEED,
            page.next_after,
            page.high_water,
        )
        .await?;
        tx.commit().await?;
        notifications += page.items.len() as u64;
        after = page.next_after;
        if page.items.is_empty() || after >= page.high_water {
            break;
        }
    }
    reconcile_reads(cache, source_id, client).await?;
    Ok((activities, notifications))
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    user_id: i64,
    username: String,
    at: chrono::DateTime<chrono::Utc>,
    kind: String,
    detail: String,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    user_id: i64,
    at: chrono::DateTime<chrono::Utc>,
    kind: String,
    message: String,
    read_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Cache {
    /// Cached activities, newest first, of one user or all, of one kind or all.
    pub async fn activities(
        &self,
        source: &str,
        user_id: Option<i64>,
        kind: Option<&str>,
        limit: u32,
    ) -> Result<Vec<UserActivity>, crate::CacheError> {
        let source = self.source_id(source).await?;
        let rows: Vec<ActivityRow> = sqlx::query_as(
            "SELECT id, user_id, username, at, kind, detail FROM activities WHERE source = ? \
             AND (? IS NULL OR user_id = ?) AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?",
        )
        .bind(source)
        .bind(user_id)
        .bind(user_id)
        .bind(kind)
        .bind(kind)
        .bind(limit as i64)
        .fetch_all(&self.db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| UserActivity {
                id: r.id,
                user_id: r.user_id,
                username: r.username,
                at: r.at,
                kind: r.kind,
                detail: r.detail,
            })
            .collect())
    }

    /// Cached notifications, newest first, and how many are unread.
    pub async fn notifications(
        &self,
        source: &str,
        unread_only: bool,
        kind: Option<&str>,
        limit: u32,
    ) -> Result<(Vec<UserNotification>, i64), crate::CacheError> {
        let source = self.source_id(source).await?;
        let rows: Vec<NotificationRow> = sqlx::query_as(
            "SELECT id, user_id, at, kind, message, read_at FROM notifications WHERE source = ? \
             AND (? = 0 OR read_at IS NULL) AND (? IS NULL OR kind = ?) ORDER BY id DESC LIMIT ?",
        )
        .bind(source)
        .bind(unread_only)
        .bind(kind)
        .bind(kind)
        .bind(limit as i64)
        .fetch_all(&self.db)
        .await?;
        let unread = self.unread_by_id(source).await?;
        Ok((
            rows.into_iter()
                .map(|r| UserNotification {
                    id: r.id,
                    user_id: r.user_id,
                    at: r.at,
                    kind: r.kind,
                    message: r.message,
                    read_at: r.read_at,
                })
                .collect(),
            unread,
        ))
    }

    async fn unread_by_id(&self, source: i64) -> Result<i64, crate::CacheError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE source = ? AND read_at IS NULL",
        )
        .bind(source)
        .fetch_one(&self.db)
        .await?)
    }

    /// How many cached notifications are unread (the sidebar's count).
    pub async fn unread_notifications(&self, source: &str) -> Result<i64, crate::CacheError> {
        let source = self.source_id(source).await?;
        self.unread_by_id(source).await
    }

    /// Marks cached notifications read, to be told to the service: at once when it
    /// answers (then `notification_reads_sent`), else at the next feed sync.
    pub async fn mark_notifications_read(
        &self,
        source: &str,
        ids: &[i64],
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), crate::CacheError> {
        self.writing(async {
            let source = self.source_id(source).await?;
            sqlx::query(
                "UPDATE notifications SET read_at = ?, read_pending = 1 \
                 WHERE source = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))",
            )
            .bind(at)
            .bind(source)
            .bind(id_list(ids))
            .execute(&self.db)
            .await?;
            Ok(())
        })
        .await
    }

    /// The service accepted these reads.
    pub async fn notification_reads_sent(
        &self,
        source: &str,
        ids: &[i64],
    ) -> Result<(), crate::CacheError> {
        self.writing(async {
            let source = self.source_id(source).await?;
            sqlx::query(
                "UPDATE notifications SET read_pending = 0 \
                 WHERE source = ? AND id IN (SELECT value FROM json_each(?))",
            )
            .bind(source)
            .bind(id_list(ids))
            .execute(&self.db)
            .await?;
            Ok(())
        })
        .await
    }

    /// The users the cached timeline mentions, by name: (user id, username).
    pub async fn activity_users(
        &self,
        source: &str,
    ) -> Result<Vec<(i64, String)>, crate::CacheError> {
        let source = self.source_id(source).await?;
        Ok(sqlx::query_as(
            "SELECT user_id, MAX(username) AS username FROM activities WHERE source = ? \
             GROUP BY user_id ORDER BY username",
        )
        .bind(source)
        .fetch_all(&self.db)
        .await?)
    }

    /// When the activity and notification feeds were last brought up to date together.
    pub async fn feeds_synced_at(
        &self,
        source: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, crate::CacheError> {
        let source = self.source_id(source).await?;
        let at: Vec<Option<chrono::DateTime<chrono::Utc>>> = sqlx::query_scalar(
            "SELECT synced_at FROM sync_state WHERE source = ? AND feed IN (?, ?)",
        )
        .bind(source)
        .bind(ACTIVITIES_FEED)
        .bind(NOTIFICATIONS_FEED)
        .fetch_all(&self.db)
        .await?;
        Ok(if at.len() == 2 {
            at.into_iter().min().flatten()
        } else {
            None
        })
    }
}

/// Ids as one JSON array, for `id IN (SELECT value FROM json_each(?))`: one statement
/// however many there are.
fn id_list(ids: &[i64]) -> String {
    serde_json::Value::from(ids).to_string()
}
