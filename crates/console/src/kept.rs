//! Offline copies: a panel's data as the service gives it, kept in the cache, and the last
//! kept copy with its time when the service cannot be reached. Every panel answers with a
//! [`Kept`], and the UI's one `OfflineNote` says "Offline: showing data as of <time>".

use crate::error::CommandError;
use crate::host::Host;
use admin_client::ClientError;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A panel's data and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Kept<T> {
    pub value: T,
    /// When the service gave it; `None` when nothing was ever fetched (an empty cache).
    pub fetched_at: Option<DateTime<Utc>>,
    /// True when the service cannot be reached and this is the copy kept in the cache.
    pub from_cache: bool,
}

impl<T> Kept<T> {
    /// Fresh from the service at `at`.
    pub fn fresh(value: T, at: DateTime<Utc>) -> Self {
        Kept {
            value,
            fetched_at: Some(at),
            from_cache: false,
        }
    }

    /// The copy kept in the cache, fetched at `at`.
    pub fn cached(value: T, at: DateTime<Utc>) -> Self {
        Kept {
            value,
            fetched_at: Some(at),
            from_cache: true,
        }
    }
}

/// Reads through to the value: `overview.windows` for `overview.value.windows`.
impl<T> std::ops::Deref for Kept<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// The fetched value, kept in the cache under `key` as of now (the injected clock); when
/// the service cannot be reached, the last kept copy and its time. Any other error stands,
/// and so does offline with nothing kept.
pub async fn fetched_or_kept<T: Serialize + DeserializeOwned + Send>(
    host: &impl Host,
    profile: &str,
    key: &str,
    fetched: Result<T, ClientError>,
) -> Result<Kept<T>, CommandError> {
    match fetched {
        Err(e) if e.is_offline() => {
            let err = host.after_call::<()>(Err(e)).await.unwrap_err();
            let Some((body, as_of)) = host.cache().snapshot(profile, key).await? else {
                return Err(err);
            };
            let value =
                serde_json::from_str(&body).map_err(|e| CommandError::internal(e.to_string()))?;
            Ok(Kept::cached(value, as_of))
        }
        other => {
            let value = host.after_call(other).await?;
            let body =
                serde_json::to_string(&value).map_err(|e| CommandError::internal(e.to_string()))?;
            let now = host.now();
            host.cache().save_snapshot(profile, key, &body, now).await?;
            Ok(Kept::fresh(value, now))
        }
    }
}

/// [`fetched_or_kept`] for a part of a panel: the panel's main copy carries the as-of note,
/// so only the value is answered. Signed out, it is fetched and not kept.
pub async fn fetched_or_copy<T: Serialize + DeserializeOwned + Send>(
    host: &impl Host,
    key: &str,
    fetched: Result<T, ClientError>,
) -> Result<T, CommandError> {
    match host.profile_id().await {
        Some(profile) => Ok(fetched_or_kept(host, &profile, key, fetched).await?.value),
        None => host.after_call(fetched).await,
    }
}
