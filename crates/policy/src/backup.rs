//! Backup rules: retention of daily and weekly snapshots (4S-BACKUP-NIGHTLY), a missed
//! night as a visible failure (FZ-BACKUP-DAILY / UQ-BACKUP-DAILY), and freshness.
//!
//! Days and weeks are local dates in the schedule's time zone (Europe/Helsinki), so a
//! snapshot taken at 02:00 belongs to the day it was taken across DST changes.

use chrono::{DateTime, Datelike, Duration, IsoWeek, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::HashSet;

/// The newest good backup older than this is a warning on the status panel.
pub const STALE_AFTER_HOURS: i64 = 26;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    Daily,
    Weekly,
    /// Kept by neither rule: to be pruned.
    Expired,
}

impl Retention {
    pub fn as_str(self) -> &'static str {
        match self {
            Retention::Daily => "daily",
            Retention::Weekly => "weekly",
            Retention::Expired => "expired",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    pub daily: usize,
    pub weekly: usize,
}

impl Default for Keep {
    fn default() -> Self {
        Keep {
            daily: 7,
            weekly: 4,
        }
    }
}

/// Classifies successful snapshots (any order): the newest of each of the `daily` most
/// recent days that have one is daily; then the newest of each of the `weekly` most recent
/// ISO weeks that have no daily one is weekly, so weekly points reach further back than the
/// dailies; everything else expires. Counting days and weeks that have a snapshot, not
/// calendar ones, means a missed night never shortens how far back one can restore.
pub fn classify(taken: &[DateTime<Utc>], tz: Tz, keep: Keep) -> Vec<Retention> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(taken[i]));
    let mut days: HashSet<NaiveDate> = HashSet::new();
    let mut daily_weeks: HashSet<IsoWeek> = HashSet::new();
    let mut weeks: HashSet<IsoWeek> = HashSet::new();
    let mut out = vec![Retention::Expired; taken.len()];
    for i in order {
        let date = taken[i].with_timezone(&tz).date_naive();
        let week = date.iso_week();
        if days.len() < keep.daily && days.insert(date) {
            daily_weeks.insert(week);
            out[i] = Retention::Daily;
        } else if !daily_weeks.contains(&week) && weeks.len() < keep.weekly && weeks.insert(week) {
            out[i] = Retention::Weekly;
        }
    }
    out
}

/// Local days in `[first, last]` with no successful backup: each is a missed night.
pub fn missed_days(
    good: &[DateTime<Utc>],
    tz: Tz,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<NaiveDate> {
    let done: HashSet<NaiveDate> = good
        .iter()
        .map(|t| t.with_timezone(&tz).date_naive())
        .collect();
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| !done.contains(d))
        .collect()
}

/// True when the newest good backup is older than 26 hours, or there is none.
pub fn is_stale(last_good: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_good.is_none_or(|t| now - t > Duration::hours(STALE_AFTER_HOURS))
}

/// The local date a time falls on, for grouping backups by night.
pub fn local_date(t: DateTime<Utc>, tz: Tz) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// Monday of the ISO week `date` is in.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const HKI: Tz = chrono_tz::Europe::Helsinki;

    /// 02:00 Helsinki on each of `days` days ending `last` (as a local date).
    fn nightly(last: NaiveDate, days: i64) -> Vec<DateTime<Utc>> {
        (0..days)
            .map(|back| {
                let date = last - Duration::days(back);
                HKI.from_local_datetime(&date.and_hms_opt(2, 0, 0).unwrap())
                    .earliest()
                    .unwrap()
                    .with_timezone(&Utc)
            })
            .collect()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Clause 4S-BACKUP-NIGHTLY: 7 daily and 4 more weekly snapshots are kept, across the end of
    /// October and its DST change (Sunday 2026-10-25).
    #[test]
    fn four_s_backup_nightly_retention_across_month_and_dst() {
        let taken = nightly(date(2026, 11, 3), 40); // 2026-09-25 .. 2026-11-03
        let classes = classify(&taken, HKI, Keep::default());
        let kept: Vec<(NaiveDate, Retention)> = taken
            .iter()
            .zip(&classes)
            .filter(|(_, c)| **c != Retention::Expired)
            .map(|(t, c)| (local_date(*t, HKI), *c))
            .collect();
        let daily: Vec<NaiveDate> = kept
            .iter()
            .filter(|k| k.1 == Retention::Daily)
            .map(|k| k.0)
            .collect();
        let weekly: Vec<NaiveDate> = kept
            .iter()
            .filter(|k| k.1 == Retention::Weekly)
            .map(|k| k.0)
            .collect();
        assert_eq!(
            daily,
            (0..7)
                .map(|b| date(2026, 11, 3) - Duration::days(b))
                .collect::<Vec<_>>()
        );
        // The dailies cover ISO weeks 44 and 45; weekly reaches four weeks further back,
        // to the Sundays before them, the first of which is the DST night.
        assert_eq!(
            weekly,
            vec![
                date(2026, 10, 25),
                date(2026, 10, 18),
                date(2026, 10, 11),
                date(2026, 10, 4)
            ]
        );
        assert_eq!(kept.len(), 11);
    }

    /// Clause 4S-BACKUP-NIGHTLY: a missed night does not shorten the daily history.
    #[test]
    fn four_s_backup_nightly_missed_night_keeps_seven_dailies() {
        let mut taken = nightly(date(2026, 3, 31), 10);
        taken.retain(|t| local_date(*t, HKI) != date(2026, 3, 29)); // DST night, missed
        let classes = classify(&taken, HKI, Keep::default());
        let dailies = classes.iter().filter(|c| **c == Retention::Daily).count();
        assert_eq!(dailies, 7);
        let oldest_daily = taken
            .iter()
            .zip(&classes)
            .filter(|(_, c)| **c == Retention::Daily)
            .map(|(t, _)| *t)
            .min();
        assert_eq!(local_date(oldest_daily.unwrap(), HKI), date(2026, 3, 24));
    }

    /// Clause FZ-BACKUP-DAILY: every local day without a good backup is reported, and a
    /// backup at 00:30 Helsinki counts for its own local date, not the UTC one.
    #[test]
    fn fz_backup_daily_missed_days_are_local_dates() {
        let mut taken = nightly(date(2026, 10, 31), 7);
        taken.retain(|t| local_date(*t, HKI) != date(2026, 10, 27));
        let just_after_midnight = HKI
            .with_ymd_and_hms(2026, 11, 1, 0, 30, 0)
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            just_after_midnight.date_naive(),
            date(2026, 10, 31),
            "UTC still says October"
        );
        taken.push(just_after_midnight);
        let missed = missed_days(&taken, HKI, date(2026, 10, 25), date(2026, 11, 1));
        assert_eq!(missed, vec![date(2026, 10, 27)]);
    }

    /// Clause UQ-BACKUP-DAILY: no good backup for over 26 hours is stale.
    #[test]
    fn uq_backup_daily_staleness_after_26_hours() {
        let now = Utc.with_ymd_and_hms(2026, 6, 2, 12, 0, 0).unwrap();
        assert!(is_stale(None, now));
        assert!(!is_stale(Some(now - Duration::hours(26)), now));
        assert!(is_stale(
            Some(now - Duration::hours(26) - Duration::seconds(1)),
            now
        ));
        assert_eq!(week_start(date(2026, 11, 1)), date(2026, 10, 26));
    }
}
