//! The web view shows the app and nothing else; outside links go to the system browser.

use url::Url;

/// The app's own origins: `tauri://localhost` (macOS, Linux), `http(s)://tauri.localhost`
/// (Windows), and the Vite dev server in debug builds.
pub fn is_app_url(url: &Url, dev: bool) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) => dev && url.port() == Some(1420),
        _ => false,
    }
}

/// Only web pages may be handed to the system: no file:, no custom schemes.
pub fn open_in_browser(raw: &str) -> Result<(), crate::error::CommandError> {
    let url = Url::parse(raw).map_err(|_| {
        crate::error::CommandError::invalid("url", format!("'{raw}' is not a link"))
    })?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(crate::error::CommandError::invalid(
            "url",
            format!("'{raw}' is not a web link"),
        ));
    }
    open::that_detached(url.as_str())
        .map_err(|e| crate::error::CommandError::internal(e.to_string()))
}

/// The system browser the console core opens for third-party sign-in (RFC 8252).
pub struct SystemBrowser;

impl admin_console_core::browser::Browser for SystemBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        open_in_browser(url).map_err(|e| e.to_string())
    }
}

admin_console_core::commands! {
    context: tauri::AppHandle;
    panel: "shell";
    /// Opens a web link in the system browser.
    pub async fn shell_open_external(_app, url: String) -> () {
        open_in_browser(&url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_itself_loads_in_the_web_view() {
        let ok = |s: &str, dev| is_app_url(&Url::parse(s).unwrap(), dev);
        assert!(ok("tauri://localhost/index.html", false));
        assert!(ok("http://tauri.localhost/", false));
        assert!(ok("http://localhost:1420/", true));
        assert!(!ok("http://localhost:1420/", false));
        assert!(!ok("https://example.com/", true));
        assert!(!ok("http://localhost:8080/", true));
        assert!(!ok("file:///etc/passwd", true));
    }

    #[test]
    fn refuses_to_hand_non_web_links_to_the_system() {
        assert!(open_in_browser("file:///etc/passwd").is_err());
        assert!(open_in_browser("javascript:alert(1)").is_err());
        assert!(open_in_browser("not a link").is_err());
    }
}
