//! SLA report over one year of 60 s samples (525,600), as the uptime panel asks for it:
//! twelve monthly reports. Target: <= 50 ms. Run:
//! `cargo run --release -p admin-policy --example sla_bench`

use admin_policy::business::{BusinessCalendar, Span};
use admin_policy::sla::{month_report, Sample};
use chrono::{Duration, TimeZone, Utc};
use std::time::Instant;

fn main() {
    let calendar = BusinessCalendar::default();
    let start = Utc.with_ymd_and_hms(2024, 12, 31, 22, 0, 0).unwrap();
    let samples: Vec<Sample> = (0..525_600i64)
        .map(|i| {
            // A 25-minute outage every 9 days and a short blip every 2 days.
            let down = i % (9 * 1440) < 25 || i % (2 * 1440) == 700;
            Sample {
                at: start + Duration::minutes(i),
                up: !down,
            }
        })
        .collect();
    let maintenance: Vec<Span> = (1..=12)
        .map(|m| {
            let at = Utc.with_ymd_and_hms(2025, m, 12, 17, 0, 0).unwrap();
            Span::new(at, at + Duration::hours(2))
        })
        .collect();
    let year = || {
        (1..=12)
            .map(|m| {
                month_report(
                    &calendar,
                    2025,
                    m,
                    &samples,
                    Duration::seconds(60),
                    &maintenance,
                )
                .unwrap()
            })
            .collect::<Vec<_>>()
    };
    let reports = year();
    let mut times: Vec<f64> = (0..30)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(year());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("samples: {}", samples.len());
    println!("12 monthly reports: median {:.2} ms, best {:.2} ms, worst {:.2} ms (30 runs; target <= 50 ms)",
        times[times.len() / 2], times[0], times[times.len() - 1]);
    for (m, r) in reports.iter().enumerate() {
        println!(
            "2025-{:02}: ratio {:.5} compliant {:?} up {} s down {} s maintenance {} s unmonitored {} s",
            m + 1, r.uptime_ratio.unwrap_or(f64::NAN), r.compliant, r.up_s, r.down_s, r.maintenance_s, r.unmonitored_s
        );
    }
}
