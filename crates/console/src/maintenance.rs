//! The maintenance calendar as the console sees it: the windows (from the service, or the
//! cached copy when offline), the month budgets and the rule check before submitting,
//! computed by the same `admin_policy` code the service enforces.

use crate::error::CommandError;
use crate::host::Host;
use crate::kept::Kept;
use admin_api::maintenance::to_icalendar;
use admin_api::{
    MaintenanceStatus, MaintenanceWindow, MaintenanceWindowPatch, NewMaintenanceWindow,
    SeriesPatch, SeriesScope, Violation,
};
use admin_policy::maintenance::{self as rules, BusinessHours, Month, MONTHLY_CAP_MINUTES};
use admin_policy::recurrence;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Scheduled maintenance in one Helsinki month against the cap (4S-MAINT-CAP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthBudget {
    pub year: i32,
    pub month: u32,
    #[ts(type = "number")]
    pub used_minutes: i64,
    #[ts(type = "number")]
    pub cap_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MaintenanceOverview {
    pub windows: Vec<MaintenanceWindow>,
    pub this_month: MonthBudget,
    pub next_month: MonthBudget,
    /// The next window not yet started, for the countdown.
    pub next_window: Option<MaintenanceWindow>,
}

/// A window being written in the dialog, checked before it is submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MaintenanceDraft {
    /// The window being edited; none for a new one.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[ts(optional)]
    pub recurrence: Option<String>,
    /// Editing the occurrence `id` of a series: the occurrences the change reaches move with it.
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<SeriesScope>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MaintenanceCheck {
    /// Entirely outside business hours (4S-MAINT-WINDOW).
    pub routine: bool,
    /// How many windows the draft makes (more than one for a series).
    pub occurrences: u32,
    pub violations: Vec<Violation>,
}

fn rule_window(w: &MaintenanceWindow) -> rules::Window {
    rules::Window {
        id: Some(w.id),
        starts_at: w.starts_at,
        ends_at: w.ends_at,
        announced_at: w.announced_at,
        cancelled: w.status == MaintenanceStatus::Cancelled,
    }
}

fn budget(windows: &[rules::Window], month: Month) -> MonthBudget {
    MonthBudget {
        year: month.year,
        month: month.month,
        used_minutes: rules::minutes_in_month(windows, month),
        cap_minutes: MONTHLY_CAP_MINUTES,
    }
}

/// Budgets and the next window, worked out from the windows alone.
pub fn overview(windows: Vec<MaintenanceWindow>, now: DateTime<Utc>) -> MaintenanceOverview {
    let rule_windows: Vec<rules::Window> = windows.iter().map(rule_window).collect();
    let this = Month::of(now);
    let next_window = windows
        .iter()
        .filter(|w| w.status == MaintenanceStatus::Scheduled && w.starts_at > now)
        .min_by_key(|w| w.starts_at)
        .cloned();
    MaintenanceOverview {
        this_month: budget(&rule_windows, this),
        next_month: budget(&rule_windows, this.next()),
        next_window,
        windows,
    }
}

/// The scheduled occurrences a series change from `anchor` reaches, as the service picks
/// them: its series (or itself alone), from it on or all of it.
fn reached<'a>(
    anchor: &MaintenanceWindow,
    scope: SeriesScope,
    known: &'a [MaintenanceWindow],
) -> Vec<&'a MaintenanceWindow> {
    known
        .iter()
        .filter(|w| match anchor.series_id {
            Some(series) => w.series_id == Some(series),
            None => w.id == anchor.id,
        })
        .filter(|w| w.status == MaintenanceStatus::Scheduled)
        .filter(|w| scope == SeriesScope::All || w.starts_at >= anchor.starts_at)
        .collect()
}

/// The service's own rules, applied before submitting: a window announced now next to
/// the known windows (4S-MAINT-CAP, 4S-MAINT-WINDOW, 4S-MAINT-NOTICE). A series edit
/// checks every occurrence it moves, in its new place.
pub fn check(
    draft: &MaintenanceDraft,
    known: &[MaintenanceWindow],
    now: DateTime<Utc>,
) -> Result<MaintenanceCheck, CommandError> {
    let anchor = draft.id.and_then(|id| known.iter().find(|w| w.id == id));
    let times: Vec<(Option<i64>, DateTime<Utc>, DateTime<Utc>)> = match (
        draft.recurrence.as_deref().filter(|r| !r.trim().is_empty()),
        anchor,
        draft.scope,
    ) {
        (Some(rule), _, _) => recurrence::expand(rule, draft.starts_at, draft.ends_at)
            .map_err(|e| CommandError::invalid("recurrence", e))?
            .into_iter()
            .map(|(s, e)| (draft.id, s, e))
            .collect(),
        (None, Some(anchor), Some(scope)) => reached(anchor, scope, known)
            .into_iter()
            .map(|w| {
                let (s, e) = recurrence::shift_occurrence(
                    (anchor.starts_at, anchor.ends_at),
                    (draft.starts_at, draft.ends_at),
                    (w.starts_at, w.ends_at),
                );
                (Some(w.id), s, e)
            })
            .collect(),
        _ => vec![(draft.id, draft.starts_at, draft.ends_at)],
    };
    let moving: Vec<i64> = times.iter().filter_map(|(id, _, _)| *id).collect();
    let mut others: Vec<rules::Window> = known
        .iter()
        .filter(|w| !moving.contains(&w.id))
        .map(rule_window)
        .collect();
    let hours = BusinessHours::default();
    let mut violations: Vec<Violation> = Vec::new();
    let mut routine = true;
    for (id, starts_at, ends_at) in &times {
        let candidate = rules::Window {
            id: *id,
            starts_at: *starts_at,
            ends_at: *ends_at,
            announced_at: Some(now),
            cancelled: false,
        };
        routine &= rules::is_routine(&candidate, hours);
        for breach in rules::check_window(&candidate, &others, hours) {
            let v = Violation::from(&breach);
            if !violations.contains(&v) {
                violations.push(v);
            }
        }
        others.push(candidate);
    }
    Ok(MaintenanceCheck {
        routine,
        occurrences: times.len() as u32,
        violations,
    })
}

async fn known_windows(host: &impl Host) -> Result<Vec<MaintenanceWindow>, CommandError> {
    let profile = host.session().await?.1.profile.id;
    Ok(host
        .cache()
        .maintenance(&profile)
        .await?
        .map(|cached| cached.windows)
        .unwrap_or_default())
}

pub async fn create_maintenance(
    host: &impl Host,
    new: NewMaintenanceWindow,
) -> Result<Vec<MaintenanceWindow>, CommandError> {
    let client = host.client().await?;
    host.after_call(client.create_maintenance_window(&new).await)
        .await
}

/// Writes the known windows as iCalendar to `path` (chosen in the save dialog).
/// Built from the cached copy, so it works offline too.
pub async fn export_maintenance(host: &impl Host, path: &Path) -> Result<(), CommandError> {
    let _no_update_meanwhile = host.busy().try_hold(crate::busy::Activity::Export)?;
    let windows = known_windows(host).await?;
    std::fs::write(path, to_icalendar(&windows, host.now()))
        .map_err(|e| CommandError::internal(format!("could not write {}: {e}", path.display())))
}

crate::commands! {
    host;
    panel: "maintenance";
    /// The windows from the service, kept in the cache; the cached copy when offline.
    pub async fn maintenance_overview(host) -> Kept<MaintenanceOverview> {
        let profile = host.session().await?.1.profile.id;
        let client = host.client().await?;
        let now = host.now();
        match host.after_call(client.maintenance_windows().await).await {
            Ok(windows) => {
                host.cache()
                    .store_maintenance(&profile, &windows, now)
                    .await?;
                Ok(Kept::fresh(overview(windows, now), now))
            }
            Err(CommandError::Offline { message }) => {
                match host.cache().maintenance(&profile).await? {
                    Some(cached) => Ok(Kept::cached(overview(cached.windows, now), cached.fetched_at)),
                    None => Err(CommandError::Offline { message }),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Checks a draft against the windows last fetched, without asking the service.
    pub async fn maintenance_check(host, draft: MaintenanceDraft) -> MaintenanceCheck {
        check(&draft, &known_windows(host).await?, host.now())
    }

    pub async fn maintenance_create(
        host,
        window: NewMaintenanceWindow,
    ) -> Vec<MaintenanceWindow> {
        create_maintenance(host, window).await
    }

    pub async fn maintenance_update(
        host,
        id: i64,
        patch: MaintenanceWindowPatch,
    ) -> MaintenanceWindow {
        let client = host.client().await?;
        host.after_call(client.update_maintenance_window(id, &patch).await)
            .await
    }

    pub async fn maintenance_cancel(host, id: i64) -> MaintenanceWindow {
        let client = host.client().await?;
        host.after_call(client.cancel_maintenance_window(id).await)
            .await
    }

    /// Changes the occurrences of `id`'s series that `patch.scope` reaches.
    pub async fn maintenance_update_series(
        host,
        id: i64,
        patch: SeriesPatch,
    ) -> Vec<MaintenanceWindow> {
        let client = host.client().await?;
        host.after_call(client.update_maintenance_series(id, &patch).await)
            .await
    }

    pub async fn maintenance_cancel_series(
        host,
        id: i64,
        scope: SeriesScope,
    ) -> Vec<MaintenanceWindow> {
        let client = host.client().await?;
        host.after_call(client.cancel_maintenance_series(id, scope).await)
            .await
    }

    /// Saves `maintenance.ics` where the manager chooses; `None` when they cancelled.
    pub async fn maintenance_export(host) -> Option<String> {
        let what = crate::dialog::SaveAs {
            file_name: "maintenance.ics".into(),
            filter_name: "iCalendar",
            extensions: &["ics"],
        };
        let Some(path) = host.ask_save(what).await else {
            return Ok(None);
        };
        export_maintenance(host, &path).await?;
        Ok(Some(path.display().to_string()))
    }

    pub async fn maintenance_announcements(host) -> Vec<admin_api::Announcement> {
        crate::notices::announcements(host).await
    }
}

#[cfg(test)]
#[path = "maintenance_tests.rs"]
mod tests;
