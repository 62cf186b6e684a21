//! Uptime monitors, their samples, the monthly SLA (4S-SLA) and incidents (4S-CRITICAL-FIX).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum MonitorKind {
    /// The service probes `target` every `interval_s`.
    Http,
    /// An external monitor pushes samples.
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
    pub paused: bool,
    /// The service's own health monitor, created by the service itself.
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, TS)]
pub struct NewMonitor {
    pub name: String,
    pub kind: MonitorKind,
    pub target: Option<String>,
    pub interval_s: Option<u32>,
}

/// Fields to change; absent ones stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, TS)]
pub struct MonitorPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub interval_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub paused: Option<bool>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct SlaMonth {
    /// `YYYY-MM`, in the business calendar's time zone.
    pub month: String,
    pub time_zone: String,
    #[ts(type = "number")]
    pub business_s: i64,
    #[ts(type = "number")]
    pub maintenance_s: i64,
    #[ts(type = "number")]
    pub up_s: i64,
    #[ts(type = "number")]
    pub down_s: i64,
    #[ts(type = "number")]
    pub unmonitored_s: i64,
    /// Null when no business second was monitored.
    pub uptime_ratio: Option<f64>,
    pub allowed_downtime_s: f64,
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
    pub days: Vec<u8>,
    /// `HH:MM` local time; `opens` comes before `closes`.
    pub opens: String,
    pub closes: String,
}
