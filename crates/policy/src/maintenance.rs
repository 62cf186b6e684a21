//! Maintenance windows and change notices: 4S-MAINT-CAP, 4S-MAINT-WINDOW,
//! 4S-MAINT-NOTICE and 4S-CHANGE-NOTICE. All calendar arithmetic is in Helsinki time,
//! because that is the calendar the clauses speak of (months, evenings, days).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;
use utoipa::ToSchema;

pub const HELSINKI: Tz = chrono_tz::Europe::Helsinki;

/// 4S-MAINT-CAP: scheduled maintenance per calendar month, counted in seconds.
pub const MONTHLY_CAP_SECONDS: i64 = 8 * 3600;
/// The cap in whole minutes, for views that show minutes.
pub const MONTHLY_CAP_MINUTES: i64 = MONTHLY_CAP_SECONDS / 60;
/// 4S-MAINT-NOTICE: 7 Helsinki calendar days, and never fewer than 7 x 24 hours (across
/// the autumn change 7 calendar days can be 169 h, across the spring one 167 h).
pub const MAINT_NOTICE_DAYS: u64 = 7;
pub const MAINT_NOTICE_HOURS: i64 = 7 * 24;
/// 4S-CHANGE-NOTICE: 7 calendar days in Helsinki.
pub const CHANGE_NOTICE_DAYS: u64 = 7;

pub const CLAUSE_CAP: &str = "4S-MAINT-CAP";
pub const CLAUSE_WINDOW: &str = "4S-MAINT-WINDOW";
pub const CLAUSE_NOTICE: &str = "4S-MAINT-NOTICE";
pub const CLAUSE_CHANGE: &str = "4S-CHANGE-NOTICE";

/// Business hours in Helsinki; everything outside them is a routine slot (4S-MAINT-WINDOW).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for BusinessHours {
    /// 07:00-20:00, so routine slots are 20:00-07:00.
    fn default() -> Self {
        BusinessHours {
            start: NaiveTime::from_hms_opt(7, 0, 0).expect("valid time"),
            end: NaiveTime::from_hms_opt(20, 0, 0).expect("valid time"),
        }
    }
}

/// One window as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The stored id, so that an edited window replaces its old self in the month's total.
    pub id: Option<i64>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub announced_at: Option<DateTime<Utc>>,
    pub cancelled: bool,
}

impl Window {
    pub fn new(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Self {
        Window {
            id: None,
            starts_at,
            ends_at,
            announced_at: None,
            cancelled: false,
        }
    }

    pub fn duration(&self) -> Duration {
        self.ends_at - self.starts_at
    }
}

/// A calendar month in Helsinki.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Self {
        Month { year, month }
    }

    /// The Helsinki month that `at` falls in.
    pub fn of(at: DateTime<Utc>) -> Self {
        let local = at.with_timezone(&HELSINKI);
        Month::new(local.year(), local.month())
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Month::new(self.year + 1, 1)
        } else {
            Month::new(self.year, self.month + 1)
        }
    }

    /// Midnight Helsinki on the first day, as an instant.
    pub fn starts_at(self) -> DateTime<Utc> {
        let day = NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month");
        helsinki_to_utc(day.and_time(NaiveTime::MIN))
    }

    pub fn ends_at(self) -> DateTime<Utc> {
        self.next().starts_at()
    }

    pub fn name(self) -> String {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {}", NAMES[(self.month - 1) as usize], self.year)
    }
}

/// A Helsinki wall-clock time as an instant. In the autumn hour that happens twice the
/// earlier one is taken; a time in the spring gap (03:00-04:00) moves an hour on.
pub fn helsinki_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match HELSINKI.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => helsinki_to_utc(local + Duration::hours(1)),
    }
}

/// A Helsinki wall-clock minute as an instant; panics on an impossible date, so it is
/// meant for literals (tests, demo data).
pub fn helsinki_at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    let date = NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
    helsinki_to_utc(date.and_hms_opt(hour, minute, 0).expect("a real time"))
}

/// A rule broken, with the numbers that break it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// 4S-MAINT-CAP: the month would hold more than the cap.
    Cap { month: Month, seconds: i64 },
    /// 4S-MAINT-WINDOW: the window reaches into business hours.
    OutsideRoutine { business_minutes: i64 },
    /// 4S-MAINT-NOTICE: a non-routine window announced too late (or not at all).
    Notice { notice_minutes: Option<i64> },
    /// 4S-CHANGE-NOTICE: a larger change announced too late (or not at all).
    ChangeNotice { notice_minutes: Option<i64> },
    /// The window ends before it starts: no clause, but no rule can be checked either.
    EndsBeforeStart,
}

impl Breach {
    pub fn clause(&self) -> &'static str {
        match self {
            Breach::Cap { .. } => CLAUSE_CAP,
            Breach::OutsideRoutine { .. } | Breach::EndsBeforeStart => CLAUSE_WINDOW,
            Breach::Notice { .. } => CLAUSE_NOTICE,
            Breach::ChangeNotice { .. } => CLAUSE_CHANGE,
        }
    }
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::Cap { month, seconds } => write!(
                f,
                "{} would have {} of maintenance; the cap is {}",
                month.name(),
                hours_minutes_seconds(*seconds),
                hours_minutes_seconds(MONTHLY_CAP_SECONDS)
            ),
            Breach::OutsideRoutine { business_minutes } => write!(
                f,
                "{} of the window falls in business hours (07:00-20:00 Helsinki), so it is not routine maintenance and needs {} days' notice",
                hours_minutes(*business_minutes),
                MAINT_NOTICE_HOURS / 24
            ),
            Breach::Notice { notice_minutes: Some(m) } => write!(
                f,
                "a window in business hours was announced {} before it starts; it needs 7 Helsinki calendar days and at least 168 h",
                hours_minutes(*m)
            ),
            Breach::Notice { notice_minutes: None } => {
                write!(f, "a window in business hours must be announced 7 Helsinki calendar days (and at least 168 h) before it starts")
            }
            Breach::ChangeNotice { notice_minutes: Some(m) } => write!(
                f,
                "a larger change was announced {} before it ships; it needs {} days",
                hours_minutes(*m),
                CHANGE_NOTICE_DAYS
            ),
            Breach::ChangeNotice { notice_minutes: None } => write!(
                f,
                "a larger change must be announced {} days before it ships",
                CHANGE_NOTICE_DAYS
            ),
            Breach::EndsBeforeStart => write!(f, "the window must end after it starts"),
        }
    }
}

/// A breach as it crosses the wire: the clause and the sentence with its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
pub struct Violation {
    pub clause: String,
    pub message: String,
}

impl From<&Breach> for Violation {
    fn from(breach: &Breach) -> Self {
        Violation {
            clause: breach.clause().to_string(),
            message: breach.to_string(),
        }
    }
}

/// "9 h 30 min", "8 h", "45 min", "6 d 23 h 59 min".
pub fn hours_minutes(minutes: i64) -> String {
    let (sign, minutes) = if minutes < 0 {
        ("-", -minutes)
    } else {
        ("", minutes)
    };
    let (d, h, m) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let mut parts = Vec::new();
    if d > 0 && minutes >= 48 * 60 {
        parts.push(format!("{d} d"));
        if h > 0 {
            parts.push(format!("{h} h"));
        }
    } else if minutes >= 60 {
        parts.push(format!("{} h", minutes / 60));
    }
    if m > 0 || parts.is_empty() {
        parts.push(format!("{m} min"));
    }
    format!("{sign}{}", parts.join(" "))
}

/// Like [`hours_minutes`], with the seconds when there are any: "8 h 0 min 59 s".
pub fn hours_minutes_seconds(seconds: i64) -> String {
    let rest = seconds.rem_euclid(60);
    if rest == 0 {
        return hours_minutes(seconds / 60);
    }
    let minutes = hours_minutes(seconds.div_euclid(60));
    if seconds.abs() >= 3600 && !minutes.ends_with("min") {
        format!("{minutes} 0 min {rest} s")
    } else if seconds.abs() < 60 {
        format!("{rest} s")
    } else {
        format!("{minutes} {rest} s")
    }
}

fn overlap(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> Duration {
    let start = a.0.max(b.0);
    let end = a.1.min(b.1);
    if end > start {
        end - start
    } else {
        Duration::zero()
    }
}

/// How much of the window lies in business hours (4S-MAINT-WINDOW); zero means routine.
pub fn business_overlap(window: &Window, hours: BusinessHours) -> Duration {
    if window.ends_at <= window.starts_at {
        return Duration::zero();
    }
    let first = window.starts_at.with_timezone(&HELSINKI).date_naive();
    let last = window.ends_at.with_timezone(&HELSINKI).date_naive();
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|day| {
            let open = helsinki_to_utc(day.and_time(hours.start));
            let close = helsinki_to_utc(day.and_time(hours.end));
            overlap((window.starts_at, window.ends_at), (open, close))
        })
        .fold(Duration::zero(), |a, b| a + b)
}

pub fn is_routine(window: &Window, hours: BusinessHours) -> bool {
    business_overlap(window, hours).is_zero()
}

/// 4S-MAINT-NOTICE: a non-routine window needs its announcement 7 Helsinki calendar days
/// ahead (same wall-clock time a week later or after) and at least 168 real hours.
pub fn notice_is_enough(window: &Window) -> bool {
    window.announced_at.is_some_and(|at| {
        let earliest =
            at.with_timezone(&HELSINKI).naive_local() + chrono::Days::new(MAINT_NOTICE_DAYS);
        window.starts_at.with_timezone(&HELSINKI).naive_local() >= earliest
            && window.starts_at - at >= Duration::hours(MAINT_NOTICE_HOURS)
    })
}

/// The Helsinki months a window touches, first to last.
fn months_of(window: &Window) -> Vec<Month> {
    let last = Month::of(window.ends_at - Duration::nanoseconds(1));
    let mut month = Month::of(window.starts_at);
    let mut months = vec![month];
    while month < last {
        month = month.next();
        months.push(month);
    }
    months
}

/// Merged, sorted intervals of the windows that count: overlapping windows count once.
fn merged(windows: &[Window]) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut spans: Vec<_> = windows
        .iter()
        .filter(|w| !w.cancelled && w.ends_at > w.starts_at)
        .map(|w| (w.starts_at, w.ends_at))
        .collect();
    spans.sort();
    let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Scheduled maintenance in a Helsinki month, in seconds (4S-MAINT-CAP): cancelled
/// windows don't count, and a window across a month boundary counts its part here.
pub fn seconds_in_month(windows: &[Window], month: Month) -> i64 {
    let bounds = (month.starts_at(), month.ends_at());
    merged(windows)
        .into_iter()
        .map(|span| overlap(span, bounds))
        .fold(Duration::zero(), |a, b| a + b)
        .num_seconds()
}

/// [`seconds_in_month`] in whole minutes (rounded down), for display only: the cap is
/// checked in seconds.
pub fn minutes_in_month(windows: &[Window], month: Month) -> i64 {
    seconds_in_month(windows, month) / 60
}

/// Every rule a window would break if saved next to `others` (the stored windows; one with
/// the same id is the window's old self and is left out).
pub fn check_window(window: &Window, others: &[Window], hours: BusinessHours) -> Vec<Breach> {
    if window.ends_at <= window.starts_at {
        return vec![Breach::EndsBeforeStart];
    }
    let mut breaches = Vec::new();
    if window.cancelled {
        return breaches;
    }
    let business = business_overlap(window, hours);
    if !business.is_zero() && !notice_is_enough(window) {
        breaches.push(Breach::OutsideRoutine {
            business_minutes: business.num_minutes(),
        });
        breaches.push(Breach::Notice {
            notice_minutes: window
                .announced_at
                .map(|at| (window.starts_at - at).num_minutes()),
        });
    }
    let mut all: Vec<Window> = others
        .iter()
        .filter(|o| window.id.is_none() || o.id != window.id)
        .copied()
        .collect();
    all.push(*window);
    for month in months_of(window) {
        let seconds = seconds_in_month(&all, month);
        if seconds > MONTHLY_CAP_SECONDS {
            breaches.push(Breach::Cap { month, seconds });
        }
    }
    breaches
}

/// 4S-CHANGE-NOTICE: a larger change ships no sooner than 7 Helsinki calendar days after
/// its announcement; smaller changes need none.
pub fn check_change(
    larger_change: bool,
    announced_at: Option<DateTime<Utc>>,
    ships_at: DateTime<Utc>,
) -> Option<Breach> {
    if !larger_change {
        return None;
    }
    let enough = announced_at.is_some_and(|at| {
        let earliest =
            at.with_timezone(&HELSINKI).naive_local() + chrono::Days::new(CHANGE_NOTICE_DAYS);
        ships_at.with_timezone(&HELSINKI).naive_local() >= earliest
    });
    (!enough).then(|| Breach::ChangeNotice {
        notice_minutes: announced_at.map(|at| (ships_at - at).num_minutes()),
    })
}

/// The maintenance that SLA measurement leaves out of a month: only windows announced as
/// the rules require (routine ones before they start, non-routine ones 7 days before),
/// and no more of them than the monthly cap, earliest first. Everything else is downtime.
pub fn announced_maintenance(
    windows: &[Window],
    month: Month,
    hours: BusinessHours,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let announced: Vec<Window> = windows
        .iter()
        .filter(|w| !w.cancelled)
        .filter(|w| {
            if is_routine(w, hours) {
                w.announced_at.is_some_and(|at| at <= w.starts_at)
            } else {
                notice_is_enough(w)
            }
        })
        .copied()
        .collect();
    let (from, to) = (month.starts_at(), month.ends_at());
    let mut budget = Duration::seconds(MONTHLY_CAP_SECONDS);
    let mut out = Vec::new();
    for (s, e) in merged(&announced) {
        let (s, e) = (s.max(from), e.min(to));
        if e <= s || budget.is_zero() {
            continue;
        }
        let e = e.min(s + budget);
        budget -= e - s;
        out.push((s, e));
    }
    out
}

#[cfg(test)]
#[path = "maintenance_tests.rs"]
mod tests;
