//! The desktop habits that need a decision, kept here without Tauri so they are tested with
//! an injected clock: which new notifications become operating-system notifications, which
//! item a click on one opens, and the settings behind them (the OS-notification switch and
//! the last panel, which comes back with the window). `src-tauri` only shows what
//! [`os_notifications_after_sync`] returns and reports the window's focus to [`Clicks`].

use crate::error::CommandError;
use crate::host::Host;
use admin_api::UserNotification;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use ts_rs::TS;

/// "false" turns OS notifications off; anything else (or nothing) leaves them on.
const ENABLED: &str = "os_notifications";
const LAST_PANEL: &str = "last_panel";
/// A notification older than this when the console first sees it is history, not news:
/// a console started after a week away does not replay the week.
pub const FRESH_FOR: Duration = Duration::hours(6);
/// More than this many at once become one summary that opens the notification list.
pub const MAX_AT_ONCE: usize = 3;
/// The desktop notification plugins report no click on Linux, Windows or macOS; clicking
/// one raises the app, so the window gaining focus this soon after one was shown is taken
/// as the click and opens its item.
pub const CLICK_WINDOW: Duration = Duration::minutes(2);
/// The panels the UI has (`ui/src/app/panels.tsx`); a remembered panel must be one of them.
pub const PANELS: [&str; 8] = [
    "overview",
    "roles",
    "activity",
    "auditLog",
    "backups",
    "maintenance",
    "uptime",
    "settings",
];

/// The panel that shows a critical notification's item; `None` for every other kind.
/// Critical: a backup or drill alert (missed, failed, drill failed), the SLA at risk or
/// breached, maintenance starting or started, an account locked or blocked.
pub fn critical_panel(kind: &str) -> Option<&'static str> {
    match kind {
        "backup_alert" => Some("backups"),
        "sla_at_risk" | "sla_breached" => Some("uptime"),
        "maintenance_starting" | "maintenance_started" => Some("maintenance"),
        "locked_out" | "blocked" => Some("roles"),
        _ => None,
    }
}

/// One notification for the operating system to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OsNotification {
    pub title: String,
    pub body: String,
    /// The panel a click opens.
    pub panel: String,
}

/// What to show now and how far the console has looked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub show: Vec<OsNotification>,
    /// The newest notification id seen; later calls consider only newer ones.
    pub seen_up_to: Option<i64>,
}

fn title(kind: &str) -> &'static str {
    match kind {
        "backup_alert" => "Backup alert",
        "sla_at_risk" => "Uptime promise at risk",
        "sla_breached" => "Uptime promise breached",
        "maintenance_starting" => "Maintenance starts soon",
        "maintenance_started" => "Maintenance started",
        "locked_out" => "Account locked",
        "blocked" => "User blocked",
        _ => "Notification",
    }
}

/// Decides which of `notifications` (any order) the operating system shows. Each is
/// considered once: a notification that arrives while the window is focused, or while the
/// setting is off, is seen in the window (or not wanted) and never shown later.
pub fn decide(
    notifications: &[UserNotification],
    seen_up_to: Option<i64>,
    window_focused: bool,
    enabled: bool,
    now: DateTime<Utc>,
) -> Decision {
    let newest = notifications.iter().map(|n| n.id).max();
    let seen = seen_up_to.max(newest);
    if window_focused || !enabled {
        return Decision {
            show: vec![],
            seen_up_to: seen,
        };
    }
    let mut new: Vec<&UserNotification> = notifications
        .iter()
        .filter(|n| seen_up_to.is_none_or(|s| n.id > s))
        .filter(|n| n.read_at.is_none() && now - n.at <= FRESH_FOR)
        .filter(|n| critical_panel(&n.kind).is_some())
        .collect();
    new.sort_by_key(|n| n.id);
    let show = if new.len() > MAX_AT_ONCE {
        vec![OsNotification {
            title: format!("{} critical notifications", new.len()),
            body: new
                .iter()
                .map(|n| title(&n.kind))
                .collect::<Vec<_>>()
                .join(", "),
            panel: "activity".into(),
        }]
    } else {
        new.into_iter()
            .map(|n| OsNotification {
                title: title(&n.kind).into(),
                body: n.message.clone(),
                panel: critical_panel(&n.kind).unwrap_or("activity").into(),
            })
            .collect()
    };
    Decision {
        show,
        seen_up_to: seen,
    }
}

/// The last notification shown, so that the window's next focus opens its item.
#[derive(Debug, Default)]
pub struct Clicks(Mutex<Option<(String, DateTime<Utc>)>>);

impl Clicks {
    pub fn shown(&self, notification: &OsNotification, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((notification.panel.clone(), at));
    }

    /// The window gained focus: the panel to open, once, if a notification was shown
    /// within [`CLICK_WINDOW`] before.
    pub fn focused(&self, now: DateTime<Utc>) -> Option<String> {
        let (panel, at) = self.0.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        (now >= at && now - at <= CLICK_WINDOW).then_some(panel)
    }
}

fn seen_key(profile: &str) -> String {
    format!("os_notifications_seen:{profile}")
}

/// After a feed sync: the notifications to show, given whether the window has focus.
/// The newest id seen is kept per profile in the cache, so a restart replays nothing.
pub async fn os_notifications_after_sync(
    host: &impl Host,
    window_focused: bool,
) -> Result<Vec<OsNotification>, CommandError> {
    let Some(profile) = host.profile_id().await else {
        return Ok(vec![]);
    };
    let cache = host.cache();
    let key = seen_key(&profile);
    let seen_up_to = cache
        .setting(&key)
        .await?
        .and_then(|s| s.parse::<i64>().ok());
    let (unread, _) = cache.notifications(&profile, true, None, 200).await?;
    let enabled = cache.setting(ENABLED).await?.as_deref() != Some("false");
    let decision = decide(&unread, seen_up_to, window_focused, enabled, host.now());
    if decision.seen_up_to != seen_up_to {
        if let Some(seen) = decision.seen_up_to {
            cache.set_setting(&key, Some(&seen.to_string())).await?;
        }
    }
    Ok(decision.show)
}

/// The desktop's settings as the Settings panel shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DesktopSettings {
    /// New critical notifications appear as OS notifications while the window is unfocused.
    pub os_notifications: bool,
    /// The panel open when the console last closed; it comes back with the window.
    pub last_panel: Option<String>,
}

crate::commands! {
    host;
    panel: "desktop";
    pub async fn desktop_settings(host) -> DesktopSettings {
        let cache = host.cache();
        Ok(DesktopSettings {
            os_notifications: cache.setting(ENABLED).await?.as_deref() != Some("false"),
            last_panel: cache
                .setting(LAST_PANEL)
                .await?
                .filter(|p| PANELS.contains(&p.as_str())),
        })
    }

    pub async fn desktop_set_os_notifications(host, enabled: bool) -> () {
        host.cache()
            .set_setting(ENABLED, Some(if enabled { "true" } else { "false" }))
            .await?;
        Ok(())
    }

    /// Called on every panel change, so the panel comes back at the next start.
    pub async fn desktop_remember_panel(host, panel: String) -> () {
        if !PANELS.contains(&panel.as_str()) {
            return Err(CommandError::InvalidInput {
                message: format!("no panel is called {panel:?}"),
                field: Some("panel".into()),
            });
        }
        host.cache().set_setting(LAST_PANEL, Some(&panel)).await?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "desktop_tests.rs"]
mod tests;
