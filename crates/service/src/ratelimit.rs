//! Requests per key (a client address for sign-ins, a user for feeds) in a fixed one-minute
//! window. Lockout guards one user; this guards the service against one address trying many
//! users, and against one reader flooding it with feed requests.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;

pub struct Limiter<K = IpAddr> {
    per_minute: u32,
    windows: Mutex<HashMap<K, (DateTime<Utc>, u32)>>,
}

impl<K: Hash + Eq> Limiter<K> {
    pub fn new(per_minute: u32) -> Self {
        Limiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt; `Err(seconds)` says how long until the address may try again.
    pub fn check(&self, addr: K, now: DateTime<Utc>) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        // Forget finished windows so the map does not grow with every address ever seen.
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now - *start < Duration::minutes(1));
        }
        let (start, count) = windows.entry(addr).or_insert((now, 0));
        if now - *start >= Duration::minutes(1) {
            *start = now;
            *count = 0;
        }
        if *count >= self.per_minute {
            let wait = (*start + Duration::minutes(1) - now).num_seconds().max(1);
            return Err(wait as u64);
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_quota_then_says_how_long_to_wait() {
        let limiter = Limiter::new(2);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "::1".parse().unwrap();
        let t = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, 2, 9, 0, 59).unwrap();
        assert_eq!(limiter.check(ip, t), Ok(()));
        assert_eq!(limiter.check(ip, t), Ok(()));
        assert_eq!(limiter.check(ip, t + Duration::seconds(20)), Err(40));
        assert_eq!(
            limiter.check(other, t),
            Ok(()),
            "each address has its own quota"
        );
        assert_eq!(limiter.check(ip, t + Duration::seconds(60)), Ok(()));
    }
}
