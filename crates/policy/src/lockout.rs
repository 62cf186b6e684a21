//! Lockout after repeated failed sign-ins (UQ-LOCKOUT-3).

use chrono::{DateTime, Duration, Utc};

/// Three unsuccessful attempts lock the account.
pub const MAX_FAILED_ATTEMPTS: u32 = 3;
/// The default lock period; accounts may choose another.
pub const DEFAULT_LOCK_MINUTES: i64 = 15;

/// What a failed attempt leaves behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Still open; this many failures are now on record.
    Counted(u32),
    /// Locked until then; the failure count starts again from zero.
    Locked(DateTime<Utc>),
}

pub fn after_failure(failures_before: u32, now: DateTime<Utc>, lock_minutes: i64) -> AfterFailure {
    let failures = failures_before + 1;
    if failures >= MAX_FAILED_ATTEMPTS {
        AfterFailure::Locked(now + Duration::minutes(lock_minutes))
    } else {
        AfterFailure::Counted(failures)
    }
}

pub fn is_locked(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_some_and(|until| now < until)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Clause UQ-LOCKOUT-3: the third failure locks for the account's period, not before.
    #[test]
    fn uq_lockout_3_third_failure_locks() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        assert_eq!(after_failure(0, now, 15), AfterFailure::Counted(1));
        assert_eq!(after_failure(1, now, 15), AfterFailure::Counted(2));
        let until = now + Duration::minutes(15);
        assert_eq!(after_failure(2, now, 15), AfterFailure::Locked(until));
        assert!(is_locked(Some(until), now));
        assert!(is_locked(Some(until), until - Duration::seconds(1)));
        assert!(!is_locked(Some(until), until));
        assert!(!is_locked(None, now));
    }
}
