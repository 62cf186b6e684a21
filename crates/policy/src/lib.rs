//! The promises of `shared/policy/CLAUSES.md` as pure rules: no I/O, no clock of
//! its own. The service enforces them and the console previews them with the same code.

pub mod delegation;
pub mod lockout;
pub mod password;
pub mod roles;
pub mod session;
pub mod transport;
pub mod username;
