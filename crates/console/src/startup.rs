//! What the console had to work around to start, as the shell's banner says it: no keyring
//! (tokens in memory for this run), and later a cache it had to set aside. The console
//! degrades and says so; it never stops for these.

use crate::console::Console;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StartupNotice {
    /// The system keyring could not be used: session tokens are held in memory for this
    /// run only, so the user signs in again at the next start. Nothing is written in its
    /// place.
    NoKeyring { reason: String },
}

impl Console {
    /// The banner's notices, as they stand now (the keyring may refuse after start).
    pub fn startup_notices(&self) -> Vec<StartupNotice> {
        let mut notices = Vec::new();
        if let Some(reason) = self.keyring_missing() {
            notices.push(StartupNotice::NoKeyring { reason });
        }
        notices
    }
}

crate::commands! {
    context: Console;
    panel: "startup";
    pub async fn startup_notices(console) -> Vec<StartupNotice> {
        Ok(console.startup_notices())
    }
}
