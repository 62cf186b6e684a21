//! Business calendars over time (4S-SLA): an account's calendar is versioned, a change
//! takes effect no earlier than the next calendar month, and each month is measured in the
//! version in force for it, so a closed month's report never changes. The maintenance
//! cut-out is measured in the same calendar (one time-zone rule for both).

use crate::business::{merge, BusinessCalendar, Span};
use crate::maintenance::{notice_is_enough, Window, MONTHLY_CAP_SECONDS};
use chrono::{DateTime, Datelike, Duration, Utc};

/// A month as `(year, month)`, comparable.
pub type YearMonth = (i32, u32);

/// One version of an account's calendar and the first month it governs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarVersion {
    pub effective_from: YearMonth,
    pub calendar: BusinessCalendar,
}

pub fn next_month((year, month): YearMonth) -> YearMonth {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// The first month a change made at `now` may govern: the next month in the time zone of
/// the calendar in force now (so the month in progress keeps its rules).
pub fn earliest_effective(current: &BusinessCalendar, now: DateTime<Utc>) -> YearMonth {
    let local = now.with_timezone(&current.tz);
    next_month((local.year(), local.month()))
}

/// The calendar in force for `month`: the newest version effective by then, or the
/// clause's default (Mon-Fri 07:00-20:00 Europe/Helsinki) before the first version.
pub fn in_force(versions: &[CalendarVersion], month: YearMonth) -> BusinessCalendar {
    versions
        .iter()
        .filter(|v| v.effective_from <= month)
        .max_by_key(|v| v.effective_from)
        .map(|v| v.calendar.clone())
        .unwrap_or_default()
}

/// The maintenance SLA measurement leaves out of a month of `calendar`: windows announced
/// as the rules require (routine ones, outside the calendar's business hours, before they
/// start; others 7 days ahead, 4S-MAINT-NOTICE), no more than the monthly cap
/// (4S-MAINT-CAP), earliest first, months and hours both in the calendar's time zone.
pub fn scheduled_maintenance(
    windows: &[Window],
    calendar: &BusinessCalendar,
    year: i32,
    month: u32,
) -> Vec<Span> {
    let Some(bounds) = calendar.month(year, month) else {
        return Vec::new();
    };
    let announced: Vec<Span> = windows
        .iter()
        .filter(|w| !w.cancelled && w.ends_at > w.starts_at)
        .filter(|w| {
            let span = Span::new(w.starts_at, w.ends_at);
            if calendar.business_seconds(span) == 0 {
                w.announced_at.is_some_and(|at| at <= w.starts_at)
            } else {
                notice_is_enough(w)
            }
        })
        .map(|w| Span::new(w.starts_at, w.ends_at))
        .collect();
    let mut budget = Duration::seconds(MONTHLY_CAP_SECONDS);
    let mut out = Vec::new();
    for span in merge(&announced) {
        let (start, end) = (span.start.max(bounds.start), span.end.min(bounds.end));
        if end <= start || budget.is_zero() {
            continue;
        }
        let end = end.min(start + budget);
        budget -= end - start;
        out.push(Span::new(start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maintenance::helsinki_at as hel;
    use chrono::NaiveTime;

    fn version(from: YearMonth, opens: u32) -> CalendarVersion {
        CalendarVersion {
            effective_from: from,
            calendar: BusinessCalendar {
                opens: NaiveTime::from_hms_opt(opens, 0, 0).unwrap(),
                ..BusinessCalendar::default()
            },
        }
    }

    /// Clause 4S-SLA: each month is measured in the version in force for it; before the
    /// first version, the clause's calendar.
    #[test]
    fn four_s_sla_each_month_in_its_own_version() {
        let versions = [version((2026, 5), 8), version((2026, 9), 9)];
        assert_eq!(in_force(&versions, (2026, 4)), BusinessCalendar::default());
        assert_eq!(in_force(&versions, (2026, 5)).opens.to_string(), "08:00:00");
        assert_eq!(in_force(&versions, (2026, 8)).opens.to_string(), "08:00:00");
        assert_eq!(in_force(&versions, (2027, 1)).opens.to_string(), "09:00:00");
    }

    /// Clause 4S-SLA: a change takes effect no earlier than the next calendar month, in the
    /// calendar's own time zone (23:30 UTC on 31 May is already June in Helsinki).
    #[test]
    fn four_s_sla_changes_wait_for_the_next_month() {
        let c = BusinessCalendar::default();
        assert_eq!(earliest_effective(&c, hel(2026, 5, 15, 12, 0)), (2026, 6));
        assert_eq!(earliest_effective(&c, hel(2026, 6, 1, 0, 30)), (2026, 7));
        assert_eq!(earliest_effective(&c, hel(2026, 12, 31, 23, 0)), (2027, 1));
    }

    /// Clauses 4S-SLA and 4S-MAINT-NOTICE: the cut-out uses the calendar's hours, and only
    /// windows announced as required.
    #[test]
    fn four_s_sla_cut_out_in_the_calendar() {
        let c = BusinessCalendar::default();
        let feb = hel(2027, 2, 1, 0, 0);
        let mut night = Window::new(hel(2027, 3, 2, 21, 0), hel(2027, 3, 2, 23, 0));
        night.announced_at = Some(hel(2027, 3, 2, 12, 0));
        let mut day = Window::new(hel(2027, 3, 17, 10, 0), hel(2027, 3, 17, 11, 0));
        day.announced_at = Some(feb);
        let mut late = Window::new(hel(2027, 3, 10, 10, 0), hel(2027, 3, 10, 11, 0));
        late.announced_at = Some(hel(2027, 3, 9, 0, 0));
        let cut = scheduled_maintenance(&[night, day, late], &c, 2027, 3);
        assert_eq!(
            cut,
            [
                Span::new(night.starts_at, night.ends_at),
                Span::new(day.starts_at, day.ends_at)
            ]
        );
        // A calendar that opens at 22:00 makes the night window non-routine: announced
        // the same day, it is not cut out.
        let evening = BusinessCalendar {
            opens: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(23, 30, 0).unwrap(),
            ..BusinessCalendar::default()
        };
        assert!(scheduled_maintenance(&[night], &evening, 2027, 3).is_empty());
    }
}
