//! The app's commands come from the panels' permission sets (`permissions/<panel>.toml`),
//! which a test writes from the command declarations (see `src-tauri/src/commands.rs`).
//! Each command gets its allow-permission; the capability in tauri.conf.json grants the
//! panels' sets, nothing from the plugins (UQ-LEAST-PRIV).

fn main() {
    let mut commands = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir("permissions")
        .expect("the permissions folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a readable permission set");
        for quoted in text.split('"').skip(1).step_by(2) {
            if let Some(name) = quoted.strip_prefix("allow-") {
                commands.push(&*name.replace('-', "_").leak());
            }
        }
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands.leak())),
    )
    .expect("tauri build step failed");
}
