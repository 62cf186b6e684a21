//! A file an export writes whole or not at all: the data goes to a hidden temporary file
//! beside the target, which is renamed over the target only once every byte is on disk. A
//! failed export (a full disk, a file size limit, a vanished folder) leaves no partial file
//! that could pass for a complete export, and its message says where and why.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

pub struct ExportFile {
    part: NamedTempFile,
    target: PathBuf,
}

impl ExportFile {
    /// Starts an export to `target`, in a temporary file in the same folder (so the
    /// rename stays on one file system and is atomic).
    pub fn create(target: &Path) -> Result<Self, String> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "export".into());
        let part = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".part")
            .tempfile_in(folder(target))
            .map_err(|e| why(target, &e))?;
        Ok(ExportFile {
            part,
            target: target.to_path_buf(),
        })
    }

    pub fn writer(&mut self) -> &mut File {
        self.part.as_file_mut()
    }

    /// Flushes to disk and puts the file in place; on error the temporary file is removed.
    pub fn finish(mut self) -> Result<(), String> {
        let target = self.target;
        self.part
            .as_file_mut()
            .flush()
            .and_then(|()| self.part.as_file().sync_all())
            .map_err(|e| why(&target, &e))?;
        self.part
            .persist(&target)
            .map(drop)
            .map_err(|e| why(&target, &e.error))
    }
}

fn folder(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// What went wrong writing `target`, in words that name the disk or the file.
pub fn why(target: &Path, e: &io::Error) -> String {
    let folder = folder(target).display();
    let target = target.display();
    match e.kind() {
        io::ErrorKind::StorageFull => format!("the disk holding {folder} is full ({e})"),
        io::ErrorKind::FileTooLarge => {
            format!("{target} would be larger than this system allows a file to be ({e})")
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            format!("{folder} cannot be written to ({e})")
        }
        io::ErrorKind::NotFound => format!("the folder {folder} does not exist ({e})"),
        _ => format!("could not write {target} ({e})"),
    }
}
