//! SLA report over one year of 60 s samples (525,600), as the uptime panel asks for it:
//! twelve monthly reports, pure (no I/O). Target: one month <= 50 ms. Prints figures; it
//! asserts only that the run it timed was a correct one. Run:
//! `cargo run --release -p admin-policy --example sla_bench`

use admin_policy::business::{BusinessCalendar, Span};
use admin_policy::sla::{month_report, Evidence, Sample, SlaReport, SlaStatus};
use chrono::{Duration, TimeZone, Utc};
use std::time::Instant;

fn main() {
    let calendar = BusinessCalendar::default();
    let start = Utc.with_ymd_and_hms(2024, 12, 31, 22, 0, 0).unwrap();
    // Every month closed when the reports are made.
    let now = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
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
    let evidence = Evidence::Probed {
        interval: Duration::seconds(60),
    };
    let month = |m: u32| -> SlaReport {
        month_report(&calendar, 2025, m, &samples, evidence, &maintenance, now).unwrap()
    };
    let reports: Vec<SlaReport> = (1..=12).map(month).collect();
    // A correct run: every part adds up, the samples leave no gap, and the figures are
    // judged by the rule.
    for r in &reports {
        assert_eq!(
            r.up_s + r.down_s + r.unmonitored_s + r.maintenance_s,
            r.business_s
        );
        assert_eq!((r.unmonitored_s, r.remaining_s), (0, 0));
        assert!(r.down_s > 0 && r.status != SlaStatus::Unverified);
    }
    let time = |runs: usize, f: &dyn Fn()| {
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times
    };
    let one = time(100, &|| {
        std::hint::black_box(month(6));
    });
    let year = time(30, &|| {
        std::hint::black_box((1..=12).map(month).collect::<Vec<_>>());
    });
    let p95 = |t: &[f64]| t[(t.len() * 95).div_ceil(100) - 1];
    println!("samples: {}", samples.len());
    println!(
        "one month report: median {:.2} ms, p95 {:.2} ms (100 runs; target <= 50 ms)",
        one[one.len() / 2],
        p95(&one)
    );
    println!(
        "12 monthly reports: median {:.2} ms, p95 {:.2} ms (30 runs)",
        year[year.len() / 2],
        p95(&year)
    );
    for (m, r) in reports.iter().enumerate() {
        println!(
            "2025-{:02}: proven {:.5} best {:.5} {:?} up {} s down {} s maintenance {} s unmonitored {} s",
            m + 1,
            r.uptime_ratio.unwrap_or(f64::NAN),
            r.uptime_ratio_best.unwrap_or(f64::NAN),
            r.status,
            r.up_s,
            r.down_s,
            r.maintenance_s,
            r.unmonitored_s
        );
    }
}
