//! Self-update preferences and schedule (4S-UPDATES-WEEKLY), without Tauri: the console
//! checks when the last check is 7 days old or more, the manager picks a channel, can turn
//! automatic checks off unless a system-wide policy file fixes them (a managed install),
//! and "Later" defers one offered version for a day or a week. The download, signature
//! check and install are Tauri's updater plugin, driven from `crate::updater`.

use crate::busy::Activity;
use crate::error::CommandError;
use crate::host::Host;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// 4S-UPDATES-WEEKLY: releases ship weekly, so the console looks once a week.
pub const CHECK_EVERY: Duration = Duration::days(7);

/// Where each channel's signed feed lives; `{channel}` is `stable` or `beta`.
pub const FEED_URL: &str = "https://updates.example.com/admin-console/{channel}/latest.json";

const LAST_CHECK: &str = "updates:last_check";
const CHANNEL: &str = "updates:channel";
const AUTOMATIC: &str = "updates:automatic";
const DEFERRED: &str = "updates:deferred";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UpdateChannel {
    Stable,
    Beta,
}

impl UpdateChannel {
    fn as_str(self) -> &'static str {
        match self {
            UpdateChannel::Stable => "stable",
            UpdateChannel::Beta => "beta",
        }
    }
}

/// The file an administrator installs to manage the console's updates for every user of a
/// computer. Present = a managed install; what it sets, the manager cannot change.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedPolicy {
    pub automatic_updates: Option<bool>,
    /// `false`: found versions are offered but never installed without the manager's
    /// "Install" (see `crate::auto_install`).
    pub automatic_install: Option<bool>,
    pub channel: Option<UpdateChannel>,
    /// An internal mirror of the feed, e.g. for computers without internet access.
    pub feed_url: Option<String>,
}

/// Linux `/etc/admin-console/policy.json`, macOS
/// `/Library/Application Support/com.example.adminconsole/policy.json`, Windows
/// `%ProgramData%\AdminConsole\policy.json`: places only an administrator can write.
pub fn default_policy_path() -> PathBuf {
    if cfg!(windows) {
        let data = std::env::var_os("ProgramData").unwrap_or_else(|| r"C:\ProgramData".into());
        PathBuf::from(data).join("AdminConsole").join("policy.json")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/com.example.adminconsole/policy.json")
    } else {
        PathBuf::from("/etc/admin-console/policy.json")
    }
}

/// Reads the policy file; none means the install is not managed. A file that cannot be read
/// still counts as managed, with automatic checks off: an administrator meant to manage it.
pub fn read_policy(path: &Path) -> Option<ManagedPolicy> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "update policy unreadable");
            return Some(ManagedPolicy {
                automatic_updates: Some(false),
                ..Default::default()
            });
        }
    };
    Some(serde_json::from_str(&text).unwrap_or_else(|e| {
        tracing::warn!(path = %path.display(), error = %e, "update policy invalid; automatic checks off");
        ManagedPolicy {
            automatic_updates: Some(false),
            ..Default::default()
        }
    }))
}

/// 4S-UPDATES-WEEKLY: due when never checked, or the last check is 7 days old or more.
/// A last check in the future (the clock was set back) counts as due too.
pub fn check_due(last_check: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match last_check {
        None => true,
        Some(last) => now - last >= CHECK_EVERY || last > now,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Deferral {
    pub version: String,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeferFor {
    Day,
    Week,
}

/// What Settings shows about updates.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UpdateSettings {
    pub current_version: String,
    pub channel: UpdateChannel,
    pub automatic: bool,
    /// The policy file's path when an administrator manages updates on this computer.
    pub managed_by: Option<String>,
    pub last_check: Option<DateTime<Utc>>,
    /// When the next automatic check runs; none while automatic checks are off.
    pub next_check: Option<DateTime<Utc>>,
    pub deferred: Option<Deferral>,
    /// A newer version found by the last check and not yet installed or put off.
    pub available: Option<UpdateInfo>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct UpdateSettingsChange {
    pub channel: UpdateChannel,
    pub automatic: bool,
}

/// A newer version found in the feed, shown before anything is downloaded.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UpdateInfo {
    pub version: String,
    pub current_version: String,
    /// The release notes from the feed.
    pub notes: String,
    pub published_at: Option<DateTime<Utc>>,
    /// Set when the weekly schedule found it: whether and when it installs by itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub auto_install: Option<crate::auto_install::AutoInstall>,
}

/// Download progress, sent as the `update-progress` event.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct UpdateProgress {
    #[ts(type = "number")]
    pub downloaded: u64,
    #[ts(type = "number | null")]
    pub total: Option<u64>,
}

pub fn update_policy(host: &impl Host) -> Option<ManagedPolicy> {
    read_policy(host.policy_path())
}

async fn stored_channel(host: &impl Host) -> Result<UpdateChannel, CommandError> {
    Ok(match host.cache().setting(CHANNEL).await?.as_deref() {
        Some("beta") => UpdateChannel::Beta,
        _ => UpdateChannel::Stable,
    })
}

pub async fn update_settings(
    host: &impl Host,
    now: DateTime<Utc>,
    current_version: &str,
) -> Result<UpdateSettings, CommandError> {
    let policy = update_policy(host);
    let channel = match policy.as_ref().and_then(|p| p.channel) {
        Some(fixed) => fixed,
        None => stored_channel(host).await?,
    };
    let automatic = match policy.as_ref().and_then(|p| p.automatic_updates) {
        Some(fixed) => fixed,
        None => host.cache().setting(AUTOMATIC).await?.as_deref() != Some("false"),
    };
    let last_check = last_update_check(host).await?;
    let next_check = automatic.then(|| match last_check {
        Some(last) if !check_due(Some(last), now) => last + CHECK_EVERY,
        _ => now,
    });
    let deferred = host
        .cache()
        .setting(DEFERRED)
        .await?
        .and_then(|json| serde_json::from_str::<Deferral>(&json).ok())
        .filter(|d| d.until > now);
    Ok(UpdateSettings {
        current_version: current_version.into(),
        channel,
        automatic,
        managed_by: policy.map(|_| host.policy_path().display().to_string()),
        last_check,
        next_check,
        deferred,
        available: None,
    })
}

pub async fn last_update_check(host: &impl Host) -> Result<Option<DateTime<Utc>>, CommandError> {
    Ok(host
        .cache()
        .setting(LAST_CHECK)
        .await?
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc)))
}

pub async fn record_update_check(host: &impl Host, at: DateTime<Utc>) -> Result<(), CommandError> {
    host.cache()
        .set_setting(LAST_CHECK, Some(&at.to_rfc3339()))
        .await?;
    Ok(())
}

/// Whether the background schedule should check now (4S-UPDATES-WEEKLY).
pub async fn automatic_check_due(
    host: &impl Host,
    now: DateTime<Utc>,
) -> Result<bool, CommandError> {
    let settings = update_settings(host, now, "").await?;
    Ok(settings.automatic && check_due(settings.last_check, now))
}

/// The feed of the chosen channel (or the policy's mirror), held to 4S-TLS.
pub async fn update_feed(host: &impl Host) -> Result<url::Url, CommandError> {
    let policy = update_policy(host);
    let feed = match policy.as_ref().and_then(|p| p.feed_url.clone()) {
        Some(url) => url,
        None => {
            let channel = match policy.and_then(|p| p.channel) {
                Some(fixed) => fixed,
                None => stored_channel(host).await?,
            };
            FEED_URL.replace("{channel}", channel.as_str())
        }
    };
    admin_policy::transport::check_server_url(&feed).map_err(|e| CommandError::InsecureUrl {
        message: format!("update feed {feed}: {e}"),
    })
}

/// "Later": the version is not offered again until the deferral ends.
pub async fn defer_update(
    host: &impl Host,
    version: &str,
    for_: DeferFor,
    now: DateTime<Utc>,
) -> Result<Deferral, CommandError> {
    let until = now
        + match for_ {
            DeferFor::Day => Duration::days(1),
            DeferFor::Week => Duration::days(7),
        };
    let deferral = Deferral {
        version: version.into(),
        until,
    };
    let json =
        serde_json::to_string(&deferral).map_err(|e| CommandError::internal(e.to_string()))?;
    host.cache().set_setting(DEFERRED, Some(&json)).await?;
    Ok(deferral)
}

/// Whether an automatically found version is offered now, or was put off with "Later".
pub async fn should_offer(
    host: &impl Host,
    version: &str,
    now: DateTime<Utc>,
) -> Result<bool, CommandError> {
    let deferred = update_settings(host, now, "").await?.deferred;
    Ok(deferred.is_none_or(|d| d.version != version))
}

/// Refuses to install while a sync, an export or a dialog is running.
pub fn ready_to_install(host: &impl Host) -> Result<(), CommandError> {
    let active = host.busy().active();
    if active.is_empty() {
        return Ok(());
    }
    Err(busy_refusal(active))
}

/// The install itself: nothing may be running, and nothing starts until the guard drops
/// (the check and the claim are one step, see `crate::busy`).
pub fn claim_install(host: &impl Host) -> Result<crate::busy::InstallGuard, CommandError> {
    host.busy().begin_install().map_err(busy_refusal)
}

fn busy_refusal(active: Vec<Activity>) -> CommandError {
    let what: Vec<&str> = active.iter().map(|a: &Activity| a.describe()).collect();
    CommandError::Busy {
        message: format!(
            "the update waits until {} has finished; nothing was installed",
            what.join(" and ")
        ),
        activities: active,
    }
}

crate::commands! {
    host;
    panel: "updates";
    /// Saves the manager's choices; what the policy file fixes cannot be changed.
    pub async fn updates_save_settings(host, change: UpdateSettingsChange) -> () {
        if let Some(policy) = update_policy(host) {
            let path = host.policy_path().display().to_string();
            if policy
                .automatic_updates
                .is_some_and(|v| v != change.automatic)
            {
                return Err(CommandError::Forbidden {
                    message: format!("automatic update checks are managed by {path}"),
                });
            }
            if policy.channel.is_some_and(|c| c != change.channel) {
                return Err(CommandError::Forbidden {
                    message: format!("the update channel is managed by {path}"),
                });
            }
        }
        let cache = host.cache();
        cache
            .set_setting(CHANNEL, Some(change.channel.as_str()))
            .await?;
        cache
            .set_setting(
                AUTOMATIC,
                Some(if change.automatic { "true" } else { "false" }),
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    /// 4S-UPDATES-WEEKLY: a first run checks; then not until 7 days have passed.
    #[test]
    fn four_s_updates_weekly_check_is_due_after_seven_days() {
        assert!(check_due(None, t(2, 9)));
        assert!(!check_due(Some(t(2, 9)), t(2, 9)));
        assert!(!check_due(Some(t(2, 9)), t(9, 8)));
        assert!(check_due(Some(t(2, 9)), t(9, 9)));
        assert!(check_due(Some(t(2, 9)), t(20, 9)));
        // The clock went back past the last check: check rather than wait for weeks.
        assert!(check_due(Some(t(9, 9)), t(2, 9)));
    }

    #[test]
    fn policy_file_is_read_and_a_broken_one_turns_checks_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.json");
        assert_eq!(read_policy(&path), None);
        std::fs::write(&path, r#"{"automatic_updates": false, "channel": "beta"}"#).unwrap();
        let p = read_policy(&path).unwrap();
        assert_eq!(p.automatic_updates, Some(false));
        assert_eq!(p.channel, Some(UpdateChannel::Beta));
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(read_policy(&path).unwrap().automatic_updates, Some(false));
    }
}
