//! The monthly business-hours SLA (4S-SLA) and incident time-to-fix (4S-CRITICAL-FIX).
//!
//! Measured time is the month's business hours less announced maintenance. Sample i
//! covers `[t_i, min(t_{i+1}, t_i + 2 x interval))` with its state; measured time no sample
//! covers is unmonitored and left out of the ratio. Times are whole seconds.

use crate::business::{merge, subtract, BusinessCalendar, Span};
use chrono::{DateTime, Duration, Utc};

/// 99.8 % of monitored business time.
pub const TARGET_RATIO: f64 = 0.998;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub at: DateTime<Utc>,
    pub up: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlaReport {
    pub business_s: i64,
    pub maintenance_s: i64,
    pub up_s: i64,
    pub down_s: i64,
    pub unmonitored_s: i64,
    /// None when no measured second was monitored: there is nothing to judge.
    pub uptime_ratio: Option<f64>,
    pub allowed_downtime_s: f64,
    pub compliant: Option<bool>,
}

/// The report for one calendar month. `samples` must be sorted by time; `maintenance`
/// holds the windows that count as scheduled (announced as the rules require).
pub fn month_report(
    calendar: &BusinessCalendar,
    year: i32,
    month: u32,
    samples: &[Sample],
    interval: Duration,
    maintenance: &[Span],
) -> Option<SlaReport> {
    let bounds = calendar.month(year, month)?;
    let business = calendar.spans(bounds);
    let business_s: i64 = business.iter().map(Span::seconds).sum();
    let measured = subtract(&business, &merge(maintenance));
    let measured_s: i64 = measured.iter().map(Span::seconds).sum();
    let (up_s, down_s) = covered(&measured, samples, interval * 2, bounds);
    let monitored = up_s + down_s;
    let uptime_ratio = (monitored > 0).then(|| up_s as f64 / monitored as f64);
    Some(SlaReport {
        business_s,
        maintenance_s: business_s - measured_s,
        up_s,
        down_s,
        unmonitored_s: measured_s - monitored,
        uptime_ratio,
        allowed_downtime_s: (1.0 - TARGET_RATIO) * monitored as f64,
        compliant: uptime_ratio.map(|r| r >= TARGET_RATIO),
    })
}

/// Up and down seconds of `measured` that the samples cover, in one pass over both.
fn covered(measured: &[Span], samples: &[Sample], max_gap: Duration, bounds: Span) -> (i64, i64) {
    // A sample shortly before the month may still cover its first minutes.
    let first = samples
        .partition_point(|s| s.at < bounds.start)
        .saturating_sub(1);
    let (mut up, mut down) = (0, 0);
    let mut m = 0;
    for (i, sample) in samples.iter().enumerate().skip(first) {
        if sample.at >= bounds.end {
            break;
        }
        let limit = sample.at + max_gap;
        let end = samples.get(i + 1).map_or(limit, |next| next.at.min(limit));
        let cover = Span::new(sample.at, end);
        while m < measured.len() && measured[m].end <= cover.start {
            m += 1;
        }
        let mut k = m;
        while k < measured.len() && measured[k].start < cover.end {
            let seconds = measured[k].overlap(&cover);
            if sample.up {
                up += seconds;
            } else {
                down += seconds;
            }
            k += 1;
        }
    }
    (up, down)
}

/// A stretch of consecutive down samples; `end` is the first up sample after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incident {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

pub fn incidents(samples: &[Sample]) -> Vec<Incident> {
    let mut out = Vec::new();
    let mut open: Option<DateTime<Utc>> = None;
    for sample in samples {
        match (sample.up, open) {
            (false, None) => open = Some(sample.at),
            (true, Some(start)) => {
                out.push(Incident {
                    start,
                    end: Some(sample.at),
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(Incident { start, end: None });
    }
    out
}

impl Incident {
    /// Business seconds from start to fix: what the service promise counts.
    pub fn time_to_fix_business_s(&self, calendar: &BusinessCalendar) -> Option<i64> {
        Some(calendar.business_seconds(Span::new(self.start, self.end?)))
    }

    /// Fixed within the business day it belongs to (4S-CRITICAL-FIX): before the next
    /// business day opens, so customers lose no business hours beyond that day. A fix at
    /// 21:00 of a fault found at 19:30 counts; one at 08:00 the next morning does not.
    pub fn fixed_same_business_day(&self, calendar: &BusinessCalendar) -> Option<bool> {
        let end = self.end?;
        let day = calendar.business_day_of(self.start);
        let next = calendar.business_day_of(calendar.day(day)?.end);
        Some(calendar.day(next).is_some_and(|hours| end <= hours.start))
    }
}

#[cfg(test)]
mod tests {
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
        let r = month_report(&c, 2026, 3, &all, Duration::seconds(60), &[]).unwrap();
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
        let may = month_report(&c, 2026, 5, &all, Duration::seconds(60), &[]).unwrap();
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
        let r = month_report(&c, 2026, 6, &all, Duration::seconds(60), &[window]).unwrap();
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
        let r = month_report(&c, 2026, 6, &all, Duration::seconds(60), &[]).unwrap();
        assert_eq!(r.down_s, 3600);
        assert_eq!(r.unmonitored_s, 8 * 60);
        assert_eq!(r.up_s + r.down_s + r.unmonitored_s, r.business_s);
        let ratio = r.uptime_ratio.unwrap();
        assert!((ratio - r.up_s as f64 / (r.up_s + r.down_s) as f64).abs() < 1e-12);
        // 22 business days: 1 h down of ~286 h is 99.65 %, below 99.8 %.
        assert_eq!(r.compliant, Some(false));
        assert!((r.allowed_downtime_s - 0.002 * (r.up_s + r.down_s) as f64).abs() < 1e-9);
    }

    /// Clause 4S-SLA: exactly 99.8 % is compliant; no monitored time is not judged.
    #[test]
    fn four_s_sla_threshold_and_no_data() {
        let c = cal();
        let r = month_report(&c, 2026, 6, &[], Duration::seconds(60), &[]).unwrap();
        assert_eq!((r.uptime_ratio, r.compliant), (None, None));
        assert_eq!(r.unmonitored_s, r.business_s);
        // 998 up and 2 down seconds out of 1000.
        let day = c
            .day(chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap())
            .unwrap();
        let s = vec![
            Sample {
                at: day.start,
                up: true,
            },
            Sample {
                at: day.start + Duration::seconds(998),
                up: false,
            },
            Sample {
                at: day.start + Duration::seconds(1000),
                up: true,
            },
        ];
        let r = month_report(&c, 2026, 6, &s, Duration::seconds(500), &[]).unwrap();
        assert_eq!((r.up_s, r.down_s), (998 + 1000, 2));
        assert_eq!(r.compliant, Some(true));
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
            let r = month_report(&c, 2026, month, &list, Duration::seconds(interval), &maintenance).unwrap();
            prop_assert_eq!(r.up_s + r.down_s + r.unmonitored_s + r.maintenance_s, r.business_s);
            prop_assert!(r.up_s >= 0 && r.down_s >= 0 && r.unmonitored_s >= 0 && r.maintenance_s >= 0);
        }
    }
}
