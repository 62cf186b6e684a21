//! Wire types of the admin API (`/api/v1`). The service, the client and the console
//! share them, and the console's TypeScript types are generated from them.

pub mod audit;
pub mod feeds;
pub mod problem;
pub mod secret;
pub mod types;

pub use admin_policy::roles::{Role, Scope};
pub use audit::{AuditEvent, AuditOutcome, AuditPage};
pub use feeds::*;
pub use problem::{Problem, ProblemCode};
pub use secret::Secret;
pub use types::*;

/// Every path of the API starts here.
pub const API_PREFIX: &str = "/api/v1";
