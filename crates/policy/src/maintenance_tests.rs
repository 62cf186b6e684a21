//! Clause tests of the maintenance rules.
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
        "a window in business hours was announced 6 d 23 h 59 min before it starts; it needs 7 Helsinki calendar days and at least 168 h"
    );
    // Routine windows need no 7-day notice.
    let night = announced(
        hel(2027, 3, 10, 21, 0),
        hel(2027, 3, 10, 23, 0),
        hel(2027, 3, 10, 20, 0),
    );
    assert!(check_window(&night, &[], h).is_empty());
}

/// 4S-MAINT-NOTICE across the spring DST change: 7 calendar days are only 167 h
/// there, so the 168 h floor decides.
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
            seconds: 481 * 60
        }]
    );
    assert_eq!(
        breaches[0].to_string(),
        "March 2027 would have 8 h 1 min of maintenance; the cap is 8 h"
    );
    assert_eq!(Violation::from(&breaches[0]).clause, "4S-MAINT-CAP");
}

/// 4S-MAINT-NOTICE across the October change: Mon 26 Oct 2026 10:00 EET announced on
/// Mon 19 Oct 2026 11:00 EEST is 168 h ahead but not 7 Helsinki calendar days, so it is
/// refused; announced at 10:00 EEST (169 h, 7 days) it passes.
#[test]
fn four_s_maint_notice_october_change_needs_seven_calendar_days() {
    let h = BusinessHours::default();
    let (s, e) = (hel(2026, 10, 26, 10, 0), hel(2026, 10, 26, 11, 0));
    assert_eq!(s.to_rfc3339(), "2026-10-26T08:00:00+00:00", "EET, UTC+2");
    let announced_at = hel(2026, 10, 19, 11, 0);
    assert_eq!(
        announced_at.to_rfc3339(),
        "2026-10-19T08:00:00+00:00",
        "EEST, UTC+3"
    );
    assert_eq!(s - announced_at, Duration::hours(168));
    let refused = check_window(&announced(s, e, announced_at), &[], h);
    assert_eq!(clauses(&refused), [CLAUSE_WINDOW, CLAUSE_NOTICE]);
    assert_eq!(
        refused[1],
        Breach::Notice {
            notice_minutes: Some(168 * 60)
        }
    );
    let week = announced(s, e, hel(2026, 10, 19, 10, 0));
    assert!(check_window(&week, &[], h).is_empty());
    // The SLA cut-out applies the same rule: the refused window is downtime there.
    let month = Month::new(2026, 10);
    assert!(announced_maintenance(&[announced(s, e, announced_at)], month, h).is_empty());
    assert_eq!(announced_maintenance(&[week], month, h).len(), 1);
}

/// 4S-MAINT-CAP counts seconds: 8 h 0 min 59 s breaches the cap, 8 h exactly does not.
#[test]
fn four_s_maint_cap_counts_seconds_not_whole_minutes() {
    let h = BusinessHours::default();
    let feb = hel(2027, 2, 1, 0, 0);
    let first = announced(hel(2027, 3, 2, 21, 0), hel(2027, 3, 3, 3, 0), feb);
    let second_start = hel(2027, 3, 9, 21, 0);
    let over = announced(
        second_start,
        second_start + Duration::seconds(2 * 3600 + 59),
        feb,
    );
    assert_eq!(
        seconds_in_month(&[first, over], Month::new(2027, 3)),
        8 * 3600 + 59
    );
    let breaches = check_window(&over, &[first], h);
    assert_eq!(
        breaches,
        [Breach::Cap {
            month: Month::new(2027, 3),
            seconds: 8 * 3600 + 59
        }]
    );
    assert_eq!(
        breaches[0].to_string(),
        "March 2027 would have 8 h 0 min 59 s of maintenance; the cap is 8 h"
    );
    // The SLA cuts out no more than 8 h either.
    let cut = announced_maintenance(&[first, over], Month::new(2027, 3), h);
    let cut_s: i64 = cut.iter().map(|(s, e)| (*e - *s).num_seconds()).sum();
    assert_eq!(cut_s, 8 * 3600);
}

#[test]
fn durations_read_with_seconds() {
    assert_eq!(hours_minutes_seconds(8 * 3600), "8 h");
    assert_eq!(hours_minutes_seconds(8 * 3600 + 59), "8 h 0 min 59 s");
    assert_eq!(hours_minutes_seconds(8 * 3600 + 61), "8 h 1 min 1 s");
    assert_eq!(hours_minutes_seconds(59), "59 s");
    assert_eq!(hours_minutes_seconds(61), "1 min 1 s");
}

/// 4S-MAINT-CAP: the numbers in the sentence.
#[test]
fn four_s_maint_cap_message_names_month_and_total() {
    let b = Breach::Cap {
        month: Month::new(2027, 3),
        seconds: 570 * 60,
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
            seconds: 540 * 60
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
