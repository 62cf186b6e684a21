// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// glibc's malloc gives each thread that allocates an arena of its own and gives little of it
// back: in the 10-minute soak the app process held 480-680 MB; with mimalloc 170-300 MB
// (docs/benchmarks.md, soak). MALLOC_ARENA_MAX=2 kept it flat too (340 MB), but only when the
// environment sets it before the process starts.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    admin_console::run();
}
