//! The console's one source of "now", passed in so tests set the time (the service's clock
//! trait: one definition for both sides of the API).

pub use admin_service::clock::{Clock, ManualClock, SystemClock};
