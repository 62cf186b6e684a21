//! The native "Save as" dialog for exports, behind the core's `SaveDialog`. Asked from Rust
//! so the web view needs no dialog or file-system permission of its own (UQ-LEAST-PRIV).

use admin_console_core::dialog::{Chosen, SaveAs, SaveDialog};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

pub struct NativeDialog(pub AppHandle);

impl SaveDialog for NativeDialog {
    fn ask(&self, what: SaveAs) -> Chosen<'_> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.0
            .dialog()
            .file()
            .set_file_name(&what.file_name)
            .add_filter(what.filter_name, what.extensions)
            .save_file(move |chosen| {
                let _ = tx.send(chosen.and_then(|p| p.into_path().ok()));
            });
        Box::pin(async move { rx.await.ok().flatten() })
    }
}
