//! Where data goes (4S-SUBPROC, 4S-HOST): the service's sub-processors, one per outbound
//! path, and an account's choice to keep its data in Europe.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Where a sub-processor handles data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum DataRegion {
    /// Inside the EU/EEA.
    Eea,
    /// Outside the EU/EEA.
    Outside,
}

/// Every way data leaves the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutboundPath {
    /// E-mail through the SMTP relay (contact-change notices).
    Mail,
    /// Text messages through an SMS gateway.
    Sms,
    /// HTTP uptime probes of the account's monitors.
    Probes,
    /// A copy of the backups kept elsewhere.
    OffsiteCopy,
}

/// One sub-processor of the service: who handles which data where, and for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Subprocessor {
    pub path: OutboundPath,
    pub name: String,
    pub purpose: String,
    pub data_categories: Vec<String>,
    pub region: DataRegion,
    /// Where, in words: "Frankfurt, Germany".
    pub location: String,
}

/// `GET /api/v1/subprocessors`: the register beside where the service itself runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct SubprocessorRegister {
    /// Where the service runs (4S-HOST).
    pub service_region: String,
    pub items: Vec<Subprocessor>,
}

/// A path an account's setting turns off, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct PathOff {
    pub path: OutboundPath,
    pub name: String,
    pub reason: String,
}

/// `GET /api/v1/accounts/{id}/residency`: the account's choice and what it turns off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Residency {
    pub keep_data_in_europe: bool,
    pub changed_at: Option<DateTime<Utc>>,
    pub changed_by: Option<String>,
    /// Sub-processors outside Europe this account's data does not go to while the
    /// setting is on; empty when it is off.
    pub paths_off: Vec<PathOff>,
}

/// `PUT /api/v1/accounts/{id}/residency`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct ResidencyChange {
    pub keep_data_in_europe: bool,
}

/// The reason a message or a probe is skipped for an account that keeps data in Europe.
pub const HELD_DATA_RESIDENCY: &str = "data residency";
