//! Outside probers (4S-SLA): a process apart from the service checks the http monitors
//! and reports what it saw, with heartbeats of its own, so that an outage of the service
//! is recorded by something that outlives it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// A prober as the service knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Prober {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Its newest heartbeat; null before the first report.
    pub last_heartbeat_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NewProber {
    /// 1-100 characters, not only spaces.
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: String,
}

/// A prober just registered, with its token: shown this once, stored only hashed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProberCreated {
    pub prober: Prober,
    pub token: String,
}

/// One http monitor a prober should check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProbeTarget {
    pub monitor_id: i64,
    pub target: String,
    pub interval_s: u32,
}

/// What a prober saw of one monitor at one instant: no answer, a 5xx or a timeout is down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProbeSample {
    pub monitor_id: i64,
    pub at: DateTime<Utc>,
    pub up: bool,
    pub status_code: Option<u16>,
    pub latency_ms: Option<u32>,
}

/// A prober's report: the instants it was running and the samples it took, possibly
/// held back while the service could not be reached. Sending one twice changes nothing.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ProbeReport {
    pub heartbeats: Vec<DateTime<Utc>>,
    pub samples: Vec<ProbeSample>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProbeReportResult {
    pub accepted: u32,
    /// Samples already recorded (the same monitor and instant).
    pub duplicates: u32,
}
