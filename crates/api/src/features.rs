//! Features a user may switch on or off for themselves (4S-FEATURE-TOGGLES).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// The switchable features. A new one is added here with its text and default, so the
/// service, the console and the OpenAPI document list the same set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKey {
    CompactTables,
    MaintenanceBanner,
}

impl FeatureKey {
    pub const ALL: [FeatureKey; 2] = [FeatureKey::CompactTables, FeatureKey::MaintenanceBanner];

    pub fn as_str(self) -> &'static str {
        match self {
            FeatureKey::CompactTables => "compact_tables",
            FeatureKey::MaintenanceBanner => "maintenance_banner",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            FeatureKey::CompactTables => "Compact tables",
            FeatureKey::MaintenanceBanner => "Maintenance banner",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            FeatureKey::CompactTables => {
                "Denser rows in lists and tables, so more users and events fit on screen."
            }
            FeatureKey::MaintenanceBanner => {
                "A banner above every panel while maintenance is coming up within 7 days or under way."
            }
        }
    }

    /// What a user who never switched it has.
    pub fn enabled_by_default(self) -> bool {
        match self {
            FeatureKey::CompactTables => false,
            FeatureKey::MaintenanceBanner => true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Feature {
    pub key: FeatureKey,
    pub title: String,
    pub description: String,
    pub enabled: bool,
    /// When the user last switched it; none while it has its default.
    pub changed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Features {
    pub items: Vec<Feature>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct FeatureChange {
    pub key: FeatureKey,
    pub enabled: bool,
}
