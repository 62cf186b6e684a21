//! The TypeScript types no command declares: what the console sends unasked (its events)
//! and its error. Every other type in `ui/src/bindings.ts` is reached from the command
//! declarations through ts-rs (`crate::command::TypeSet`); the app's commands test writes
//! the file (`UPDATE_BINDINGS=1 cargo test -p admin-console commands`) and fails when it is
//! stale.

use crate::command::TypeSet;

/// Adds the events' payloads and `CommandError` to `set`.
pub fn unasked_types(set: &mut TypeSet) {
    set.add::<crate::error::CommandError>();
    // session-ended, connection-changed
    set.add::<crate::views::SessionEnded>();
    set.add::<crate::views::Connection>();
    // audit-sync-progress, audit-export-progress
    set.add::<crate::audit::AuditSyncProgress>();
    set.add::<crate::audit::AuditExportProgress>();
    // pack-progress
    set.add::<crate::pack::save::PackProgress>();
    // feeds-synced
    set.add::<crate::activity::FeedSyncReport>();
    // full-sync-progress, full-sync-finished
    set.add::<crate::offline::FullSyncProgress>();
    set.add::<crate::offline::FullSyncReport>();
    // update-progress, update-available
    set.add::<crate::updates::UpdateProgress>();
    set.add::<crate::updates::UpdateInfo>();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A command's types come with its declaration, nested ones too: nothing lists them.
    #[test]
    fn a_commands_types_are_reached_from_its_declaration() {
        let mut set = TypeSet::default();
        for command in crate::uptime::COMMANDS {
            (command.types)(&mut set);
        }
        let ts = set.typescript();
        for decl in [
            "export type Kept<T> = ",
            "export type UptimeView = ",
            "export type SlaMonth = ",
            "export type DayBar = ",
            "export type MonitorPatch = ",
        ] {
            assert!(ts.contains(decl), "{decl} missing from\n{ts}");
        }
        assert_eq!(ts.matches("export type Kept<").count(), 1, "{ts}");
        assert!(
            !ts.contains("type Backup "),
            "only what uptime's commands reach: {ts}"
        );
    }
}
