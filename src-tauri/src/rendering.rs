//! How the Linux web view draws, chosen for memory (issue 17's soak, issue 18's memory;
//! figures in docs/benchmarks.md).
//!
//! WebKitGTK composites with OpenGL. With no GPU render node (a VM, a remote desktop, Xvfb)
//! that GL is Mesa's software rasteriser, which loads LLVM into the web process and keeps
//! its layers' textures in ordinary memory: in the 10-minute soak the web process held
//! 460-610 MB that way and 230-390 MB painting without compositing, and the console's tables
//! and SVG charts need no GPU to draw. With a render node WebKit keeps its default.

use std::ffi::OsString;

/// WebKitGTK's own switch; a value the user set is left as it is.
const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Before the first window: WebKit reads the switch when it creates the web view. Says
/// whether it turned compositing off.
pub fn choose() -> bool {
    let render_nodes: Vec<OsString> = std::fs::read_dir("/dev/dri")
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    let off = paint_without_compositing(&render_nodes, |name| std::env::var_os(name));
    if off {
        std::env::set_var(NO_COMPOSITING, "1");
    }
    off
}

/// Whether to turn compositing off: only GL in software, and only if the user did not say.
fn paint_without_compositing(
    dri_entries: &[OsString],
    env: impl Fn(&str) -> Option<OsString>,
) -> bool {
    if env(NO_COMPOSITING).is_some() {
        return false;
    }
    let forced_software = env("LIBGL_ALWAYS_SOFTWARE").is_some_and(|v| v != "0" && v != "false");
    let has_render_node = dri_entries
        .iter()
        .any(|name| name.to_string_lossy().starts_with("renderD"));
    forced_software || !has_render_node
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decision for these `/dev/dri` entries and environment variables.
    fn off(dri: &[&str], vars: &[(&str, &str)]) -> bool {
        let dri: Vec<OsString> = dri.iter().map(OsString::from).collect();
        paint_without_compositing(&dri, |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn no_render_node_means_software_gl_so_compositing_goes() {
        assert!(off(&[], &[]));
        // A card node alone (a display controller, no render engine) is no GPU to draw on.
        assert!(off(&["card0", "by-path"], &[]));
    }

    #[test]
    fn a_render_node_keeps_webkits_default() {
        assert!(!off(&["card0", "renderD128"], &[]));
    }

    #[test]
    fn mesa_forced_to_software_counts_as_no_gpu() {
        assert!(off(&["renderD128"], &[("LIBGL_ALWAYS_SOFTWARE", "1")]));
        assert!(!off(&["renderD128"], &[("LIBGL_ALWAYS_SOFTWARE", "0")]));
    }

    #[test]
    fn the_users_own_setting_wins_either_way() {
        // Whatever the user set, WebKit reads it as they meant it; the console leaves it.
        assert!(!off(&[], &[(NO_COMPOSITING, "0")]));
        assert!(!off(&[], &[(NO_COMPOSITING, "1")]));
    }
}
