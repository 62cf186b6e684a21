//! What one argon2id hash costs on this machine, for the pinned setting and stronger ones
//! (issue 15, item 10: find a setting near 50 ms). Prints figures; it asserts only that each
//! timed hash verifies, so a broken run prints no rate. Besides wall time it prints the
//! thread's CPU time, which a machine shared with other work inflates much less. Run:
//! `cargo run --release -p admin-service --example argon2_cost`
//! (the dev profile builds argon2 and blake2 at opt-level 3 too, so its figures are close).

use argon2::password_hash::{rand_core::OsRng, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::time::Instant;

const RUNS: usize = 15;
/// `passwords::M_COST_KIB`, `T_COST`, `P_COST`: what the service stores today.
const PINNED: (u32, u32, u32) = (19 * 1024, 2, 1);

fn main() {
    let settings = [
        PINNED,
        (19 * 1024, 4, 1),
        (32 * 1024, 2, 1),
        (46 * 1024, 1, 1),
        (46 * 1024, 2, 1),
        (64 * 1024, 1, 1),
        (64 * 1024, 2, 1),
        (64 * 1024, 3, 1),
    ];
    println!("argon2id, {RUNS} hashes each (after one warm-up), milliseconds");
    println!(
        "{:>8} {:>3} {:>3} {:>9} {:>9} {:>9} {:>9}",
        "m (MiB)", "t", "p", "wall min", "wall med", "cpu min", "cpu med"
    );
    for (m, t, p) in settings {
        let argon = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(m, t, p, None).expect("valid parameters"),
        );
        let hash_once = || {
            let salt = SaltString::generate(&mut OsRng);
            let (started, cpu_started) = (Instant::now(), thread_cpu_ms());
            let hash = argon
                .hash_password(b"correct horse battery staple", &salt)
                .expect("hashes");
            let took = (
                started.elapsed().as_secs_f64() * 1000.0,
                thread_cpu_ms() - cpu_started,
            );
            argon
                .verify_password(b"correct horse battery staple", &hash)
                .expect("the timed hash verifies");
            took
        };
        hash_once();
        let (mut wall, mut cpu): (Vec<f64>, Vec<f64>) = (0..RUNS).map(|_| hash_once()).unzip();
        wall.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        println!(
            "{:>8} {:>3} {:>3} {:>9.1} {:>9.1} {:>9.1} {:>9.1}{}",
            m / 1024,
            t,
            p,
            wall[0],
            wall[RUNS / 2],
            cpu[0],
            cpu[RUNS / 2],
            if (m, t, p) == PINNED {
                "  (pinned)"
            } else {
                ""
            }
        );
    }
}

/// This thread's CPU time in milliseconds, from Linux's scheduler statistics (their first
/// field is nanoseconds on a CPU); NaN where that file is not at hand. Read from /proc so the
/// workspace's `unsafe_code = "forbid"` holds here too.
fn thread_cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e6)
}
