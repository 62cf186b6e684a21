//! The console's own idle lock (FZ-IDLE-30): 30 minutes without keyboard or mouse
//! input signs the manager out, whatever the service's session would allow.

use chrono::{DateTime, Utc};
use std::sync::Mutex;

pub struct IdleLock {
    last_input: Mutex<DateTime<Utc>>,
}

impl IdleLock {
    pub fn new(now: DateTime<Utc>) -> Self {
        IdleLock {
            last_input: Mutex::new(now),
        }
    }

    pub fn input(&self, now: DateTime<Utc>) {
        let mut last = self.last_input.lock().unwrap();
        *last = (*last).max(now);
    }

    pub fn last_input(&self) -> DateTime<Utc> {
        *self.last_input.lock().unwrap()
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        admin_policy::session::is_idle_expired(self.last_input(), now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    /// Clause FZ-IDLE-30: input resets the 30 minutes; silence past them locks.
    #[test]
    fn fz_idle_30_input_resets_the_timer() {
        let t0 = Utc::now();
        let lock = IdleLock::new(t0);
        assert!(!lock.is_expired(t0 + Duration::minutes(29)));
        lock.input(t0 + Duration::minutes(29));
        assert!(!lock.is_expired(t0 + Duration::minutes(58)));
        assert!(lock.is_expired(t0 + Duration::minutes(59)));
        // A late-arriving older report does not move the clock back.
        lock.input(t0);
        assert_eq!(lock.last_input(), t0 + Duration::minutes(29));
    }
}
