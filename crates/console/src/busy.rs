//! What must not be interrupted by an update install: a sync, an export, an open dialog.
//!
//! The Console owns one [`BusyRegistry`] (`host.busy()`, see `crate::host`). Code doing
//! such work takes a guard for as long as it runs and lets it drop at the end, on every
//! path out, panics included:
//!
//! ```ignore
//! let _busy = host.busy().hold(Activity::Sync);      // or Export, Dialog
//! do_the_work().await?;                              // the guard drops here
//! ```
//!
//! `save_dialog::ask` already holds an `Activity::Dialog` guard while the native dialog is
//! open. Sync and export code adds its own `hold` at the start of the operation. The updater
//! asks [`BusyRegistry::active`] right before it installs and refuses while anything is
//! held, naming what is running (4S-UPDATES-WEEKLY: the manager stays in control).

use crate::error::CommandError;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    Sync,
    Export,
    Dialog,
}

impl Activity {
    pub fn describe(self) -> &'static str {
        match self {
            Activity::Sync => "a sync",
            Activity::Export => "an export",
            Activity::Dialog => "an open dialog",
        }
    }
}

/// Counts what is running, and whether an update is installing; cheap to clone, all clones
/// share the state. The install's "is anything running?" and "installing now" are one step
/// under one lock, so a sync or export cannot start between the check and the install.
#[derive(Clone, Default)]
pub struct BusyRegistry(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    counts: BTreeMap<Activity, usize>,
    installing: bool,
}

/// Held while an update installs: no sync, export or dialog starts meanwhile.
#[must_use = "the install is exclusive only while the guard is held"]
pub struct InstallGuard(BusyRegistry);

impl Drop for InstallGuard {
    fn drop(&mut self) {
        self.0 .0.lock().unwrap().installing = false;
    }
}

/// Held while the activity runs; dropping it ends that activity's claim.
#[must_use = "the activity counts only while the guard is held"]
pub struct BusyGuard {
    registry: BusyRegistry,
    activity: Activity,
}

impl BusyRegistry {
    /// Counts the activity even while an update installs (a dialog the system opened).
    pub fn hold(&self, activity: Activity) -> BusyGuard {
        *self.0.lock().unwrap().counts.entry(activity).or_default() += 1;
        BusyGuard {
            registry: self.clone(),
            activity,
        }
    }

    /// Starts the activity unless an update is installing (then it is refused: the console
    /// restarts into the new version in a moment).
    pub fn try_hold(&self, activity: Activity) -> Result<BusyGuard, CommandError> {
        let mut state = self.0.lock().unwrap();
        if state.installing {
            return Err(CommandError::Busy {
                message: format!(
                    "an update is being installed: {} starts again after the restart",
                    activity.describe()
                ),
                activities: Vec::new(),
            });
        }
        *state.counts.entry(activity).or_default() += 1;
        Ok(BusyGuard {
            registry: self.clone(),
            activity,
        })
    }

    /// Claims the install when nothing is running; otherwise names what is.
    pub fn begin_install(&self) -> Result<InstallGuard, Vec<Activity>> {
        let mut state = self.0.lock().unwrap();
        let active = Self::running(&state);
        if !active.is_empty() {
            return Err(active);
        }
        state.installing = true;
        Ok(InstallGuard(self.clone()))
    }

    /// What runs now, each kind once, in a fixed order.
    pub fn active(&self) -> Vec<Activity> {
        Self::running(&self.0.lock().unwrap())
    }

    fn running(state: &State) -> Vec<Activity> {
        state
            .counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(a, _)| *a)
            .collect()
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        let mut state = self.registry.0.lock().unwrap();
        let counts = &mut state.counts;
        if let Some(n) = counts.get_mut(&self.activity) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.activity);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_count_per_activity_and_release_on_drop() {
        let busy = BusyRegistry::default();
        assert!(busy.active().is_empty());
        let a = busy.hold(Activity::Dialog);
        let b = busy.hold(Activity::Dialog);
        let c = busy.clone().hold(Activity::Sync);
        assert_eq!(busy.active(), [Activity::Sync, Activity::Dialog]);
        drop(a);
        assert_eq!(busy.active(), [Activity::Sync, Activity::Dialog]);
        drop(b);
        drop(c);
        assert!(busy.active().is_empty());
    }

    /// 4S-UPDATES-WEEKLY, issue 16: the install refuses while anything is held, nothing
    /// starts while it installs, and racing threads never see both at once.
    #[test]
    fn four_s_updates_weekly_install_and_busy_work_exclude_each_other_under_a_race() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
        let busy = BusyRegistry::default();
        let sync = busy.hold(Activity::Sync);
        assert_eq!(busy.begin_install().err(), Some(vec![Activity::Sync]));
        drop(sync);
        let installing = busy.begin_install().expect("idle: the install is claimed");
        assert!(matches!(
            busy.try_hold(Activity::Export),
            Err(CommandError::Busy { .. })
        ));
        drop(installing);
        drop(busy.try_hold(Activity::Export).expect("after the install"));

        // Workers keep trying until the installer has claimed the install many times, and
        // yield between tries: with more workers than cores a fixed number of tries could
        // leave the installer never seeing a moment with nothing held.
        let working = Arc::new(AtomicUsize::new(0));
        let in_install = Arc::new(AtomicBool::new(false));
        let installer_done = Arc::new(AtomicBool::new(false));
        let mut installs = 0;
        let works: usize = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..3)
                .map(|_| {
                    let (busy, working, in_install, installer_done) = (
                        busy.clone(),
                        working.clone(),
                        in_install.clone(),
                        installer_done.clone(),
                    );
                    scope.spawn(move || {
                        let mut done = 0;
                        while done < 1_000 || !installer_done.load(SeqCst) {
                            if let Ok(_g) = busy.try_hold(Activity::Sync) {
                                working.fetch_add(1, SeqCst);
                                assert!(
                                    !in_install.load(SeqCst),
                                    "a sync started while installing"
                                );
                                working.fetch_sub(1, SeqCst);
                                done += 1;
                            }
                            std::thread::yield_now();
                        }
                        done
                    })
                })
                .collect();
            // Set on the way out even when an assertion below fails, so no worker spins on.
            struct Finish(Arc<AtomicBool>);
            impl Drop for Finish {
                fn drop(&mut self) {
                    self.0.store(true, SeqCst);
                }
            }
            let finish = Finish(installer_done.clone());
            while installs < 1_000 {
                if let Ok(_g) = busy.begin_install() {
                    in_install.store(true, SeqCst);
                    assert_eq!(working.load(SeqCst), 0, "installed while a sync ran");
                    in_install.store(false, SeqCst);
                    installs += 1;
                }
                std::thread::yield_now();
            }
            drop(finish);
            workers.into_iter().map(|w| w.join().unwrap()).sum()
        });
        assert!(
            installs == 1_000 && works >= 3_000,
            "both sides ran ({installs} installs, {works} syncs)"
        );
        assert!(busy.active().is_empty());
    }

    #[test]
    fn a_panicking_holder_still_releases() {
        let busy = BusyRegistry::default();
        let inner = busy.clone();
        let _ = std::panic::catch_unwind(move || {
            let _g = inner.hold(Activity::Export);
            panic!("export failed");
        });
        assert!(busy.active().is_empty());
    }
}
