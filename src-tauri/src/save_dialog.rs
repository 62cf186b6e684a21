//! The native "Save as" dialog for exports. Asked from Rust so the web view needs no
//! dialog or file-system permission of its own (UQ-LEAST-PRIV).

use crate::busy::Activity;
use crate::console::Console;
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// What the dialog offers: a suggested file name and one file-type filter.
pub struct SaveAs<'a> {
    pub file_name: &'a str,
    pub filter_name: &'a str,
    pub extensions: &'a [&'a str],
}

/// The path the manager chose, or `None` when they cancelled. An update does not install
/// while the dialog is open (an `Activity::Dialog` guard, see `crate::busy`).
pub async fn ask(app: &AppHandle, what: SaveAs<'_>) -> Option<PathBuf> {
    let _busy = app.state::<Console>().busy().hold(Activity::Dialog);
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(what.file_name)
        .add_filter(what.filter_name, what.extensions)
        .save_file(move |chosen| {
            let _ = tx.send(chosen.and_then(|p| p.into_path().ok()));
        });
    rx.await.ok().flatten()
}
