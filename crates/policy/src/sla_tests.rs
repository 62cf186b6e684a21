//! Clause tests of the SLA report and incidents.
use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

const DAY_S: i64 = 13 * 3600;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn cal() -> BusinessCalendar {
    BusinessCalendar::default()
}

/// Long after every month the tests look at: they are all closed.
fn later() -> DateTime<Utc> {
    utc(2030, 1, 1, 0, 0)
}

fn probed(seconds: i64) -> Evidence {
    Evidence::Probed {
        interval: Duration::seconds(seconds),
    }
}

/// A closed month's report from minute samples.
fn report(c: &BusinessCalendar, month: u32, samples: &[Sample], maintenance: &[Span]) -> SlaReport {
    month_report(c, 2026, month, samples, probed(60), maintenance, later()).unwrap()
}

/// Samples every `step` seconds over `span`, down inside `outage`.
fn samples(span: Span, step: i64, outage: Option<Span>) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut at = span.start;
    while at < span.end {
        let up = !outage.is_some_and(|o| at >= o.start && at < o.end);
        out.push(Sample { at, up });
        at += Duration::seconds(step);
    }
    out
}

/// Clause 4S-SLA: March 2026 has its DST change on Sunday the 29th; the 22 business
/// days are 13 local hours each, before (UTC+2) and after (UTC+3) it.
#[test]
fn four_s_sla_march_dst_keeps_local_business_hours() {
    let c = cal();
    let march = c.month(2026, 3).unwrap();
    assert_eq!(march.start, utc(2026, 2, 28, 22, 0));
    assert_eq!(march.end, utc(2026, 3, 31, 21, 0));
    let spans = c.spans(march);
    assert_eq!(spans.len(), 22);
    assert_eq!(
        spans[19].start,
        utc(2026, 3, 27, 5, 0),
        "Friday before the change: UTC+2"
    );
    assert_eq!(
        spans[20].start,
        utc(2026, 3, 30, 4, 0),
        "Monday after the change: UTC+3"
    );
    let all = samples(march, 60, None);
    let r = report(&c, 3, &all, &[]);
    assert_eq!(r.business_s, 22 * DAY_S);
    assert_eq!(
        (r.up_s, r.down_s, r.unmonitored_s, r.maintenance_s),
        (22 * DAY_S, 0, 0, 0)
    );
    assert_eq!(r.uptime_ratio, Some(1.0));
}

/// Clause 4S-SLA: October 2026 falls back on Sunday the 25th.
#[test]
fn four_s_sla_october_dst_keeps_local_business_hours() {
    let c = cal();
    let october = c.month(2026, 10).unwrap();
    assert_eq!(
        october.end,
        utc(2026, 10, 31, 22, 0),
        "November starts at UTC+2"
    );
    let spans = c.spans(october);
    assert_eq!(spans.len(), 22);
    assert!(spans.iter().all(|s| s.seconds() == DAY_S));
    assert_eq!(spans[16].start, utc(2026, 10, 23, 4, 0), "Friday: UTC+3");
    assert_eq!(spans[17].start, utc(2026, 10, 26, 5, 0), "Monday: UTC+2");
}

/// Clause 4S-SLA: only the month's own business hours count, even when the samples run
/// across the boundary; a sample just before the month covers into it.
#[test]
fn four_s_sla_month_boundaries() {
    let c = cal();
    // Thursday 2026-04-30 is a business day; Friday 2026-05-01 too.
    let span = Span::new(utc(2026, 4, 29, 0, 0), utc(2026, 5, 3, 0, 0));
    let mut all = samples(span, 60, None);
    all.retain(|s| s.at < utc(2026, 4, 30, 20, 0) || s.at >= utc(2026, 5, 1, 4, 1));
    let may = report(&c, 5, &all, &[]);
    // May 1 opens 04:00 UTC; the first sample is at 04:01, so one minute is unmonitored.
    let days_in_may = c.spans(c.month(2026, 5).unwrap()).len() as i64;
    assert_eq!(may.business_s, days_in_may * DAY_S);
    let first_day_up = DAY_S - 60;
    assert_eq!(may.up_s, first_day_up);
    assert_eq!(may.unmonitored_s, may.business_s - first_day_up);
}

/// Clause 4S-SLA: a window from 19:00 to 22:00 Helsinki cuts one business hour.
#[test]
fn four_s_sla_maintenance_partly_inside_business_hours() {
    let c = cal();
    let june = c.month(2026, 6).unwrap();
    let all = samples(june, 60, None);
    // 2026-06-10 is a Wednesday; Helsinki is UTC+3 in June.
    let window = Span::new(utc(2026, 6, 10, 16, 0), utc(2026, 6, 10, 19, 0));
    let r = report(&c, 6, &all, &[window]);
    assert_eq!(r.maintenance_s, 3600);
    assert_eq!(r.up_s, r.business_s - 3600);
    assert_eq!(r.unmonitored_s, 0);
}

/// Clause 4S-SLA: a 10-minute silence leaves 8 minutes unmonitored (the last sample
/// covers two intervals), and down time counts against the ratio.
#[test]
fn four_s_sla_gaps_and_outages() {
    let c = cal();
    let june = c.month(2026, 6).unwrap();
    let outage = Span::new(utc(2026, 6, 10, 6, 0), utc(2026, 6, 10, 7, 0));
    let mut all = samples(june, 60, Some(outage));
    // Samples at 06:00 and 06:10 with none between: ten minutes of silence.
    let gap = Span::new(utc(2026, 6, 11, 6, 1), utc(2026, 6, 11, 6, 10));
    all.retain(|s| s.at < gap.start || s.at >= gap.end);
    let r = report(&c, 6, &all, &[]);
    assert_eq!(r.down_s, 3600);
    assert_eq!(r.unmonitored_s, 8 * 60);
    assert_eq!(r.up_s + r.down_s + r.unmonitored_s, r.business_s);
    assert_eq!(r.measured_s, r.business_s);
    let ratio = r.uptime_ratio.unwrap();
    assert!((ratio - r.up_s as f64 / r.measured_s as f64).abs() < 1e-12);
    let best = r.uptime_ratio_best.unwrap();
    assert!((best - r.up_s as f64 / (r.up_s + r.down_s) as f64).abs() < 1e-12);
    // 22 business days: 1 h down of ~286 h is 99.65 %, below 99.8 % even at best.
    assert_eq!(r.status, SlaStatus::Breached);
    assert!((r.allowed_downtime_s - 0.002 * r.measured_s as f64).abs() < 1e-9);
}

/// Clause 4S-SLA: no data is not uptime. A month without samples is unverified, never
/// compliant; its proven ratio is 0 and its best case unknown.
#[test]
fn four_s_sla_no_data_is_not_uptime() {
    let c = cal();
    let r = report(&c, 6, &[], &[]);
    assert_eq!(r.unmonitored_s, r.business_s);
    assert_eq!((r.uptime_ratio, r.uptime_ratio_best), (Some(0.0), None));
    assert_eq!(r.status, SlaStatus::Unverified);
}

/// Clause 4S-SLA: a whole business day of no data in an otherwise perfect month is
/// unverified (1 of 22 days is 4.5 %, far over the 0.2 % allowance), not compliant.
#[test]
fn four_s_sla_a_day_of_no_data_is_unverified() {
    let c = cal();
    let june = c.month(2026, 6).unwrap();
    let day = c
        .day(chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap())
        .unwrap();
    let mut all = samples(june, 60, None);
    all.retain(|s| s.at < day.start - Duration::minutes(2) || s.at >= day.end);
    let r = report(&c, 6, &all, &[]);
    assert_eq!(r.unmonitored_s, DAY_S);
    assert_eq!(r.down_s, 0);
    assert_eq!(r.uptime_ratio_best, Some(1.0));
    assert!(r.uptime_ratio.unwrap() < TARGET_RATIO);
    assert_eq!(r.status, SlaStatus::Unverified);
}

/// Clause 4S-SLA: exactly 99.8 % of measured time proven up is compliant; a second less
/// is not; below 99.8 % at best is breached.
#[test]
fn four_s_sla_threshold() {
    let c = cal();
    let june = c.month(2026, 6).unwrap();
    let all = samples(june, 60, None);
    let measured = report(&c, 6, &all, &[]).measured_s;
    assert_eq!(measured, 22 * DAY_S);
    // 0.2 % of 22 x 13 h is 2059.2 s: 2059 s down is compliant, 2060 s is breached.
    let outage = |secs: i64| {
        let day = c
            .day(chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap())
            .unwrap();
        let mut list = all.clone();
        list.retain(|s| s.at < day.start || s.at >= day.start + Duration::seconds(secs));
        list.push(Sample {
            at: day.start,
            up: false,
        });
        list.sort_by_key(|s| s.at);
        // The outage's last sample closes it at exactly `secs`.
        list.retain(|s| s.at != day.start + Duration::seconds(secs));
        list.push(Sample {
            at: day.start + Duration::seconds(secs),
            up: true,
        });
        list.sort_by_key(|s| s.at);
        list
    };
    let probe = Evidence::Probed {
        interval: Duration::seconds(3000),
    };
    let at = |secs| month_report(&c, 2026, 6, &outage(secs), probe, &[], later()).unwrap();
    let ok = at(2059);
    assert_eq!((ok.down_s, ok.unmonitored_s), (2059, 0));
    assert_eq!(ok.status, SlaStatus::Compliant);
    let over = at(2060);
    assert_eq!(over.down_s, 2060);
    assert_eq!(over.status, SlaStatus::Breached);
}

/// Clause 4S-SLA: in the month in progress only the past counts; the rest of the month
/// is `remaining_s`. Down plus no data within the month's allowance is on track, beyond
/// it at risk, and down alone beyond it breached.
#[test]
fn four_s_sla_month_in_progress() {
    let c = cal();
    let june = c.month(2026, 6).unwrap();
    // Wednesday 10 June, 12:00 Helsinki.
    let now = crate::maintenance::helsinki_at(2026, 6, 10, 12, 0);
    let all = samples(Span::new(june.start, now), 60, None);
    let r = month_report(&c, 2026, 6, &all, probed(60), &[], now).unwrap();
    // 1-9 June hold 7 business days, and 5 hours of the 10th.
    assert_eq!(r.measured_s, 7 * DAY_S + 5 * 3600);
    assert_eq!(r.remaining_s, 22 * DAY_S - r.measured_s);
    assert_eq!((r.up_s, r.down_s, r.unmonitored_s), (r.measured_s, 0, 0));
    assert_eq!(r.status, SlaStatus::OnTrack);
    assert!((r.allowed_downtime_s - 0.002 * (22 * DAY_S) as f64).abs() < 1e-9);
    // An hour with no data on the 9th: more than the 34 min allowance, at risk.
    let mut gap = all.clone();
    let ninth = crate::maintenance::helsinki_at(2026, 6, 9, 10, 0);
    gap.retain(|s| s.at < ninth || s.at >= ninth + Duration::hours(1));
    let r = month_report(&c, 2026, 6, &gap, probed(60), &[], now).unwrap();
    assert_eq!(r.status, SlaStatus::AtRisk);
    // An hour down: breached, whatever the rest of the month brings.
    let down: Vec<Sample> = all
        .iter()
        .map(|s| Sample {
            up: !(s.at >= ninth && s.at < ninth + Duration::hours(1)),
            ..*s
        })
        .collect();
    let r = month_report(&c, 2026, 6, &down, probed(60), &[], now).unwrap();
    assert_eq!(r.status, SlaStatus::Breached);
}

/// Clause 4S-SLA: a push monitor that stops pushing is down once its interval plus grace
/// has passed; before its first heartbeat after creation it is down too.
#[test]
fn four_s_sla_push_monitor_silent_past_grace_is_down() {
    let c = cal();
    let june = c.month(2026, 6).unwrap();
    let day = c
        .day(chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap())
        .unwrap();
    let mut beats = samples(june, 60, None);
    // Silent for an hour from 10:00 Helsinki.
    let silent = Span::new(
        day.start + Duration::hours(3),
        day.start + Duration::hours(4),
    );
    beats.retain(|s| s.at < silent.start || s.at >= silent.end);
    let push = Evidence::Pushed {
        interval: Duration::seconds(60),
        grace: Duration::seconds(120),
        since: june.start,
    };
    let r = month_report(&c, 2026, 6, &beats, push, &[], later()).unwrap();
    // The last beat at silent.start - 60 s covers 3 minutes; the rest of the gap is down.
    assert_eq!(r.down_s, 3600 + 60 - 180);
    assert_eq!(r.unmonitored_s, 0);
    assert_eq!(r.status, SlaStatus::Breached);
    // Created mid-month with no heartbeat yet: down from creation, unmonitored before.
    let created = day.start;
    let never = Evidence::Pushed {
        interval: Duration::seconds(60),
        grace: Duration::seconds(120),
        since: created,
    };
    let r = month_report(&c, 2026, 6, &[], never, &[], later()).unwrap();
    let before = c.business_seconds(Span::new(june.start, created));
    assert_eq!(r.unmonitored_s, before);
    assert_eq!(r.down_s, r.business_s - before);
}

/// Clause 4S-CRITICAL-FIX: time-to-fix counts business seconds only, and a fault
/// found after closing belongs to the next business day.
#[test]
fn four_s_critical_fix_time_to_fix_in_business_hours() {
    let c = cal();
    let at = |d, h, m| utc(2026, 6, d, h, m);
    let s = |d, h, m, up| Sample {
        at: at(d, h, m),
        up,
    };
    // Wednesday 19:30 local (16:30 UTC) down, fixed Thursday 08:00 local (05:00 UTC).
    let list = [
        s(10, 16, 0, true),
        s(10, 16, 30, false),
        s(10, 16, 31, false),
        s(11, 5, 0, true),
    ];
    let found = incidents(&list);
    assert_eq!(
        found,
        vec![Incident {
            start: at(10, 16, 30),
            end: Some(at(11, 5, 0))
        }]
    );
    assert_eq!(found[0].time_to_fix_business_s(&c), Some(30 * 60 + 3600));
    assert_eq!(found[0].fixed_same_business_day(&c), Some(false));
    // Friday 21:00 local: belongs to Monday; fixed Monday 10:00 local is the same business day.
    let late = Incident {
        start: at(12, 18, 0),
        end: Some(at(15, 7, 0)),
    };
    assert_eq!(late.time_to_fix_business_s(&c), Some(3 * 3600));
    assert_eq!(late.fixed_same_business_day(&c), Some(true));
    assert_eq!(incidents(&[s(10, 16, 0, false)])[0].end, None);
}

/// Clause 4S-CRITICAL-FIX, the reading written down: a fault that starts in business
/// hours is fixed the same business day when it ends by 20:00 Helsinki that day.
#[test]
fn four_s_critical_fix_same_business_day_ends_by_closing() {
    let c = cal();
    let hel = crate::maintenance::helsinki_at;
    let fault = |end| Incident {
        start: hel(2026, 6, 10, 9, 0),
        end: Some(end),
    };
    assert_eq!(
        fault(hel(2026, 6, 10, 19, 59)).fixed_same_business_day(&c),
        Some(true)
    );
    assert_eq!(
        fault(hel(2026, 6, 10, 20, 0)).fixed_same_business_day(&c),
        Some(true)
    );
    assert_eq!(
        fault(hel(2026, 6, 10, 20, 1)).fixed_same_business_day(&c),
        Some(false)
    );
    assert_eq!(
        fault(hel(2026, 6, 10, 23, 0)).fixed_same_business_day(&c),
        Some(false)
    );
    assert_eq!(
        fault(hel(2026, 6, 11, 7, 0)).fixed_same_business_day(&c),
        Some(false)
    );
    // Found at 19:30, fixed at 21:00: past closing, so not the same business day.
    let late = Incident {
        start: hel(2026, 6, 10, 19, 30),
        end: Some(hel(2026, 6, 10, 21, 0)),
    };
    assert_eq!(late.fixed_same_business_day(&c), Some(false));
    // Found Saturday: belongs to Monday, fixed Monday 19:00.
    let weekend = Incident {
        start: hel(2026, 6, 13, 12, 0),
        end: Some(hel(2026, 6, 15, 19, 0)),
    };
    assert_eq!(weekend.fixed_same_business_day(&c), Some(true));
    // October: the same wall-clock rule across the change (Monday 26th is UTC+2).
    let october = Incident {
        start: hel(2026, 10, 26, 9, 0),
        end: Some(hel(2026, 10, 26, 19, 59)),
    };
    assert_eq!(october.fixed_same_business_day(&c), Some(true));
    assert_eq!(
        Incident {
            end: Some(hel(2026, 10, 26, 20, 1)),
            ..october
        }
        .fixed_same_business_day(&c),
        Some(false)
    );
}

proptest! {
    /// Clause 4S-SLA: up + down + unmonitored + maintenance = business time, always.
    #[test]
    fn four_s_sla_parts_add_up_to_business_time(
        offsets in proptest::collection::vec((0i64..31 * 86_400, any::<bool>()), 0..400),
        windows in proptest::collection::vec((0i64..31 * 86_400, 0i64..40_000), 0..6),
        interval in 30i64..7_200,
        month in 1u32..=12,
    ) {
        let c = cal();
        let bounds = c.month(2026, month).unwrap();
        let mut list: Vec<Sample> = offsets
            .iter()
            .map(|(o, up)| Sample { at: bounds.start - Duration::days(1) + Duration::seconds(*o), up: *up })
            .collect();
        list.sort_by_key(|s| s.at);
        list.dedup_by_key(|s| s.at);
        let maintenance: Vec<Span> = windows
            .iter()
            .map(|(o, len)| {
                let start = bounds.start + Duration::seconds(*o);
                Span::new(start, start + Duration::seconds(*len))
            })
            .collect();
        let r = month_report(&c, 2026, month, &list, probed(interval), &maintenance, later()).unwrap();
        prop_assert_eq!(r.up_s + r.down_s + r.unmonitored_s + r.maintenance_s, r.business_s);
        prop_assert_eq!(r.measured_s + r.maintenance_s, r.business_s);
        let push = Evidence::Pushed {
            interval: Duration::seconds(interval),
            grace: Duration::seconds(interval / 2),
            since: bounds.start + Duration::days(3),
        };
        let p = month_report(&c, 2026, month, &list, push, &maintenance, later()).unwrap();
        prop_assert_eq!(p.up_s + p.down_s + p.unmonitored_s + p.maintenance_s, p.business_s);
        prop_assert!(p.unmonitored_s >= 0 && p.down_s >= 0);
        prop_assert!(r.up_s >= 0 && r.down_s >= 0 && r.unmonitored_s >= 0 && r.maintenance_s >= 0);
    }
}
