//! Idle sign-out (FZ-IDLE-30), used by the service for tokens and by the console for input.

use chrono::{DateTime, Duration, Utc};

pub const IDLE_TIMEOUT_MINUTES: i64 = 30;

pub fn idle_timeout() -> Duration {
    Duration::minutes(IDLE_TIMEOUT_MINUTES)
}

/// When a session last active at `last_active` ends if nothing happens.
pub fn idle_expires_at(last_active: DateTime<Utc>) -> DateTime<Utc> {
    last_active + idle_timeout()
}

/// Exactly 30 minutes of silence ends the session.
pub fn is_idle_expired(last_active: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= idle_expires_at(last_active)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Clause FZ-IDLE-30: 29:59 of silence keeps the session, 30:00 ends it.
    #[test]
    fn fz_idle_30_boundary() {
        let t = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
        assert!(!is_idle_expired(t, t + Duration::seconds(30 * 60 - 1)));
        assert!(is_idle_expired(t, t + Duration::minutes(30)));
        assert_eq!(idle_expires_at(t), t + Duration::minutes(30));
    }
}
