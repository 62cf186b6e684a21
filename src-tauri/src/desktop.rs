//! Adapters for the desktop plugins: one instance (a second start focuses the running
//! window), OS notifications and their "click". What to show and what a click opens is
//! decided in `admin_console_core::desktop`, with the injected clock.

use admin_console_core::console::Console;
use admin_console_core::desktop::{self, Clicks};
use tauri::{AppHandle, Emitter, Manager, WebviewWindow, WindowEvent};
use tauri_plugin_notification::NotificationExt;

/// The single-instance plugin's callback, run in the first console when another starts
/// (the second one exits once this ran).
pub fn focus_main(app: &AppHandle) {
    tracing::info!("another start of the console: focusing this window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        if let Err(e) = window.set_focus() {
            tracing::warn!(error = %e, "could not focus the window");
        }
    }
}

/// After a feed sync: new critical notifications as OS notifications while the window is
/// not focused (and the setting allows).
pub async fn notify_new(app: &AppHandle) {
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    let console = app.state::<Console>();
    let show = match desktop::os_notifications_after_sync(console.inner(), focused).await {
        Ok(show) => show,
        Err(e) => {
            tracing::debug!(error = %e, "OS notifications");
            return;
        }
    };
    for notification in show {
        match app
            .notification()
            .builder()
            .title(&notification.title)
            .body(&notification.body)
            .show()
        {
            Ok(()) => app.state::<Clicks>().shown(&notification, console.now()),
            Err(e) => tracing::warn!(error = %e, "could not show an OS notification"),
        }
    }
}

/// The window gaining focus right after a notification was shown opens its item: the
/// desktop plugin reports no click, but clicking a notification raises the app.
pub fn watch_focus(window: &WebviewWindow) {
    let app = window.app_handle().clone();
    window.on_window_event(move |event| {
        if let WindowEvent::Focused(true) = event {
            let now = app.state::<Console>().now();
            if let Some(panel) = app.state::<Clicks>().focused(now) {
                if let Err(e) = app.emit("open-panel", panel) {
                    tracing::warn!(error = %e, "could not open the notification's panel");
                }
            }
        }
    });
}
