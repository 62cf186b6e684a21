//! Uptime monitors, their samples, the monthly SLA (4S-SLA) and incidents (4S-CRITICAL-FIX).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum MonitorKind {
    /// An outside prober (`admin-service probe`) checks `target` every `interval_s`.
    Http,
    /// The monitored system pushes heartbeats; silence past `interval_s + grace_s` is down.
    Push,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Monitor {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub kind: MonitorKind,
    pub target: Option<String>,
    pub interval_s: u32,
    /// Push monitors: how long past `interval_s` a heartbeat may be late before the
    /// monitor counts as down.
    #[serde(default)]
    pub grace_s: u32,
    pub paused: bool,
    /// The service's own health monitor, created by the service itself.
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, TS)]
pub struct NewMonitor {
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: String,
    pub kind: MonitorKind,
    #[schema(
        pattern = r"^https?://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~-]*)*$",
        max_length = 2000
    )]
    pub target: Option<String>,
    #[schema(minimum = 10, maximum = 86400)]
    pub interval_s: Option<u32>,
    /// Default 60 s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(maximum = 86400)]
    pub grace_s: Option<u32>,
}

/// Fields to change; absent ones stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, TS)]
pub struct MonitorPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(
        pattern = r"^https?://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[1-9][0-9]{0,3})?(/[A-Za-z0-9._~-]*)*$",
        max_length = 2000
    )]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(minimum = 10, maximum = 86400)]
    pub interval_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub paused: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(maximum = 86400)]
    pub grace_s: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PushSample {
    pub at: DateTime<Utc>,
    pub up: bool,
    pub latency_ms: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PushResult {
    pub accepted: u32,
    /// Samples whose `at` was already recorded: pushing again changes nothing.
    pub duplicates: u32,
}

/// What a month's figures prove (4S-SLA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SlaStatus {
    /// Proven: `uptime_ratio` (no data counted against it) reaches the target.
    Compliant,
    /// Missed even if every unmonitored second had been up (`uptime_ratio_best`).
    Breached,
    /// A closed month that no data leaves undecided.
    Unverified,
    /// The month in progress: down and no data so far fit in the month's allowance.
    OnTrack,
    /// The month in progress: down and no data so far exceed the month's allowance.
    AtRisk,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct SlaMonth {
    /// `YYYY-MM`, in the business calendar's time zone.
    pub month: String,
    pub time_zone: String,
    #[ts(type = "number")]
    pub business_s: i64,
    #[ts(type = "number")]
    pub maintenance_s: i64,
    /// Business time less announced maintenance (so far, in the month in progress).
    #[serde(default)]
    #[ts(type = "number")]
    pub measured_s: i64,
    /// Measured time still to come in the month in progress; 0 once the month is closed.
    #[serde(default)]
    #[ts(type = "number")]
    pub remaining_s: i64,
    #[ts(type = "number")]
    pub up_s: i64,
    #[ts(type = "number")]
    pub down_s: i64,
    /// Measured time no prober or heartbeat covered: no data, never counted as up.
    #[ts(type = "number")]
    pub unmonitored_s: i64,
    /// `up_s / measured_s`: the proven uptime. Null when nothing was measured yet.
    pub uptime_ratio: Option<f64>,
    /// `up_s / (up_s + down_s)`: as if every unmonitored second had been up. Null when
    /// nothing was observed.
    #[serde(default)]
    pub uptime_ratio_best: Option<f64>,
    /// `(1 - target) x (measured_s + remaining_s)`: the month's downtime allowance.
    pub allowed_downtime_s: f64,
    /// Null in a copy cached before the service sent it.
    #[serde(default)]
    pub status: Option<SlaStatus>,
    /// True when `status` is compliant, false when breached, null otherwise; for
    /// consoles that predate `status`.
    pub compliant: Option<bool>,
    pub target_ratio: f64,
    /// The account's business days, ISO numbers (1 = Monday); empty in a copy cached before
    /// the service sent them.
    #[serde(default)]
    pub business_days: Vec<u8>,
    /// Opening and closing time, `HH:MM` local time in `time_zone`.
    #[serde(default)]
    pub business_opens: String,
    #[serde(default)]
    pub business_closes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct IncidentView {
    pub started_at: DateTime<Utc>,
    /// Null while still down.
    pub ended_at: Option<DateTime<Utc>>,
    #[ts(type = "number | null")]
    pub duration_s: Option<i64>,
    /// Business seconds from start to fix (4S-CRITICAL-FIX).
    #[ts(type = "number | null")]
    pub time_to_fix_business_s: Option<i64>,
    pub fixed_same_business_day: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IncidentNote {
    /// 1-2000 characters, not only spaces.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub note: String,
}

/// How a day looked, for the 90-day bar chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayState {
    Up,
    /// Up, but with short outages or slow answers.
    Degraded,
    Down,
    /// Nothing observed, or business hours no evidence covers.
    NoData,
    Maintenance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct DayBar {
    /// The local date in the business calendar's time zone.
    pub date: chrono::NaiveDate,
    pub state: DayState,
    #[ts(type = "number")]
    pub up_s: i64,
    #[ts(type = "number")]
    pub down_s: i64,
    /// Business time that day (to now) outside announced maintenance that no evidence
    /// covers: no data. A day with any is never shown as up.
    #[serde(default)]
    #[ts(type = "number")]
    pub unmonitored_s: i64,
    /// Announced maintenance that day, left out of `up_s` and `down_s` as the SLA leaves it out.
    #[serde(default)]
    #[ts(type = "number")]
    pub maintenance_s: i64,
    pub avg_latency_ms: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct LatencyPoint {
    pub at: DateTime<Utc>,
    pub avg_ms: f64,
    pub max_ms: f64,
}

/// An account's business calendar, which its SLA is measured in (4S-SLA).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct BusinessCalendarSettings {
    /// An IANA time zone, e.g. `Europe/Helsinki`.
    pub time_zone: String,
    /// ISO weekday numbers, 1 = Monday.
    #[schema(min_items = 1)]
    pub days: Vec<u8>,
    /// `HH:MM` local time; `opens` comes before `closes`.
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub opens: String,
    #[schema(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    pub closes: String,
}

/// One version of an account's business calendar and the first month it governs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct BusinessCalendarVersion {
    /// `YYYY-MM`; `0001-01` for a calendar set before versions were kept.
    pub effective_from: String,
    pub calendar: BusinessCalendarSettings,
    /// Who set it; null for the ones set before this was recorded.
    pub changed_by: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
}

/// An account's business calendar over time (4S-SLA): a change governs months from the
/// next one on; each month is measured in the version in force for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct BusinessCalendarHistory {
    /// The calendar of the month in progress.
    pub in_force: BusinessCalendarSettings,
    /// `YYYY-MM`: the month in progress.
    pub month: String,
    /// `YYYY-MM`: the first month a change made now would govern.
    pub next_change_from: String,
    /// Newest first; empty while the account has only ever had the clause's calendar.
    pub versions: Vec<BusinessCalendarVersion>,
}
