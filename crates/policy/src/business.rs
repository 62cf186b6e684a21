//! The business calendar the SLA is measured in (4S-SLA): weekdays 07:00-20:00 in
//! Europe/Helsinki by default, a per-account setting. Local hours stay local across DST:
//! a business day is 13 hours whether the UTC offset is +2 or +3.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;

/// A half-open stretch of time, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Span {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Span { start, end }
    }

    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }

    pub fn overlap(&self, other: &Span) -> i64 {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (end - start).num_seconds().max(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    pub tz: Tz,
    /// Business days, Monday first.
    pub days: [bool; 7],
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        BusinessCalendar {
            tz: chrono_tz::Europe::Helsinki,
            days: [true, true, true, true, true, false, false],
            opens: NaiveTime::from_hms_opt(7, 0, 0).expect("valid time"),
            closes: NaiveTime::from_hms_opt(20, 0, 0).expect("valid time"),
        }
    }
}

impl BusinessCalendar {
    /// The instant a local wall-clock time names. A time inside the spring-forward gap
    /// does not exist, so it moves to the first instant after the gap; a time the autumn
    /// fall-back repeats means its first occurrence.
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => {
                let mut probe = local;
                loop {
                    probe += Duration::minutes(1);
                    if let Some(t) = self.tz.from_local_datetime(&probe).earliest() {
                        return t.with_timezone(&Utc);
                    }
                }
            }
        }
    }

    /// The calendar month in the calendar's time zone, as UTC instants.
    pub fn month(&self, year: i32, month: u32) -> Option<Span> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(Span::new(
            self.instant(first.and_time(NaiveTime::MIN)),
            self.instant(next.and_time(NaiveTime::MIN)),
        ))
    }

    fn is_business_day(&self, date: NaiveDate) -> bool {
        self.days[date.weekday().num_days_from_monday() as usize]
    }

    /// The business hours of one local date, if it is a business day.
    pub fn day(&self, date: NaiveDate) -> Option<Span> {
        self.is_business_day(date).then(|| {
            Span::new(
                self.instant(date.and_time(self.opens)),
                self.instant(date.and_time(self.closes)),
            )
        })
    }

    /// Business hours inside `within`, in order and disjoint.
    pub fn spans(&self, within: Span) -> Vec<Span> {
        let first = within.start.with_timezone(&self.tz).date_naive() - Duration::days(1);
        let last = within.end.with_timezone(&self.tz).date_naive();
        first
            .iter_days()
            .take_while(|d| *d <= last)
            .filter_map(|d| self.day(d))
            .filter_map(|s| {
                let clipped = Span::new(s.start.max(within.start), s.end.min(within.end));
                (clipped.start < clipped.end).then_some(clipped)
            })
            .collect()
    }

    pub fn business_seconds(&self, within: Span) -> i64 {
        self.spans(within).iter().map(Span::seconds).sum()
    }

    /// The business day an event at `at` belongs to: its own date if it falls before
    /// closing on a business day, otherwise the next business day.
    pub fn business_day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        let mut date = at.with_timezone(&self.tz).date_naive();
        if self.day(date).is_some_and(|d| at >= d.end) {
            date = date.succ_opt().unwrap_or(date);
        }
        while !self.is_business_day(date) {
            date = date.succ_opt().unwrap_or(date);
        }
        date
    }
}

/// Sorted, merged copy of `spans`.
pub fn merge(spans: &[Span]) -> Vec<Span> {
    let mut sorted: Vec<Span> = spans.iter().copied().filter(|s| s.start < s.end).collect();
    sorted.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(sorted.len());
    for span in sorted {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// `base` minus `holes`; both sorted and disjoint.
pub fn subtract(base: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(base.len());
    let mut h = 0;
    for span in base {
        let mut start = span.start;
        while h < holes.len() && holes[h].end <= start {
            h += 1;
        }
        let mut k = h;
        while k < holes.len() && holes[k].start < span.end {
            if holes[k].start > start {
                out.push(Span::new(start, holes[k].start));
            }
            start = start.max(holes[k].end);
            k += 1;
        }
        if start < span.end {
            out.push(Span::new(start, span.end));
        }
    }
    out
}
