//! Which of the console's requests are the user's own (FZ-IDLE-30). The service slides a
//! session's idle deadline only for those; every other request carries
//! `x-admin-activity: background`, so a console left syncing is still signed out by the
//! service 30 minutes after the last input. Background are: what the console's timers start
//! (run inside `in_background`: the audit log and feed syncs), and anything asked while
//! nobody has touched keyboard or mouse for a minute (the panels' timed refreshes, which the
//! web view fires on its own through the same commands as a click).

use admin_client::Client;
use chrono::{DateTime, Duration, Utc};
use std::future::Future;

/// Input counts for this long: longer than the web view's report interval (20 s), so the
/// request a click starts is the user's even when the click's report arrives second.
const INPUT_COUNTS_FOR: Duration = Duration::seconds(60);

tokio::task_local! {
    static BACKGROUND: ();
}

/// Runs `work` as background work: every request it makes says so.
pub async fn in_background<F: Future>(work: F) -> F::Output {
    BACKGROUND.scope((), work).await
}

/// The session's client as this request should go out: background unless the user asked.
pub(crate) fn mark(client: Client, last_input: DateTime<Utc>, now: DateTime<Utc>) -> Client {
    let timer_started = BACKGROUND.try_with(|_| ()).is_ok();
    if timer_started || now - last_input >= INPUT_COUNTS_FOR {
        client.in_background()
    } else {
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Clause FZ-IDLE-30: a request right after input is the user's; one a minute after the
    /// last input, or started by a timer, is background.
    #[tokio::test]
    async fn fz_idle_30_requests_without_recent_input_or_from_timers_are_background() {
        let client = Client::new("http://127.0.0.1:1").unwrap();
        let input = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        assert!(!mark(client.clone(), input, input + Duration::seconds(30)).is_background());
        assert!(mark(client.clone(), input, input + Duration::seconds(60)).is_background());
        let from_timer = in_background(async { mark(client.clone(), input, input) }).await;
        assert!(from_timer.is_background());
    }
}
