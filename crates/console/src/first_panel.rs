//! Work that can wait runs after the first panel is drawn (issue 18): the UI says when its
//! first screen has rendered with its data (`startup_first_panel_drawn`), and the update
//! check, the feed and audit syncs and the connection checks start then, not while the
//! window is still filling. A UI that never says so (a crash in the page, an old build) only
//! delays them by `FALLBACK`: nothing waits forever.

use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How long deferred work waits for the UI's word before it runs anyway.
pub const FALLBACK: Duration = Duration::from_secs(15);

pub struct FirstPanel {
    drawn: watch::Sender<bool>,
    opened: Instant,
}

impl Default for FirstPanel {
    fn default() -> Self {
        FirstPanel {
            drawn: watch::Sender::new(false),
            opened: Instant::now(),
        }
    }
}

impl FirstPanel {
    /// Marks the first panel drawn; true only the first time (later panels change nothing).
    pub fn mark_drawn(&self) -> bool {
        self.drawn
            .send_if_modified(|drawn| !std::mem::replace(drawn, true))
    }

    pub fn is_drawn(&self) -> bool {
        *self.drawn.borrow()
    }

    /// Time since the console opened, for the log line the start-up benchmark reads.
    pub fn since_open(&self) -> Duration {
        self.opened.elapsed()
    }

    /// Runs `work` once the first panel is drawn (or the fallback passed).
    pub fn after<F>(&self, fallback: Duration, work: F) -> impl Future<Output = F::Output>
    where
        F: Future,
    {
        let mut drawn = self.drawn.subscribe();
        async move {
            let _ = tokio::time::timeout(fallback, drawn.wait_for(|d| *d)).await;
            work.await
        }
    }
}
