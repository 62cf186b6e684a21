//! The native "Save as" dialog, behind a trait: the desktop asks the system's dialog
//! (`src-tauri/src/save_dialog.rs`), tests answer with a path or a cancel.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

/// What the dialog offers: a suggested file name and one file-type filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveAs {
    /// Says what the file holds (`compliance-pack-2026-11.pdf`), so a folder of them reads.
    pub file_name: String,
    pub filter_name: &'static str,
    pub extensions: &'static [&'static str],
}

pub type Chosen<'a> = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send + 'a>>;

pub trait SaveDialog: Send + Sync + 'static {
    /// The path the manager chose, or `None` when they cancelled.
    fn ask(&self, what: SaveAs) -> Chosen<'_>;
}

/// No desktop to ask: every export is cancelled.
pub struct NoDialog;

impl SaveDialog for NoDialog {
    fn ask(&self, _what: SaveAs) -> Chosen<'_> {
        Box::pin(async { None })
    }
}

/// Answers every dialog with the same path, as a manager who always picks it.
pub struct FixedPath(pub PathBuf);

impl SaveDialog for FixedPath {
    fn ask(&self, _what: SaveAs) -> Chosen<'_> {
        let path = self.0.clone();
        Box::pin(async move { Some(path) })
    }
}
