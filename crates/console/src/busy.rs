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

/// Counts what is running; cheap to clone, all clones share the counts.
#[derive(Clone, Default)]
pub struct BusyRegistry(Arc<Mutex<BTreeMap<Activity, usize>>>);

/// Held while the activity runs; dropping it ends that activity's claim.
#[must_use = "the activity counts only while the guard is held"]
pub struct BusyGuard {
    registry: BusyRegistry,
    activity: Activity,
}

impl BusyRegistry {
    pub fn hold(&self, activity: Activity) -> BusyGuard {
        *self.0.lock().unwrap().entry(activity).or_default() += 1;
        BusyGuard {
            registry: self.clone(),
            activity,
        }
    }

    /// What runs now, each kind once, in a fixed order.
    pub fn active(&self) -> Vec<Activity> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(a, _)| *a)
            .collect()
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        let mut counts = self.registry.0.lock().unwrap();
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
