//! The console's logic without Tauri: session and sign-in, each panel's view, sync
//! scheduling, update policy, the busy registry and offline copies. `src-tauri` adapts it
//! to the desktop (keyring, events, dialogs, updater); tests drive it with no window.

#[cfg(test)]
mod acting_tests;
pub mod activity;
#[cfg(test)]
mod activity_tests;
pub mod audit;
#[cfg(test)]
mod audit_tests;
pub mod auto_install;
pub mod backups;
pub mod bindings;
pub mod browser;
pub mod busy;
pub mod clock;
pub mod command;
pub mod console;
#[cfg(test)]
mod console_tests;
pub mod demo;
pub mod desktop;
pub mod dialog;
pub mod error;
pub mod export_file;
pub mod first_panel;
#[cfg(test)]
mod first_panel_tests;
pub mod host;
pub mod identity;
pub mod idle;
#[cfg(test)]
mod idle_tests;
pub mod kept;
#[cfg(test)]
mod layout_tests;
pub mod logging;
pub mod maintenance;
pub mod notices;
pub mod offline;
#[cfg(test)]
mod offline_tests;
pub mod origin;
pub mod overview;
pub mod pack;
#[cfg(test)]
mod pack_tests;
pub mod residency;
pub mod roles;
pub mod session;
pub mod startup;
#[cfg(test)]
mod startup_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod third_party_tests;
pub mod timeline;
pub mod token_fallback;
pub mod tokens;
pub mod updates;
pub mod uptime;
pub mod views;

use command::Command;
use console::Console;

/// Every panel's commands over the console; the desktop adds its own (`src-tauri`).
pub fn commands() -> impl Iterator<Item = &'static Command<Console>> {
    [
        session::COMMANDS,
        startup::COMMANDS,
        activity::COMMANDS,
        audit::COMMANDS,
        backups::COMMANDS,
        maintenance::COMMANDS,
        notices::COMMANDS,
        overview::COMMANDS,
        timeline::COMMANDS,
        residency::COMMANDS,
        roles::COMMANDS,
        identity::COMMANDS,
        updates::COMMANDS,
        desktop::COMMANDS,
        uptime::COMMANDS,
        offline::COMMANDS,
        pack::save::COMMANDS,
    ]
    .into_iter()
    .flatten()
}
