//! The monthly business-hours SLA (4S-SLA) and incident time-to-fix (4S-CRITICAL-FIX).
//!
//! Measured time is the month's business hours less announced maintenance. Only evidence
//! counts as up: a probed sample i covers `[t_i, min(t_{i+1}, t_i + 2 x interval))` with
//! its state, and measured time no sample covers is unmonitored (no data). No data counts
//! against the proven ratio; the best-case ratio shows what it would be had it all been
//! up. A push monitor's heartbeat covers its interval plus a grace; past that it is down.
//! Times are whole seconds.

use crate::business::{merge, subtract, BusinessCalendar, Span};
use chrono::{DateTime, Duration, Utc};

/// 99.8 % of measured business time.
pub const TARGET_RATIO: f64 = 0.998;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub at: DateTime<Utc>,
    pub up: bool,
}

/// How samples become covered time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// An outside prober checks every `interval`; a sample covers until the next one, at
    /// most two intervals. Silence is no data.
    Probed { interval: Duration },
    /// The monitored system pushes every `interval`. A heartbeat covers `interval + grace`;
    /// silence after that, from `since` (the monitor's creation) on, is down.
    Pushed {
        interval: Duration,
        grace: Duration,
        since: DateTime<Utc>,
    },
}

/// What a month's figures prove (4S-SLA).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaStatus {
    /// Proven: up time alone reaches the target.
    Compliant,
    /// Even if every unmonitored second had been up, the target is missed.
    Breached,
    /// Closed, and neither proven nor disproven: no data decides it.
    Unverified,
    /// The month is in progress and down plus no data so far fit in the month's allowance.
    OnTrack,
    /// The month is in progress and down plus no data so far exceed the month's allowance;
    /// only proof that the unmonitored time was up could still save it.
    AtRisk,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlaReport {
    pub business_s: i64,
    pub maintenance_s: i64,
    /// Business time less announced maintenance, up to `now` for the month in progress.
    pub measured_s: i64,
    /// Measured time still to come in the month in progress; 0 for a closed month.
    pub remaining_s: i64,
    pub up_s: i64,
    pub down_s: i64,
    pub unmonitored_s: i64,
    /// `up_s / measured_s`: the proven uptime. None when nothing was measured yet.
    pub uptime_ratio: Option<f64>,
    /// `up_s / (up_s + down_s)`: as if every unmonitored second had been up. None when
    /// nothing was observed.
    pub uptime_ratio_best: Option<f64>,
    /// `(1 - target) x (measured_s + remaining_s)`: the whole month's allowance.
    pub allowed_downtime_s: f64,
    pub status: SlaStatus,
}

/// The report for one calendar month as known at `now`. `samples` must be sorted by
/// time; `maintenance` holds the windows that count as scheduled (announced as the rules
/// require). A month that ended by `now` is closed and its report depends only on what
/// happened in it.
pub fn month_report(
    calendar: &BusinessCalendar,
    year: i32,
    month: u32,
    samples: &[Sample],
    evidence: Evidence,
    maintenance: &[Span],
    now: DateTime<Utc>,
) -> Option<SlaReport> {
    let bounds = calendar.month(year, month)?;
    let business = calendar.spans(bounds);
    let business_s: i64 = business.iter().map(Span::seconds).sum();
    let all_measured = subtract(&business, &merge(maintenance));
    let all_measured_s: i64 = all_measured.iter().map(Span::seconds).sum();
    let past = Span::new(bounds.start, now.min(bounds.end).max(bounds.start));
    let measured = clip(&all_measured, past);
    let measured_s: i64 = measured.iter().map(Span::seconds).sum();
    let (up_s, down_s) = proven(&measured, samples, evidence, past);
    let observed = up_s + down_s;
    let allowed_downtime_s = (1.0 - TARGET_RATIO) * all_measured_s as f64;
    let uptime_ratio = (measured_s > 0).then(|| up_s as f64 / measured_s as f64);
    let uptime_ratio_best = (observed > 0).then(|| up_s as f64 / observed as f64);
    let unmonitored_s = measured_s - observed;
    let closed = now >= bounds.end;
    let status = if closed {
        if uptime_ratio.is_some_and(|r| r >= TARGET_RATIO) || all_measured_s == 0 {
            SlaStatus::Compliant
        } else if uptime_ratio_best.is_some_and(|r| r < TARGET_RATIO) {
            SlaStatus::Breached
        } else {
            SlaStatus::Unverified
        }
    } else if up_s as f64 >= TARGET_RATIO * all_measured_s as f64 && all_measured_s > 0 {
        SlaStatus::Compliant
    } else if down_s as f64 > allowed_downtime_s {
        SlaStatus::Breached
    } else if (down_s + unmonitored_s) as f64 <= allowed_downtime_s {
        SlaStatus::OnTrack
    } else {
        SlaStatus::AtRisk
    };
    Some(SlaReport {
        business_s,
        maintenance_s: business_s - all_measured_s,
        measured_s,
        remaining_s: all_measured_s - measured_s,
        up_s,
        down_s,
        unmonitored_s,
        uptime_ratio,
        uptime_ratio_best,
        allowed_downtime_s,
        status,
    })
}

/// The parts of `spans` inside `within`.
fn clip(spans: &[Span], within: Span) -> Vec<Span> {
    spans
        .iter()
        .map(|s| Span::new(s.start.max(within.start), s.end.min(within.end)))
        .filter(|s| s.start < s.end)
        .collect()
}

/// Up and down seconds of `measured` (sorted, disjoint) inside `past` that the samples
/// prove, in one pass over both; the rest of it is no data.
pub fn proven(measured: &[Span], samples: &[Sample], evidence: Evidence, past: Span) -> (i64, i64) {
    let measured = &clip(measured, past)[..];
    // A sample before the month may still cover its first minutes.
    let first = samples
        .partition_point(|s| s.at < past.start)
        .saturating_sub(1);
    let (mut up, mut down) = (0, 0);
    let mut m = 0;
    let mut add = |piece: Span, is_up: bool, m: &mut usize| {
        while *m < measured.len() && measured[*m].end <= piece.start {
            *m += 1;
        }
        let mut k = *m;
        while k < measured.len() && measured[k].start < piece.end {
            let seconds = measured[k].overlap(&piece);
            if is_up {
                up += seconds;
            } else {
                down += seconds;
            }
            k += 1;
        }
    };
    if let Evidence::Pushed { since, .. } = evidence {
        // Silence from the monitor's creation until its first heartbeat is down too.
        let first_at = samples.get(first).map_or(past.end, |s| s.at.min(past.end));
        let silent = Span::new(since.max(past.start), first_at);
        if silent.start < silent.end {
            add(silent, false, &mut m);
        }
    }
    for (i, sample) in samples.iter().enumerate().skip(first) {
        if sample.at >= past.end {
            break;
        }
        let next = samples.get(i + 1).map(|n| n.at);
        match evidence {
            Evidence::Probed { interval } => {
                let limit = sample.at + interval * 2;
                let end = next.map_or(limit, |n| n.min(limit)).min(past.end);
                add(Span::new(sample.at, end), sample.up, &mut m);
            }
            Evidence::Pushed {
                interval, grace, ..
            } => {
                let until = next.unwrap_or(past.end).min(past.end);
                let live = (sample.at + interval + grace).min(until);
                add(Span::new(sample.at, live), sample.up, &mut m);
                if live < until {
                    add(Span::new(live, until), false, &mut m);
                }
            }
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

    /// 4S-CRITICAL-FIX, as we read it: a fault belongs to the business day it starts in
    /// (one that starts after closing or on a day off, to the next business day), and it is
    /// fixed the same business day when it ends no later than that day's closing time
    /// (20:00 Helsinki in the default calendar). A fault found at 19:30 and fixed at 21:00
    /// is not; one found on Friday evening and fixed on Monday at 10:00 is.
    pub fn fixed_same_business_day(&self, calendar: &BusinessCalendar) -> Option<bool> {
        let end = self.end?;
        let day = calendar.business_day_of(self.start);
        Some(calendar.day(day).is_some_and(|hours| end <= hours.end))
    }
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
