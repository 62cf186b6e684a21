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

/// 4S-MAINT-CAP: scheduled maintenance per calendar month.
pub const MONTHLY_CAP_MINUTES: i64 = 8 * 60;
/// 4S-MAINT-NOTICE: exactly 7 x 24 hours, not 7 calendar days (the two differ across DST).
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
    Cap { month: Month, minutes: i64 },
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
            Breach::Cap { month, minutes } => write!(
                f,
                "{} would have {} of maintenance; the cap is {}",
                month.name(),
                hours_minutes(*minutes),
                hours_minutes(MONTHLY_CAP_MINUTES)
            ),
            Breach::OutsideRoutine { business_minutes } => write!(
                f,
                "{} of the window falls in business hours (07:00-20:00 Helsinki), so it is not routine maintenance and needs {} days' notice",
                hours_minutes(*business_minutes),
                MAINT_NOTICE_HOURS / 24
            ),
            Breach::Notice { notice_minutes: Some(m) } => write!(
                f,
                "a window in business hours was announced {} before it starts; it needs 7 x 24 h",
                hours_minutes(*m)
            ),
            Breach::Notice { notice_minutes: None } => {
                write!(f, "a window in business hours must be announced 7 x 24 h before it starts")
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

/// 4S-MAINT-NOTICE: a non-routine window needs its announcement 7 x 24 h ahead.
fn notice_is_enough(window: &Window) -> bool {
    window
        .announced_at
        .is_some_and(|at| window.starts_at - at >= Duration::hours(MAINT_NOTICE_HOURS))
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

/// Scheduled maintenance in a Helsinki month, in minutes (4S-MAINT-CAP): cancelled
/// windows don't count, and a window across a month boundary counts its part here.
pub fn minutes_in_month(windows: &[Window], month: Month) -> i64 {
    let bounds = (month.starts_at(), month.ends_at());
    merged(windows)
        .into_iter()
        .map(|span| overlap(span, bounds))
        .fold(Duration::zero(), |a, b| a + b)
        .num_minutes()
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
        let minutes = minutes_in_month(&all, month);
        if minutes > MONTHLY_CAP_MINUTES {
            breaches.push(Breach::Cap { month, minutes });
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
/// the rules require (routine ones before they start, non-routine ones 7 x 24 h before),
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
    let mut budget = Duration::minutes(MONTHLY_CAP_MINUTES);
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
mod tests {
    use super::*;

    use super::helsinki_at as hel;

    fn window(s: DateTime<Utc>, e: DateTime<Utc>) -> Window {
        Window::new(s, e)
    }

    fn announced(s: DateTime<Utc>, e: DateTime<Utc>, at: DateTime<Utc>) -> Window {
        Window {
            announced_at: Some(at),
            ..Window::new(s, e)
        }
    }

    fn clauses(b: &[Breach]) -> Vec<&'static str> {
        b.iter().map(Breach::clause).collect()
    }

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(hours_minutes(570), "9 h 30 min");
        assert_eq!(hours_minutes(480), "8 h");
        assert_eq!(hours_minutes(45), "45 min");
        assert_eq!(hours_minutes(0), "0 min");
        assert_eq!(hours_minutes(7 * 24 * 60 - 1), "6 d 23 h 59 min");
    }

    /// 4S-MAINT-WINDOW: 20:00-07:00 is routine; touching 07:00-20:00 is not.
    #[test]
    fn four_s_maint_window_routine_slots_are_evenings_and_nights() {
        let h = BusinessHours::default();
        assert!(is_routine(
            &window(hel(2027, 3, 9, 20, 0), hel(2027, 3, 10, 7, 0)),
            h
        ));
        assert!(is_routine(
            &window(hel(2027, 3, 9, 21, 0), hel(2027, 3, 9, 23, 0)),
            h
        ));
        let early = window(hel(2027, 3, 9, 19, 59), hel(2027, 3, 9, 22, 0));
        assert_eq!(business_overlap(&early, h), Duration::minutes(1));
        let late = window(hel(2027, 3, 10, 5, 0), hel(2027, 3, 10, 7, 1));
        assert_eq!(business_overlap(&late, h), Duration::minutes(1));
        // A whole day and night: 13 business hours.
        let long = window(hel(2027, 3, 9, 20, 0), hel(2027, 3, 10, 20, 0));
        assert_eq!(business_overlap(&long, h), Duration::hours(13));
    }

    /// 4S-MAINT-WINDOW: the slot is configurable.
    #[test]
    fn four_s_maint_window_configurable_hours() {
        let h = BusinessHours {
            start: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        };
        assert!(is_routine(
            &window(hel(2027, 3, 9, 18, 0), hel(2027, 3, 10, 8, 0)),
            h
        ));
        assert!(!is_routine(
            &window(hel(2027, 3, 9, 17, 0), hel(2027, 3, 9, 19, 0)),
            h
        ));
    }

    /// 4S-MAINT-WINDOW across DST: on the last Sunday of March 03:00 jumps to 04:00 and
    /// on the last Sunday of October 04:00 falls back to 03:00; slots stay on Helsinki time.
    #[test]
    fn four_s_maint_window_across_dst_changes() {
        let h = BusinessHours::default();
        // 28 March 2027: 20:00 Saturday to 07:00 Sunday is ten hours, not eleven.
        let spring = window(hel(2027, 3, 27, 20, 0), hel(2027, 3, 28, 7, 0));
        assert!(is_routine(&spring, h));
        assert_eq!(spring.duration(), Duration::hours(10));
        assert_eq!(
            hel(2027, 3, 28, 7, 0).to_rfc3339(),
            "2027-03-28T04:00:00+00:00"
        );
        // 31 October 2027: the same night is twelve hours.
        let autumn = window(hel(2027, 10, 30, 20, 0), hel(2027, 10, 31, 7, 0));
        assert!(is_routine(&autumn, h));
        assert_eq!(autumn.duration(), Duration::hours(12));
        assert_eq!(
            hel(2027, 10, 31, 7, 0).to_rfc3339(),
            "2027-10-31T05:00:00+00:00"
        );
        // One minute past 07:00 on each of those mornings is business time.
        let spring_late = window(hel(2027, 3, 28, 6, 0), hel(2027, 3, 28, 7, 1));
        assert_eq!(business_overlap(&spring_late, h), Duration::minutes(1));
        let autumn_late = window(hel(2027, 10, 31, 6, 0), hel(2027, 10, 31, 7, 1));
        assert_eq!(business_overlap(&autumn_late, h), Duration::minutes(1));
    }

    /// 4S-MAINT-NOTICE: exactly 7 x 24 h is enough, one minute short is not.
    #[test]
    fn four_s_maint_notice_exactly_seven_days_and_one_minute_short() {
        let h = BusinessHours::default();
        let (s, e) = (hel(2027, 3, 10, 10, 0), hel(2027, 3, 10, 11, 0));
        let on_time = announced(s, e, s - Duration::hours(7 * 24));
        assert!(check_window(&on_time, &[], h).is_empty());
        let short = announced(s, e, s - Duration::hours(7 * 24) + Duration::minutes(1));
        let breaches = check_window(&short, &[], h);
        assert_eq!(clauses(&breaches), [CLAUSE_WINDOW, CLAUSE_NOTICE]);
        assert_eq!(
            breaches[1],
            Breach::Notice {
                notice_minutes: Some(7 * 24 * 60 - 1)
            }
        );
        assert_eq!(
            breaches[1].to_string(),
            "a window in business hours was announced 6 d 23 h 59 min before it starts; it needs 7 x 24 h"
        );
        // Routine windows need no 7-day notice.
        let night = announced(
            hel(2027, 3, 10, 21, 0),
            hel(2027, 3, 10, 23, 0),
            hel(2027, 3, 10, 20, 0),
        );
        assert!(check_window(&night, &[], h).is_empty());
    }

    /// 4S-MAINT-NOTICE across the spring DST change: 7 x 24 h, not 7 calendar days.
    #[test]
    fn four_s_maint_notice_is_hours_across_dst() {
        let h = BusinessHours::default();
        let (s, e) = (hel(2027, 4, 1, 10, 0), hel(2027, 4, 1, 11, 0));
        // 10:00 on 25 March is only 7 x 24 - 1 hours before 10:00 on 1 April.
        let calendar_week = announced(s, e, hel(2027, 3, 25, 10, 0));
        assert_eq!(
            clauses(&check_window(&calendar_week, &[], h)),
            [CLAUSE_WINDOW, CLAUSE_NOTICE]
        );
        let hours_week = announced(s, e, hel(2027, 3, 25, 9, 0));
        assert!(check_window(&hours_week, &[], h).is_empty());
    }

    /// 4S-MAINT-CAP: exactly 8 h in a month passes, one minute more does not.
    #[test]
    fn four_s_maint_cap_exactly_eight_hours_and_one_minute_over() {
        let h = BusinessHours::default();
        let first = announced(
            hel(2027, 3, 2, 21, 0),
            hel(2027, 3, 3, 3, 0),
            hel(2027, 2, 1, 0, 0),
        );
        let exact = announced(
            hel(2027, 3, 9, 21, 0),
            hel(2027, 3, 9, 23, 0),
            hel(2027, 2, 1, 0, 0),
        );
        assert!(check_window(&exact, &[first], h).is_empty());
        let over = announced(
            hel(2027, 3, 9, 21, 0),
            hel(2027, 3, 9, 23, 1),
            hel(2027, 2, 1, 0, 0),
        );
        let breaches = check_window(&over, &[first], h);
        assert_eq!(
            breaches,
            [Breach::Cap {
                month: Month::new(2027, 3),
                minutes: 481
            }]
        );
        assert_eq!(
            breaches[0].to_string(),
            "March 2027 would have 8 h 1 min of maintenance; the cap is 8 h"
        );
        assert_eq!(Violation::from(&breaches[0]).clause, "4S-MAINT-CAP");
    }

    /// 4S-MAINT-CAP: the numbers in the sentence.
    #[test]
    fn four_s_maint_cap_message_names_month_and_total() {
        let b = Breach::Cap {
            month: Month::new(2027, 3),
            minutes: 570,
        };
        assert_eq!(
            b.to_string(),
            "March 2027 would have 9 h 30 min of maintenance; the cap is 8 h"
        );
    }

    /// 4S-MAINT-CAP: a window across midnight at a month's end counts its part to each month.
    #[test]
    fn four_s_maint_cap_window_across_month_boundary() {
        let h = BusinessHours::default();
        let w = window(hel(2027, 3, 31, 21, 0), hel(2027, 4, 1, 5, 0));
        assert_eq!(minutes_in_month(&[w], Month::new(2027, 3)), 180);
        assert_eq!(minutes_in_month(&[w], Month::new(2027, 4)), 300);
        // April already has 4 h; the crossing window's 5 h pushes only April over.
        let april = window(hel(2027, 4, 6, 21, 0), hel(2027, 4, 7, 1, 0));
        assert_eq!(
            check_window(&w, &[april], h),
            [Breach::Cap {
                month: Month::new(2027, 4),
                minutes: 540
            }]
        );
    }

    /// 4S-MAINT-CAP: months are Helsinki months, so the DST months have their real lengths.
    #[test]
    fn four_s_maint_cap_months_in_helsinki_time() {
        assert_eq!(
            Month::new(2027, 3).ends_at() - Month::new(2027, 3).starts_at(),
            Duration::hours(31 * 24 - 1)
        );
        assert_eq!(
            Month::new(2027, 10).ends_at() - Month::new(2027, 10).starts_at(),
            Duration::hours(31 * 24 + 1)
        );
        // 23:30 UTC on 31 October is already November in Helsinki.
        let w = window(hel(2027, 10, 31, 23, 0), hel(2027, 11, 1, 3, 0));
        assert_eq!(minutes_in_month(&[w], Month::new(2027, 10)), 60);
        assert_eq!(minutes_in_month(&[w], Month::new(2027, 11)), 180);
        // Eight wall-clock hours over the autumn change are nine real ones.
        let fall = window(hel(2027, 10, 30, 22, 0), hel(2027, 10, 31, 6, 0));
        assert_eq!(minutes_in_month(&[fall], Month::new(2027, 10)), 9 * 60);
    }

    /// 4S-MAINT-CAP: cancelled windows don't count, overlapping ones count once.
    #[test]
    fn four_s_maint_cap_cancelled_and_overlapping_windows() {
        let h = BusinessHours::default();
        let mut big = window(hel(2027, 5, 4, 21, 0), hel(2027, 5, 5, 5, 0));
        let next = window(hel(2027, 5, 11, 21, 0), hel(2027, 5, 11, 22, 0));
        assert_eq!(clauses(&check_window(&next, &[big], h)), [CLAUSE_CAP]);
        big.cancelled = true;
        assert!(check_window(&next, &[big], h).is_empty());
        assert_eq!(minutes_in_month(&[big, next], Month::new(2027, 5)), 60);
        let inside = window(hel(2027, 5, 11, 21, 30), hel(2027, 5, 11, 21, 45));
        assert_eq!(minutes_in_month(&[next, inside], Month::new(2027, 5)), 60);
        // A cancelled window itself breaks nothing.
        let mut day = window(hel(2027, 5, 12, 8, 0), hel(2027, 5, 12, 18, 0));
        day.cancelled = true;
        assert!(check_window(&day, &[], h).is_empty());
    }

    /// 4S-MAINT-CAP: an edited window replaces its stored self instead of adding to it.
    #[test]
    fn four_s_maint_cap_edit_replaces_old_self() {
        let h = BusinessHours::default();
        let stored = Window {
            id: Some(7),
            ..window(hel(2027, 6, 1, 21, 0), hel(2027, 6, 2, 4, 0))
        };
        let edited = Window {
            id: Some(7),
            ..window(hel(2027, 6, 1, 21, 0), hel(2027, 6, 2, 5, 0))
        };
        assert!(check_window(&edited, &[stored], h).is_empty());
    }

    #[test]
    fn a_window_must_end_after_it_starts() {
        let t = hel(2027, 6, 1, 21, 0);
        assert_eq!(
            check_window(&window(t, t), &[], BusinessHours::default()),
            [Breach::EndsBeforeStart]
        );
    }

    /// 4S-CHANGE-NOTICE: 7 Helsinki calendar days; a minute short fails; small changes pass.
    #[test]
    fn four_s_change_notice_seven_days() {
        let ships = hel(2027, 3, 10, 12, 0);
        assert_eq!(
            check_change(true, Some(hel(2027, 3, 3, 12, 0)), ships),
            None
        );
        let late = check_change(true, Some(hel(2027, 3, 3, 12, 1)), ships).unwrap();
        assert_eq!(late.clause(), CLAUSE_CHANGE);
        assert_eq!(
            late,
            Breach::ChangeNotice {
                notice_minutes: Some(7 * 24 * 60 - 1)
            }
        );
        assert!(check_change(true, None, ships).is_some());
        assert_eq!(check_change(false, None, ships), None);
        // Over the spring change, a calendar week is 167 hours and is enough.
        assert_eq!(
            check_change(true, Some(hel(2027, 3, 25, 12, 0)), hel(2027, 4, 1, 12, 0)),
            None
        );
    }

    /// 4S-MAINT-NOTICE for SLA: only windows announced as required are cut out of measured
    /// time, clipped to the month and to the cap; cancelled ones are not cut out at all.
    #[test]
    fn four_s_maint_notice_sla_counts_only_announced_windows() {
        let h = BusinessHours::default();
        let month = Month::new(2027, 3);
        let feb = hel(2027, 2, 1, 0, 0);
        let routine = announced(
            hel(2027, 3, 2, 21, 0),
            hel(2027, 3, 2, 23, 0),
            hel(2027, 3, 2, 12, 0),
        );
        let unannounced = window(hel(2027, 3, 3, 21, 0), hel(2027, 3, 3, 23, 0));
        let late_day = announced(
            hel(2027, 3, 10, 10, 0),
            hel(2027, 3, 10, 11, 0),
            hel(2027, 3, 9, 0, 0),
        );
        let good_day = announced(hel(2027, 3, 17, 10, 0), hel(2027, 3, 17, 11, 0), feb);
        let mut cancelled = announced(hel(2027, 3, 18, 21, 0), hel(2027, 3, 18, 23, 0), feb);
        cancelled.cancelled = true;
        let crossing = announced(hel(2027, 3, 31, 22, 0), hel(2027, 4, 1, 2, 0), feb);
        let cut = announced_maintenance(
            &[
                routine,
                unannounced,
                late_day,
                good_day,
                cancelled,
                crossing,
            ],
            month,
            h,
        );
        assert_eq!(
            cut,
            [
                (routine.starts_at, routine.ends_at),
                (good_day.starts_at, good_day.ends_at),
                (crossing.starts_at, month.ends_at()),
            ]
        );
        // More than the cap (here via overlapping history) is cut out only up to 8 h.
        let long = announced(hel(2027, 5, 1, 20, 0), hel(2027, 5, 2, 7, 0), feb);
        let cut = announced_maintenance(&[long], Month::new(2027, 5), h);
        assert_eq!(cut, [(long.starts_at, long.starts_at + Duration::hours(8))]);
    }
}
