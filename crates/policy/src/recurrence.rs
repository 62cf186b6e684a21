//! Recurring routine windows from an RFC 5545 RRULE, expanded on Helsinki wall-clock time,
//! so "every 2nd Tuesday 21:00-23:00" stays 21:00-23:00 on both sides of a DST change.
//! The subset understood: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY (with an ordinal
//! such as 2TU or -1SU for MONTHLY), and COUNT or UNTIL (one of them is required).

use crate::maintenance::{helsinki_to_utc, HELSINKI};
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc, Weekday};

/// No series grows beyond this, whatever COUNT or UNTIL say.
pub const MAX_OCCURRENCES: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    freq: Freq,
    interval: u32,
    by_day: Vec<(Option<i32>, Weekday)>,
    count: Option<usize>,
    until: Option<DateTime<Utc>>,
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn parse_until(value: &str) -> Result<DateTime<Utc>, String> {
    let bad = || format!("UNTIL={value} is not a date (YYYYMMDD) or UTC time (YYYYMMDDTHHMMSSZ)");
    if let Some(t) = value.strip_suffix('Z') {
        let naive = chrono::NaiveDateTime::parse_from_str(t, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        Ok(naive.and_utc())
    } else {
        let day = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        // A date means up to the end of that Helsinki day.
        Ok(helsinki_to_utc(
            day.succ_opt()
                .ok_or_else(bad)?
                .and_time(chrono::NaiveTime::MIN),
        ))
    }
}

fn parse(text: &str) -> Result<Rule, String> {
    let text = text.trim();
    let text = text.strip_prefix("RRULE:").unwrap_or(text);
    let mut freq = None;
    let mut rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        by_day: Vec::new(),
        count: None,
        until: None,
    };
    for part in text.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}` is not NAME=VALUE"))?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => {
                freq = Some(match value.to_ascii_uppercase().as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    other => {
                        return Err(format!(
                            "FREQ={other} is not supported (DAILY, WEEKLY, MONTHLY)"
                        ))
                    }
                })
            }
            "INTERVAL" => {
                rule.interval = value
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| format!("INTERVAL={value} is not a positive number"))?
            }
            "COUNT" => {
                rule.count = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| format!("COUNT={value} is not a positive number"))?,
                )
            }
            "UNTIL" => rule.until = Some(parse_until(value)?),
            "BYDAY" => {
                for day in value.split(',') {
                    let day = day.trim().to_ascii_uppercase();
                    let split = day.len().saturating_sub(2);
                    let (ordinal, code) = day.split_at(split);
                    let wd =
                        weekday(code).ok_or_else(|| format!("BYDAY {day} is not a weekday"))?;
                    let ordinal = if ordinal.is_empty() {
                        None
                    } else {
                        Some(
                            ordinal
                                .parse::<i32>()
                                .ok()
                                .filter(|n| (1..=5).contains(&n.abs()))
                                .ok_or_else(|| format!("BYDAY {day} has a bad ordinal"))?,
                        )
                    };
                    rule.by_day.push((ordinal, wd));
                }
            }
            "WKST" if value.eq_ignore_ascii_case("MO") => {}
            other => return Err(format!("{other} is not supported in a maintenance RRULE")),
        }
    }
    rule.freq = freq.ok_or("FREQ is required")?;
    if rule.count.is_none() && rule.until.is_none() {
        return Err("COUNT or UNTIL is required, so the series ends".into());
    }
    if rule.freq != Freq::Monthly && rule.by_day.iter().any(|(n, _)| n.is_some()) {
        return Err("BYDAY with an ordinal (such as 2TU) needs FREQ=MONTHLY".into());
    }
    Ok(rule)
}

/// The n-th (or n-th from last when negative) `wd` of a month.
fn nth_weekday(year: i32, month: u32, n: i32, wd: Weekday) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, wd, n as u8)
    } else {
        let first_next =
            NaiveDate::from_ymd_opt(year, month, 1)?.checked_add_months(Months::new(1))?;
        let mut day = first_next.pred_opt()?;
        while day.weekday() != wd {
            day = day.pred_opt()?;
        }
        day.checked_sub_days(Days::new(7 * (n.unsigned_abs() as u64 - 1)))
            .filter(|d| d.month() == month)
    }
}

/// The dates of one period (day, week or month number `k` from the start), in order.
fn period_dates(rule: &Rule, start: NaiveDate, k: u32) -> Vec<NaiveDate> {
    let step = k * rule.interval;
    match rule.freq {
        Freq::Daily => start
            .checked_add_days(Days::new(step as u64))
            .into_iter()
            .collect(),
        Freq::Weekly => {
            let monday = start - Days::new(start.weekday().num_days_from_monday() as u64);
            let Some(monday) = monday.checked_add_days(Days::new(7 * step as u64)) else {
                return Vec::new();
            };
            let mut days: Vec<Weekday> = if rule.by_day.is_empty() {
                vec![start.weekday()]
            } else {
                rule.by_day.iter().map(|(_, d)| *d).collect()
            };
            days.sort_by_key(|d| d.num_days_from_monday());
            days.dedup();
            days.into_iter()
                .map(|d| monday + Days::new(d.num_days_from_monday() as u64))
                .collect()
        }
        Freq::Monthly => {
            let Some(first) = start
                .with_day(1)
                .and_then(|f| f.checked_add_months(Months::new(step)))
            else {
                return Vec::new();
            };
            let mut dates: Vec<NaiveDate> = if rule.by_day.is_empty() {
                first.with_day(start.day()).into_iter().collect()
            } else {
                rule.by_day
                    .iter()
                    .flat_map(|(n, wd)| match n {
                        Some(n) => nth_weekday(first.year(), first.month(), *n, *wd)
                            .into_iter()
                            .collect::<Vec<_>>(),
                        None => (1..=5)
                            .filter_map(|i| {
                                NaiveDate::from_weekday_of_month_opt(
                                    first.year(),
                                    first.month(),
                                    *wd,
                                    i,
                                )
                            })
                            .collect(),
                    })
                    .collect()
            };
            dates.sort();
            dates.dedup();
            dates
        }
    }
}

/// One occurrence: when it starts and when it ends.
pub type Occurrence = (DateTime<Utc>, DateTime<Utc>);

/// The occurrences of `rule` for a first window `starts_at`-`ends_at`: each one starts and
/// ends at the same Helsinki wall-clock times as the first. The first occurrence is the
/// first window itself when its date matches the rule.
pub fn expand(
    rule: &str,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<Vec<Occurrence>, String> {
    let rule = parse(rule)?;
    let (start, end) = (
        starts_at.with_timezone(&HELSINKI).naive_local(),
        ends_at.with_timezone(&HELSINKI).naive_local(),
    );
    let length = end - start;
    let first_day = start.date();
    let mut out = Vec::new();
    // Months without a 5th Tuesday yield nothing, so allow some empty periods.
    for k in 0..(MAX_OCCURRENCES as u32 * 3) {
        for day in period_dates(&rule, first_day, k) {
            if day < first_day {
                continue;
            }
            let local = day.and_time(start.time());
            let s = helsinki_to_utc(local);
            if rule.until.is_some_and(|until| s > until)
                || rule.count.is_some_and(|c| out.len() >= c)
            {
                return Ok(out);
            }
            if out.len() >= MAX_OCCURRENCES {
                return Err(format!(
                    "the series would have more than {MAX_OCCURRENCES} windows"
                ));
            }
            out.push((s, helsinki_to_utc(local + length)));
        }
    }
    Ok(out)
}

/// Where an occurrence goes when one occurrence of its series moved from `old` to `new`
/// ("change all events"): by the same Helsinki wall-clock shift, with the new length on the
/// wall clock, so an occurrence across a DST change keeps its local times.
pub fn shift_occurrence(
    old: (DateTime<Utc>, DateTime<Utc>),
    new: (DateTime<Utc>, DateTime<Utc>),
    occurrence: (DateTime<Utc>, DateTime<Utc>),
) -> (DateTime<Utc>, DateTime<Utc>) {
    let local = |t: DateTime<Utc>| t.with_timezone(&HELSINKI).naive_local();
    let moved_by = local(new.0) - local(old.0);
    let length = local(new.1) - local(new.0);
    let start = local(occurrence.0) + moved_by;
    (helsinki_to_utc(start), helsinki_to_utc(start + length))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    use crate::maintenance::helsinki_at as hel;

    /// 4S-MAINT-WINDOW: a fortnightly Tuesday 21:00-23:00 stays on Helsinki time across the
    /// last Sunday of March: 19:00 UTC before, 18:00 UTC after.
    #[test]
    fn four_s_maint_window_series_keeps_helsinki_time_across_dst() {
        let got = expand(
            "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3",
            hel(2027, 3, 16, 21, 0),
            hel(2027, 3, 16, 23, 0),
        )
        .unwrap();
        let starts: Vec<String> = got.iter().map(|(s, _)| s.to_rfc3339()).collect();
        assert_eq!(
            starts,
            [
                "2027-03-16T19:00:00+00:00",
                "2027-03-30T18:00:00+00:00",
                "2027-04-13T18:00:00+00:00"
            ]
        );
        assert!(got.iter().all(|(s, e)| *e - *s == Duration::hours(2)));
    }

    /// The second Tuesday of each month, through the October change, ending by UNTIL.
    #[test]
    fn monthly_second_tuesday_until_a_date() {
        let got = expand(
            "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271130",
            hel(2027, 9, 14, 21, 0),
            hel(2027, 9, 14, 23, 0),
        )
        .unwrap();
        assert_eq!(
            got.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [
                hel(2027, 9, 14, 21, 0),
                hel(2027, 10, 12, 21, 0),
                hel(2027, 11, 9, 21, 0)
            ]
        );
        assert_eq!(got[2].0.to_rfc3339(), "2027-11-09T19:00:00+00:00");
    }

    /// A night window over the autumn change keeps its wall-clock end: one hour longer.
    #[test]
    fn four_s_maint_window_night_series_over_autumn_change() {
        let got = expand(
            "FREQ=DAILY;COUNT=3",
            hel(2027, 10, 29, 23, 0),
            hel(2027, 10, 30, 5, 0),
        )
        .unwrap();
        let lengths: Vec<i64> = got.iter().map(|(s, e)| (*e - *s).num_hours()).collect();
        assert_eq!(lengths, [6, 7, 6]);
    }

    #[test]
    fn last_sunday_and_several_days_a_week() {
        let got = expand(
            "FREQ=MONTHLY;BYDAY=-1SU;COUNT=2",
            hel(2027, 1, 31, 1, 0),
            hel(2027, 1, 31, 2, 0),
        )
        .unwrap();
        assert_eq!(got[1].0, hel(2027, 2, 28, 1, 0));
        let got = expand(
            "FREQ=WEEKLY;BYDAY=TH,TU;COUNT=3",
            hel(2027, 5, 4, 21, 0),
            hel(2027, 5, 4, 22, 0),
        )
        .unwrap();
        assert_eq!(
            got.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [
                hel(2027, 5, 4, 21, 0),
                hel(2027, 5, 6, 21, 0),
                hel(2027, 5, 11, 21, 0)
            ]
        );
    }

    /// 4S-MAINT-WINDOW: moving one occurrence from 21:00-23:00 to 22:00-23:30 moves a later
    /// one, past the October change, to 22:00-23:30 Helsinki time too.
    #[test]
    fn four_s_maint_window_series_shift_keeps_wall_clock_across_dst() {
        let moved = shift_occurrence(
            (hel(2027, 10, 12, 21, 0), hel(2027, 10, 12, 23, 0)),
            (hel(2027, 10, 12, 22, 0), hel(2027, 10, 12, 23, 30)),
            (hel(2027, 11, 9, 21, 0), hel(2027, 11, 9, 23, 0)),
        );
        assert_eq!(moved, (hel(2027, 11, 9, 22, 0), hel(2027, 11, 9, 23, 30)));
        assert_eq!(moved.0.to_rfc3339(), "2027-11-09T20:00:00+00:00");
        // Moved a day later, too.
        let later = shift_occurrence(
            (hel(2027, 10, 12, 21, 0), hel(2027, 10, 12, 23, 0)),
            (hel(2027, 10, 13, 21, 0), hel(2027, 10, 13, 23, 0)),
            (hel(2027, 11, 9, 21, 0), hel(2027, 11, 9, 23, 0)),
        );
        assert_eq!(later.0, hel(2027, 11, 10, 21, 0));
    }

    #[test]
    fn unbounded_or_unknown_rules_are_refused() {
        let (s, e) = (hel(2027, 5, 4, 21, 0), hel(2027, 5, 4, 22, 0));
        assert!(expand("FREQ=WEEKLY", s, e)
            .unwrap_err()
            .contains("COUNT or UNTIL"));
        assert!(expand("FREQ=YEARLY;COUNT=2", s, e).is_err());
        assert!(expand("FREQ=WEEKLY;BYDAY=XX;COUNT=2", s, e).is_err());
        assert!(expand("FREQ=DAILY;COUNT=500", s, e)
            .unwrap_err()
            .contains("more than 100"));
    }
}
