//! The maintenance calendar as the console sees it: the windows (from the service, or the
//! cached copy when offline), the month budgets and the rule check before submitting,
//! computed by the same `admin_policy` code the service enforces.

use crate::console::Console;
use crate::error::CommandError;
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
    /// True when the service could not be reached and this is the cached copy.
    pub from_cache: bool,
    pub fetched_at: DateTime<Utc>,
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
pub fn overview(
    windows: Vec<MaintenanceWindow>,
    now: DateTime<Utc>,
    from_cache: bool,
    fetched_at: DateTime<Utc>,
) -> MaintenanceOverview {
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
        from_cache,
        fetched_at,
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

impl Console {
    /// The windows from the service, kept in the cache; the cached copy when offline.
    pub async fn maintenance(&self) -> Result<MaintenanceOverview, CommandError> {
        let profile = self.session().await?.1.profile.id;
        let client = self.client().await?;
        let now = Utc::now();
        match self.after_call(client.maintenance_windows().await).await {
            Ok(windows) => {
                self.cache()
                    .store_maintenance(&profile, &windows, now)
                    .await?;
                Ok(overview(windows, now, false, now))
            }
            Err(CommandError::Offline { message }) => {
                match self.cache().maintenance(&profile).await? {
                    Some(cached) => Ok(overview(cached.windows, now, true, cached.fetched_at)),
                    None => Err(CommandError::Offline { message }),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn known_windows(&self) -> Result<Vec<MaintenanceWindow>, CommandError> {
        let profile = self.session().await?.1.profile.id;
        Ok(self
            .cache()
            .maintenance(&profile)
            .await?
            .map(|cached| cached.windows)
            .unwrap_or_default())
    }

    /// Checks a draft against the windows last fetched, without asking the service.
    pub async fn check_maintenance(
        &self,
        draft: MaintenanceDraft,
    ) -> Result<MaintenanceCheck, CommandError> {
        check(&draft, &self.known_windows().await?, Utc::now())
    }

    pub async fn create_maintenance(
        &self,
        new: NewMaintenanceWindow,
    ) -> Result<Vec<MaintenanceWindow>, CommandError> {
        let client = self.client().await?;
        self.after_call(client.create_maintenance_window(&new).await)
            .await
    }

    pub async fn update_maintenance(
        &self,
        id: i64,
        patch: MaintenanceWindowPatch,
    ) -> Result<MaintenanceWindow, CommandError> {
        let client = self.client().await?;
        self.after_call(client.update_maintenance_window(id, &patch).await)
            .await
    }

    pub async fn cancel_maintenance(&self, id: i64) -> Result<MaintenanceWindow, CommandError> {
        let client = self.client().await?;
        self.after_call(client.cancel_maintenance_window(id).await)
            .await
    }

    pub async fn update_maintenance_series(
        &self,
        id: i64,
        patch: SeriesPatch,
    ) -> Result<Vec<MaintenanceWindow>, CommandError> {
        let client = self.client().await?;
        self.after_call(client.update_maintenance_series(id, &patch).await)
            .await
    }

    pub async fn cancel_maintenance_series(
        &self,
        id: i64,
        scope: SeriesScope,
    ) -> Result<Vec<MaintenanceWindow>, CommandError> {
        let client = self.client().await?;
        self.after_call(client.cancel_maintenance_series(id, scope).await)
            .await
    }

    /// Writes the known windows as iCalendar to `path` (chosen in the save dialog).
    /// Built from the cached copy, so it works offline too.
    pub async fn export_maintenance(&self, path: &Path) -> Result<(), CommandError> {
        let _no_update_meanwhile = self.busy().hold(crate::busy::Activity::Export);
        let windows = self.known_windows().await?;
        std::fs::write(path, to_icalendar(&windows, Utc::now()))
            .map_err(|e| CommandError::internal(format!("could not write {}: {e}", path.display())))
    }

    pub async fn announcements(&self) -> Result<Vec<admin_api::Announcement>, CommandError> {
        let client = self.client().await?;
        self.after_call(client.announcements().await).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::Notifier;
    use crate::tokens::MemoryStore;
    use crate::views::{ConnectRequest, Connection, SessionEnded};
    use admin_api::Secret;
    use chrono::Duration;
    use std::sync::Arc;

    struct Quiet;
    impl Notifier for Quiet {
        fn session_ended(&self, _: SessionEnded) {}
        fn connection_changed(&self, _: Connection) {}
    }

    use admin_policy::maintenance::helsinki_at as hel;

    fn stored(id: i64, s: DateTime<Utc>, e: DateTime<Utc>) -> MaintenanceWindow {
        MaintenanceWindow {
            id,
            title: format!("w{id}"),
            description: String::new(),
            impact: String::new(),
            affected_components: vec![],
            starts_at: s,
            ends_at: e,
            status: MaintenanceStatus::Scheduled,
            announced_at: Some(s - Duration::days(30)),
            routine: true,
            series_id: None,
            recurrence: None,
        }
    }

    /// Clause 4S-MAINT-CAP: the console's budgets and live check use the service's rule.
    #[test]
    fn four_s_maint_cap_budget_and_live_check() {
        let now = hel(2027, 3, 1, 12, 0);
        let known = vec![
            stored(1, hel(2027, 3, 2, 21, 0), hel(2027, 3, 3, 4, 0)),
            stored(2, hel(2027, 4, 6, 21, 0), hel(2027, 4, 6, 22, 0)),
        ];
        let o = overview(known.clone(), now, false, now);
        assert_eq!((o.this_month.month, o.this_month.used_minutes), (3, 420));
        assert_eq!((o.next_month.month, o.next_month.used_minutes), (4, 60));
        assert_eq!(o.next_window.unwrap().id, 1);
        let draft = |s, e| MaintenanceDraft {
            id: None,
            starts_at: s,
            ends_at: e,
            recurrence: None,
            scope: None,
        };
        let fits = check(
            &draft(hel(2027, 3, 9, 21, 0), hel(2027, 3, 9, 22, 0)),
            &known,
            now,
        )
        .unwrap();
        assert!(fits.violations.is_empty() && fits.routine);
        let over = check(
            &draft(hel(2027, 3, 9, 21, 0), hel(2027, 3, 9, 22, 1)),
            &known,
            now,
        )
        .unwrap();
        assert_eq!(over.violations[0].clause, "4S-MAINT-CAP");
        assert_eq!(
            over.violations[0].message,
            "March 2027 would have 8 h 1 min of maintenance; the cap is 8 h"
        );
        // Editing window 1 does not count its old self.
        let edit = MaintenanceDraft {
            id: Some(1),
            ..draft(hel(2027, 3, 2, 21, 0), hel(2027, 3, 3, 5, 0))
        };
        assert!(check(&edit, &known, now).unwrap().violations.is_empty());
    }

    /// Clauses 4S-MAINT-WINDOW and 4S-MAINT-NOTICE in the dialog's check, and a series.
    #[test]
    fn four_s_maint_notice_live_check_and_series() {
        let now = hel(2027, 3, 1, 12, 0);
        let day = MaintenanceDraft {
            id: None,
            starts_at: hel(2027, 3, 5, 10, 0),
            ends_at: hel(2027, 3, 5, 11, 0),
            recurrence: None,
            scope: None,
        };
        let c = check(&day, &[], now).unwrap();
        assert!(!c.routine);
        let clauses: Vec<&str> = c.violations.iter().map(|v| v.clause.as_str()).collect();
        assert_eq!(clauses, ["4S-MAINT-WINDOW", "4S-MAINT-NOTICE"]);
        let series = MaintenanceDraft {
            recurrence: Some("FREQ=WEEKLY;COUNT=4".into()),
            starts_at: hel(2027, 3, 2, 21, 0),
            ends_at: hel(2027, 3, 2, 23, 30),
            ..day
        };
        let c = check(&series, &[], now).unwrap();
        assert_eq!(c.occurrences, 4);
        assert_eq!(
            c.violations[0].message,
            "March 2027 would have 10 h of maintenance; the cap is 8 h"
        );
        let bad = MaintenanceDraft {
            recurrence: Some("FREQ=HOURLY".into()),
            ..series
        };
        assert!(matches!(
            check(&bad, &[], now),
            Err(CommandError::InvalidInput { field: Some(f), .. }) if f == "recurrence"
        ));
    }

    /// Clause 4S-MAINT-CAP: editing a series checks every occurrence it moves in its new
    /// place, and not its old self; "this and following" leaves the earlier ones alone.
    #[test]
    fn four_s_maint_cap_live_check_of_a_series_edit() {
        let now = hel(2027, 3, 1, 12, 0);
        let member = |id, d| MaintenanceWindow {
            series_id: Some(1),
            recurrence: Some("FREQ=WEEKLY;COUNT=4".into()),
            ..stored(id, hel(2027, 6, d, 21, 0), hel(2027, 6, d, 23, 0))
        };
        // Four Tuesdays of June, 2 h each: exactly the 8 h cap.
        let known = vec![member(1, 1), member(2, 8), member(3, 15), member(4, 22)];
        let edit = |id, scope, minutes| MaintenanceDraft {
            id: Some(id),
            starts_at: known[id as usize - 1].starts_at,
            ends_at: known[id as usize - 1].ends_at + Duration::minutes(minutes),
            recurrence: None,
            scope,
        };
        let same = check(&edit(1, Some(SeriesScope::All), 0), &known, now).unwrap();
        assert_eq!((same.occurrences, same.violations.len()), (4, 0));
        let all = check(&edit(1, Some(SeriesScope::All), 1), &known, now).unwrap();
        assert_eq!(all.occurrences, 4);
        assert_eq!(
            all.violations[0].message,
            "June 2027 would have 8 h 4 min of maintenance; the cap is 8 h"
        );
        let following = check(&edit(3, Some(SeriesScope::Following), 1), &known, now).unwrap();
        assert_eq!(following.occurrences, 2);
        assert_eq!(
            following.violations[0].message,
            "June 2027 would have 8 h 2 min of maintenance; the cap is 8 h"
        );
        let one = check(&edit(3, None, 1), &known, now).unwrap();
        assert_eq!(one.occurrences, 1);
        assert_eq!(one.violations[0].clause, "4S-MAINT-CAP");
    }

    /// The console against the demo service: the operator's refusal keeps its clauses,
    /// the windows are cached and exported as iCalendar.
    #[tokio::test]
    async fn four_s_maint_cap_console_round_trip_refusal_and_export() {
        let dir = tempfile::tempdir().unwrap();
        let console = Console::open(
            dir.path().to_path_buf(),
            Arc::new(MemoryStore::default()),
            Arc::new(Quiet),
        )
        .await
        .unwrap();
        let url = console.open_demo().await.unwrap().profile.url;
        console
            .connect(ConnectRequest {
                url,
                username: admin_service::demo::OPERATOR.into(),
                password: Secret::new(admin_service::demo::DEMO_PASSWORD),
            })
            .await
            .unwrap();
        let o = console.maintenance().await.unwrap();
        assert!(!o.windows.is_empty() && !o.from_cache);
        let start = Utc::now() + Duration::days(500);
        let err = console
            .create_maintenance(NewMaintenanceWindow {
                title: "Too long".into(),
                description: String::new(),
                impact: String::new(),
                affected_components: vec![],
                starts_at: start,
                ends_at: start + Duration::hours(9),
                recurrence: None,
            })
            .await
            .unwrap_err();
        match err {
            CommandError::PolicyViolation { violations, .. } => {
                assert!(violations.iter().any(|v| v.clause == "4S-MAINT-CAP"))
            }
            other => panic!("{other:?}"),
        }
        let path = dir.path().join("maintenance.ics");
        console.export_maintenance(&path).await.unwrap();
        let ics = std::fs::read_to_string(path).unwrap();
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), o.windows.len());

        // A weekly series far ahead: renamed whole, then cut short from its second occurrence.
        let day = (Utc::now() + Duration::days(600))
            .with_timezone(&admin_policy::maintenance::HELSINKI)
            .date_naive();
        let first = admin_policy::maintenance::helsinki_to_utc(day.and_hms_opt(21, 0, 0).unwrap());
        let made = console
            .create_maintenance(NewMaintenanceWindow {
                title: "Patch night".into(),
                description: String::new(),
                impact: String::new(),
                affected_components: vec![],
                starts_at: first,
                ends_at: first + Duration::hours(1),
                recurrence: Some("FREQ=WEEKLY;COUNT=3".into()),
            })
            .await
            .unwrap();
        assert_eq!(made.len(), 3);
        let renamed = console
            .update_maintenance_series(
                made[1].id,
                SeriesPatch {
                    scope: SeriesScope::All,
                    patch: MaintenanceWindowPatch {
                        title: Some("Patch evening".into()),
                        ..MaintenanceWindowPatch::default()
                    },
                },
            )
            .await
            .unwrap();
        assert!(renamed.len() == 3 && renamed.iter().all(|w| w.title == "Patch evening"));
        let cancelled = console
            .cancel_maintenance_series(made[1].id, SeriesScope::Following)
            .await
            .unwrap();
        assert_eq!(
            cancelled
                .iter()
                .map(|w| (w.id, w.status))
                .collect::<Vec<_>>(),
            [
                (made[1].id, MaintenanceStatus::Cancelled),
                (made[2].id, MaintenanceStatus::Cancelled)
            ]
        );
    }

    /// Offline, the panel shows the cached calendar and says when it was fetched.
    #[tokio::test]
    async fn offline_shows_the_cached_calendar() {
        let dir = tempfile::tempdir().unwrap();
        let db = admin_service::db::open(&format!("sqlite://{}/s.sqlite", dir.path().display()))
            .await
            .unwrap();
        admin_service::demo::seed_if_empty(&db, chrono::Utc::now())
            .await
            .unwrap();
        let state = admin_service::AppState::with_system_clock(db);
        let service = admin_service::start("127.0.0.1:0", state).await.unwrap();
        let console = Console::open(
            dir.path().join("console"),
            Arc::new(MemoryStore::default()),
            Arc::new(Quiet),
        )
        .await
        .unwrap();
        console
            .connect(ConnectRequest {
                url: service.base_url(),
                username: admin_service::demo::MANAGER.into(),
                password: Secret::new(admin_service::demo::DEMO_PASSWORD),
            })
            .await
            .unwrap();
        let online = console.maintenance().await.unwrap();
        assert!(!online.from_cache);
        service.stop().await.unwrap();
        let offline = console.maintenance().await.unwrap();
        assert!(offline.from_cache);
        assert_eq!(offline.windows, online.windows);
        assert_eq!(offline.fetched_at, online.fetched_at);
        assert_eq!(offline.this_month, online.this_month);
    }
}
