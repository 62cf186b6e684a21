use crate::ClientError;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::time::Duration;

/// Exponential backoff: `base`, 2x`base`, 4x`base`... capped at `max`, for `attempts` tries in all.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub base: Duration,
    pub max: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            base: Duration::from_millis(250),
            max: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        RetryPolicy {
            attempts: 1,
            ..Self::default()
        }
    }

    /// How long to wait before attempt `attempt + 1`, or None to give up.
    /// Connection failures never reached the service, so any call may retry them;
    /// 5xx and 429 only for calls that are safe to repeat.
    pub(crate) fn delay(
        &self,
        attempt: u32,
        idempotent: bool,
        err: &ClientError,
    ) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        let backoff = self
            .base
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(self.max);
        match err {
            ClientError::Unreachable { sent: false, .. } => Some(backoff),
            ClientError::Unreachable { .. } if idempotent => Some(backoff),
            ClientError::Timeout { .. } if idempotent => Some(backoff),
            ClientError::Api {
                problem,
                retry_after,
            } if idempotent => match problem.status {
                429 | 503 => Some(retry_after.unwrap_or(backoff).min(self.max)),
                500.. => Some(backoff),
                _ => None,
            },
            _ => None,
        }
    }
}

/// `Retry-After` as delta-seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
        .to_std()
        .ok()
        .or(Some(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use admin_api::{Problem, ProblemCode};

    fn api(status: u16, retry_after: Option<Duration>) -> ClientError {
        ClientError::Api {
            problem: Problem::new(status, ProblemCode::Internal, "x"),
            retry_after,
        }
    }

    #[test]
    fn backoff_doubles_and_stops_after_the_last_attempt() {
        let p = RetryPolicy {
            attempts: 4,
            base: Duration::from_millis(100),
            max: Duration::from_millis(300),
        };
        let down = ClientError::Unreachable {
            url: "u".into(),
            reason: "r".into(),
            sent: false,
        };
        assert_eq!(p.delay(1, false, &down), Some(Duration::from_millis(100)));
        assert_eq!(p.delay(2, false, &down), Some(Duration::from_millis(200)));
        assert_eq!(p.delay(3, false, &down), Some(Duration::from_millis(300)));
        assert_eq!(p.delay(4, false, &down), None);
    }

    #[test]
    fn only_idempotent_calls_retry_server_errors() {
        let p = RetryPolicy::default();
        assert!(p.delay(1, true, &api(502, None)).is_some());
        assert!(p.delay(1, false, &api(502, None)).is_none());
        assert!(p.delay(1, true, &api(404, None)).is_none());
        assert_eq!(
            p.delay(1, true, &api(429, Some(Duration::from_secs(2)))),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }
}
