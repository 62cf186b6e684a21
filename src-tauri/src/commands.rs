//! The one invoke handler: every command is declared once, next to its panel, with
//! `admin_console_core::commands!` (the core's panels over the `Console`, the desktop's own
//! over the `AppHandle`), and dispatched from those tables. Nothing here lists commands.

use admin_console_core::command::Command;
use admin_console_core::console::Console;
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{AppHandle, Manager};

/// The commands that need the desktop itself: the updater, a restart, the system browser.
fn desktop() -> impl Iterator<Item = &'static Command<AppHandle>> {
    [crate::updater::COMMANDS, crate::navigation::COMMANDS]
        .into_iter()
        .flatten()
}

/// Runs the command the web view invoked. The capability was checked before this (each
/// panel's permission set, UQ-LEAST-PRIV); an unknown name answers `false`, as Tauri's own
/// handler does.
pub fn handler(invoke: Invoke) -> bool {
    let name = invoke.message.command();
    let args = match invoke.message.payload() {
        InvokeBody::Json(args) => args.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let app = invoke.message.webview().app_handle().clone();
    if let Some(command) = admin_console_core::commands().find(|c| c.name == name) {
        let run = command.run;
        invoke.resolver.respond_async(async move {
            let console = app.state::<Console>();
            run(&console, args).await.map_err(InvokeError::from)
        });
        true
    } else if let Some(command) = desktop().find(|c| c.name == name) {
        let run = command.run;
        invoke
            .resolver
            .respond_async(async move { run(&app, args).await.map_err(InvokeError::from) });
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use admin_console_core::command::{permission_sets, typescript, Signature, TypeSet};
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Every command's signature: the core's panels, then the desktop's own.
    fn signatures() -> Vec<Signature> {
        admin_console_core::commands()
            .map(Command::signature)
            .chain(desktop().map(Command::signature))
            .collect()
    }

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// Writes `fresh` with UPDATE_BINDINGS=1; otherwise says whether the file matches.
    fn fresh_or_stale(path: &Path, fresh: &str) -> Option<String> {
        if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
            std::fs::write(path, fresh).unwrap();
        }
        let current = std::fs::read_to_string(path).unwrap_or_default();
        (current != fresh).then(|| path.display().to_string())
    }

    /// One declaration per command: the generated TypeScript (`ui/src/commands.ts`, which
    /// `ipc.ts` and the IPC mock are typed by, and `ui/src/bindings.ts`, the types those
    /// commands reach), the panels' permission sets (which
    /// `build.rs` reads the command names from) and the window's capability agree with the
    /// declarations. UPDATE_BINDINGS=1 rewrites the generated files.
    #[test]
    fn commands_ts_permissions_and_capability_follow_the_declarations() {
        let sigs = signatures();
        let mut stale = Vec::new();
        let mut names = BTreeSet::new();
        for sig in &sigs {
            assert!(names.insert(sig.name), "{} is declared twice", sig.name);
            assert!(
                sig.name.starts_with(&format!("{}_", sig.panel)),
                "{} is not named <panel>_<verb> for its panel {}",
                sig.name,
                sig.panel
            );
        }
        stale.extend(fresh_or_stale(
            &root().join("ui/src/commands.ts"),
            &typescript(&sigs),
        ));
        // The types come from the same declarations, walked through ts-rs; only the
        // events' payloads and the error are named (`admin_console_core::bindings`).
        let mut types = TypeSet::default();
        admin_console_core::commands().for_each(|c| (c.types)(&mut types));
        desktop().for_each(|c| (c.types)(&mut types));
        admin_console_core::bindings::unasked_types(&mut types);
        stale.extend(fresh_or_stale(
            &root().join("ui/src/bindings.ts"),
            &types.typescript(),
        ));
        let sets = permission_sets(&sigs);
        for (panel, toml) in &sets {
            stale.extend(fresh_or_stale(
                &root().join(format!("permissions/{panel}.toml")),
                toml,
            ));
        }
        assert!(
            stale.is_empty(),
            "stale: {stale:?}: run UPDATE_BINDINGS=1 cargo test -p admin-console commands"
        );
        let files: BTreeSet<String> = std::fs::read_dir(root().join("permissions"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|f| f.strip_suffix(".toml").map(String::from))
            .collect();
        let panels: BTreeSet<String> = sets.keys().map(|p| p.to_string()).collect();
        assert_eq!(files, panels, "permissions/*.toml without a panel");

        let conf: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join("tauri.conf.json")).unwrap())
                .unwrap();
        let granted: BTreeSet<String> = conf["app"]["security"]["capabilities"][0]["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| !p.starts_with("core:"))
            .map(String::from)
            .collect();
        assert_eq!(
            granted, panels,
            "the capability in tauri.conf.json grants exactly the panels' permission sets"
        );
    }
}
