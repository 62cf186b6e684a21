//! The workspace's code-shape rules that a reviewer would otherwise check by eye.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Issue 13: no Rust module over 500 lines without a one-line reason at its top.
#[test]
fn every_module_over_500_lines_says_why_at_its_top() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("src-tauri"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let reason = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("//! Over 500 lines: "))
                .is_some_and(|why| !why.trim().is_empty());
            (text.lines().count() > 500 && !reason).then(|| path.display().to_string())
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these or open them with `//! Over 500 lines: <why>`: {long:?}"
    );
}
