//! Offline copies: a panel's data as the service gives it, kept in the cache, and the last
//! kept copy with its time when the service cannot be reached.

use crate::error::CommandError;
use crate::host::Host;
use admin_client::ClientError;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The fetched value, kept in the cache under `key` and stamped `taken_at`; when the
/// service cannot be reached, the last kept copy and its time (`Some(as_of)`). Any other
/// error stands, and so does offline with nothing kept.
pub async fn fetched_or_kept<T: Serialize + DeserializeOwned + Send>(
    host: &impl Host,
    profile: &str,
    key: &str,
    fetched: Result<T, ClientError>,
    taken_at: impl FnOnce(&T) -> DateTime<Utc>,
) -> Result<(T, Option<DateTime<Utc>>), CommandError> {
    match fetched {
        Err(e) if e.is_offline() => {
            let err = host.after_call::<()>(Err(e)).await.unwrap_err();
            let Some((body, as_of)) = host.cache().snapshot(profile, key).await? else {
                return Err(err);
            };
            let value =
                serde_json::from_str(&body).map_err(|e| CommandError::internal(e.to_string()))?;
            Ok((value, Some(as_of)))
        }
        other => {
            let value = host.after_call(other).await?;
            let body =
                serde_json::to_string(&value).map_err(|e| CommandError::internal(e.to_string()))?;
            host.cache()
                .save_snapshot(profile, key, &body, taken_at(&value))
                .await?;
            Ok((value, None))
        }
    }
}
