//! Feeds of user activities and notifications, contact changes with their outbox, and
//! marketing consents. Feeds share the audit feed's shape: `{items, next_after, high_water}`,
//! keyset by a growing id.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Something a user did or that happened to their access (sign-in, password changed...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct UserActivity {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub user_id: i64,
    pub username: String,
    pub at: DateTime<Utc>,
    /// e.g. `sign_in`, `sign_in_failed`, `locked_out`, `password_changed`, `contact_changed`.
    pub kind: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ActivityPage {
    pub items: Vec<UserActivity>,
    pub next_after: i64,
    pub high_water: i64,
}

/// A message to one user, read or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct UserNotification {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub user_id: i64,
    pub at: DateTime<Utc>,
    /// e.g. `email_changed`, `phone_changed`, `consent_revoked`, `blocked`.
    pub kind: String,
    pub message: String,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NotificationPage {
    pub items: Vec<UserNotification>,
    pub next_after: i64,
    pub high_water: i64,
    /// The caller's unread notifications in all, whatever the filter.
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MarkReadRequest {
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MarkReadReceipt {
    pub marked: u64,
    pub unread: i64,
}

/// New contact details. A field left out stays as it is; an empty string removes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct ContactChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Queued,
    Sent,
    /// Failed at least once; the outbox tries again later.
    Retrying,
    /// Gave up after the last attempt.
    Failed,
    /// Not sent, on purpose; `held_reason` says why (e.g. `data residency`, 4S-SUBPROC).
    Held,
}

/// A message the outbox sends (or tried to) to an address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct OutboxMessage {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub user_id: i64,
    /// `email` or `sms`.
    pub channel: String,
    pub address: String,
    pub subject: String,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub last_error: Option<String>,
    #[serde(default)]
    pub held_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The answer to a contact change: the user as now, and the messages it queued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct ContactChangeReceipt {
    pub user: crate::User,
    pub messages: Vec<OutboxMessage>,
}

/// What a user may be sent marketing for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurpose {
    MarketingEmail,
    MarketingSms,
}

impl ConsentPurpose {
    pub const ALL: [ConsentPurpose; 2] =
        [ConsentPurpose::MarketingEmail, ConsentPurpose::MarketingSms];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentPurpose::MarketingEmail => "marketing_email",
            ConsentPurpose::MarketingSms => "marketing_sms",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConsentChange {
    pub purpose: ConsentPurpose,
    pub granted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Consent {
    pub purpose: ConsentPurpose,
    pub granted: bool,
    /// When it was last changed; none if never asked.
    pub changed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Consents {
    pub items: Vec<Consent>,
}
