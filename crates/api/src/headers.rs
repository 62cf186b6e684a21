//! Request headers the console and the service agree on.

/// Sent with requests nobody asked for (background syncs, timed refreshes): the service
/// serves them but does not count them as activity, so the idle limit (FZ-IDLE-30) runs
/// while the console only syncs. Its value is `background`.
pub const ACTIVITY: &str = "x-admin-activity";
pub const BACKGROUND: &str = "background";
