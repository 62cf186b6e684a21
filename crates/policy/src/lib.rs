//! The promises of `shared/policy/CLAUSES.md` as pure rules: no I/O, no clock of
//! its own. The service enforces them and the console previews them with the same code.

pub mod acting;
pub mod backup;
pub mod business;
pub mod calendar;
pub mod card;
pub mod delegation;
pub mod lockout;
pub mod maintenance;
pub mod password;
pub mod recurrence;
pub mod roles;
pub mod session;
pub mod sla;
pub mod sso;
pub mod transport;
pub mod username;
