//! One window, one page, one command: what any Tauri 2 app pays before its own code.
//! The page calls `ready` from its first script; the line on stdout is what the benchmark
//! times (scripts/bench-shell.sh), as the console's "first panel drawn" line is.

use std::io::Write;

#[tauri::command]
fn ready() {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "first-script-ran");
    let _ = out.flush();
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
