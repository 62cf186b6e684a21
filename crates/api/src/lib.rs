//! Wire types of the admin API (`/api/v1`). The service, the client and the console
//! share them, and the console's TypeScript types are generated from them.

pub mod audit;
pub mod backups;
pub mod features;
pub mod feeds;
pub mod headers;
pub mod identity;
pub mod maintenance;
pub mod monitoring;
pub mod probe;
pub mod problem;
pub mod residency;
pub mod secret;
pub mod types;

pub use admin_policy::roles::{Role, Scope};
pub use audit::{AuditEvent, AuditOutcome, AuditPage};
pub use backups::*;
pub use features::{Feature, FeatureChange, FeatureKey, Features};
pub use feeds::*;
pub use identity::*;
pub use maintenance::{
    Announcement, AnnouncementKind, MaintenanceStatus, MaintenanceWindow, MaintenanceWindowPatch,
    NewMaintenanceWindow, NewRelease, Release, SeriesPatch, SeriesScope,
};
pub use monitoring::*;
pub use probe::*;
pub use problem::{Problem, ProblemCode, Violation};
pub use residency::*;
pub use secret::Secret;
pub use types::*;

/// Every path of the API starts here.
pub const API_PREFIX: &str = "/api/v1";
