//! The system browser, behind a trait: third-party sign-in (RFC 8252) sends the user to
//! their provider in the browser they already use, never in the console's web view. The
//! desktop opens it with the `open` crate (`src-tauri/src/navigation.rs`); tests script
//! the provider's pages.

pub trait Browser: Send + Sync + 'static {
    /// Opens `url` (the provider's authorization request) in the system browser.
    fn open(&self, url: &str) -> Result<(), String>;
}

/// No desktop to open a browser on: a third-party sign-in says so and stops.
pub struct NoBrowser;

impl Browser for NoBrowser {
    fn open(&self, _url: &str) -> Result<(), String> {
        Err("this console has no system browser to open".into())
    }
}
