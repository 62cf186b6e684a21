//! The activity and notifications panel: per-user timelines of what users did (sign-ins,
//! lockouts, password and role changes...), the manager's own notifications with read
//! state, and the delivery status of the messages a contact change sends. Everything is
//! read from the cache, which `sync_feeds` keeps up to date, so offline it still shows
//! what was last synced.

use crate::busy::Activity;
use crate::error::CommandError;
use crate::host::Host;
use crate::kept::Kept;
use admin_api::{
    ContactChange, ContactChangeReceipt, OutboxMessage, UserActivity, UserNotification,
};
use admin_cache::SyncError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many timeline rows and notifications the panel shows at most.
const SHOWN: u32 = 500;

/// What the panel narrows to; fields combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActivityFilter {
    /// One user's timeline, or everyone's the manager may see.
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
    /// e.g. `password_changed`, `role_granted`.
    pub activity_kind: Option<String>,
    /// e.g. `email_changed`.
    pub notification_kind: Option<String>,
    pub unread_only: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityUser {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityView {
    /// Newest first.
    pub activities: Vec<UserActivity>,
    /// The signed-in manager's own, newest first.
    pub notifications: Vec<UserNotification>,
    /// Unread notifications in all, whatever the filter.
    #[ts(type = "number")]
    pub unread: i64,
    /// Everyone the cached timeline mentions, for the user picker.
    pub users: Vec<ActivityUser>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FeedSyncReport {
    #[ts(type = "number")]
    pub activities: u64,
    #[ts(type = "number")]
    pub notifications: u64,
    #[ts(type = "number")]
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkReadResult {
    #[ts(type = "number")]
    pub unread: i64,
    /// The service could not be told yet; the next sync tells it.
    pub pending: bool,
}

fn outbox_key(user_id: i64) -> String {
    format!("outbox:{user_id}")
}

async fn profile_key(host: &impl Host) -> Result<String, CommandError> {
    Ok(host.session().await?.1.profile.id)
}

async fn map_sync<T: Send>(
    host: &impl Host,
    result: Result<T, SyncError>,
) -> Result<T, CommandError> {
    match result {
        Ok(value) => host.after_call(Ok(value)).await,
        Err(SyncError::Client(e)) => host.after_call(Err(e)).await,
        Err(SyncError::Cache(e)) => Err(e.into()),
    }
}

crate::commands! {
    host;
    panel: "activity";
    /// Brings the cached activity and notification feeds up to date; run at panel open,
    /// on "Sync now" and by the background tick.
    pub async fn activity_sync(host) -> FeedSyncReport {
        let (client, view) = host.session().await?;
        let _no_update_meanwhile = host.busy().try_hold(Activity::Sync)?;
        let profile = view.profile.id;
        let (activities, notifications) = map_sync(host, admin_cache::sync_feeds(host.cache(), &profile, &client).await)
            .await?;
        Ok(FeedSyncReport {
            activities,
            notifications,
            unread: host.cache().unread_notifications(&profile).await?,
        })
    }

    /// The panel's data, from the cache, as of the feeds' last sync (none before the first).
    pub async fn activity_view(host, filter: ActivityFilter) -> Kept<ActivityView> {
        let profile = profile_key(host).await?;
        let cache = host.cache();
        let activities = cache
            .activities(
                &profile,
                filter.user_id,
                filter.activity_kind.as_deref(),
                SHOWN,
            )
            .await?;
        let (notifications, unread) = cache
            .notifications(
                &profile,
                filter.unread_only,
                filter.notification_kind.as_deref(),
                SHOWN,
            )
            .await?;
        let users = cache
            .activity_users(&profile)
            .await?
            .into_iter()
            .map(|(id, username)| ActivityUser { id, username })
            .collect();
        Ok(Kept {
            value: ActivityView {
                activities,
                notifications,
                unread,
                users,
            },
            fetched_at: cache.feeds_synced_at(&profile).await?,
            from_cache: !host.is_online(),
        })
    }

    /// The sidebar's count, from the cache.
    pub async fn activity_unread_notifications(host) -> i64 {
        let profile = profile_key(host).await?;
        Ok(host.cache().unread_notifications(&profile).await?)
    }

    /// Marks notifications read here and on the service; offline, the service hears of
    /// it at the next sync.
    pub async fn activity_mark_read(host, ids: Vec<i64>) -> MarkReadResult {
        let (client, view) = host.session().await?;
        let profile = view.profile.id;
        host.cache()
            .mark_notifications_read(&profile, &ids, host.now())
            .await?;
        let mut pending = false;
        for chunk in ids.chunks(5000) {
            match client.mark_notifications_read(chunk.to_vec()).await {
                Ok(_) => {
                    host.after_call(Ok(())).await?;
                    host.cache()
                        .notification_reads_sent(&profile, chunk)
                        .await?;
                }
                Err(e) if e.is_offline() => {
                    // Turns the console offline; the read stays pending in the cache.
                    let _ = host.after_call::<()>(Err(e)).await;
                    pending = true;
                    break;
                }
                Err(e) => return host.after_call(Err(e)).await,
            }
        }
        Ok(MarkReadResult {
            unread: host.cache().unread_notifications(&profile).await?,
            pending,
        })
    }

    /// The messages sent about a user and how their delivery went; offline, the last
    /// copy with its age. Newest first.
    pub async fn activity_contact_messages(host, user_id: i64) -> Kept<Vec<OutboxMessage>> {
        let (client, view) = host.session().await?;
        let profile = view.profile.id;
        let fetched = client.user_outbox(user_id).await.map(|mut messages| {
            messages.sort_by_key(|m| std::cmp::Reverse(m.id));
            messages
        });
        crate::kept::fetched_or_kept(host, &profile, &outbox_key(user_id), fetched).await
    }

    /// Changes a user's e-mail or phone; the service notifies the old and the new
    /// address (UQ-NOTIFY-CONTACT) and the receipt lists those messages.
    pub async fn activity_change_contact(
        host,
        user_id: i64,
        change: ContactChange,
    ) -> ContactChangeReceipt {
        let client = host.client().await?;
        host.after_call(client.change_contact(user_id, &change).await)
            .await
    }
}
