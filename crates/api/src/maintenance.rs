//! Maintenance windows, announcements and the iCalendar form of the windows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceStatus {
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}

impl MaintenanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MaintenanceStatus::Scheduled => "scheduled",
            MaintenanceStatus::InProgress => "in_progress",
            MaintenanceStatus::Completed => "completed",
            MaintenanceStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            MaintenanceStatus::Scheduled,
            MaintenanceStatus::InProgress,
            MaintenanceStatus::Completed,
            MaintenanceStatus::Cancelled,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct MaintenanceWindow {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub description: String,
    /// What users will notice, e.g. "sign-in unavailable".
    pub impact: String,
    pub affected_components: Vec<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: MaintenanceStatus,
    /// When it went up on the sign-in page; the notice clauses count from here.
    pub announced_at: Option<DateTime<Utc>>,
    /// False when the window reaches into business hours (4S-MAINT-WINDOW).
    pub routine: bool,
    /// Occurrences of one recurring series share the first occurrence's id here.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub series_id: Option<i64>,
    /// The RRULE the series was made from.
    #[serde(default)]
    pub recurrence: Option<String>,
}

/// Which occurrences of a series a change applies to, as calendar tools ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SeriesScope {
    /// This occurrence and every later one.
    Following,
    /// Every occurrence still scheduled.
    All,
}

/// A change to a series. New times are those of the occurrence named in the path; the others
/// move by the same Helsinki wall-clock shift and take the same length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct SeriesPatch {
    pub scope: SeriesScope,
    #[serde(flatten)]
    pub patch: MaintenanceWindowPatch,
}

/// A new window; with `recurrence` (an RRULE) every occurrence becomes a window of
/// the same length, expanded in Helsinki time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct NewMaintenanceWindow {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub impact: String,
    #[serde(default)]
    pub affected_components: Vec<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recurrence: Option<String>,
}

/// Fields to change; absent ones stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct MaintenanceWindowPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub impact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub affected_components: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ends_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    Maintenance,
    LargerChange,
}

/// One line of the sign-in page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Announcement {
    pub kind: AnnouncementKind,
    pub title: String,
    pub message: String,
    /// The window's start, or when the change ships.
    pub at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
}

/// A software release; a larger change needs 7 days' notice (4S-CHANGE-NOTICE).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Release {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub description: String,
    pub ships_at: DateTime<Utc>,
    pub larger_change: bool,
    pub announced_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct NewRelease {
    #[schema(min_length = 1, pattern = r"\S")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub ships_at: DateTime<Utc>,
    #[serde(default)]
    pub larger_change: bool,
}

/// The windows as an RFC 5545 calendar: UTC times, escaped text, folded lines, CRLF.
pub fn to_icalendar(windows: &[MaintenanceWindow], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Admin Console//Maintenance//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape("Service maintenance")));
    for w in windows {
        line("BEGIN:VEVENT".into());
        line(format!("UID:maintenance-{}@admin-console", w.id));
        line(format!("DTSTAMP:{}", ical_time(stamp)));
        line(format!("DTSTART:{}", ical_time(w.starts_at)));
        line(format!("DTEND:{}", ical_time(w.ends_at)));
        line(format!("SUMMARY:{}", escape(&w.title)));
        let mut description = w.description.clone();
        if !w.impact.is_empty() {
            description.push_str(&format!("\nImpact: {}", w.impact));
        }
        if !w.affected_components.is_empty() {
            description.push_str(&format!("\nAffected: {}", w.affected_components.join(", ")));
        }
        line(format!("DESCRIPTION:{}", escape(description.trim_start())));
        if !w.affected_components.is_empty() {
            let list: Vec<String> = w.affected_components.iter().map(|c| escape(c)).collect();
            line(format!("CATEGORIES:{}", list.join(",")));
        }
        let status = match w.status {
            MaintenanceStatus::Cancelled => "CANCELLED",
            _ => "CONFIRMED",
        };
        line(format!("STATUS:{status}"));
        line("TRANSP:OPAQUE".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

fn ical_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and newline are escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 3.1: lines longer than 75 octets continue after CRLF and a space, never
/// splitting a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn window() -> MaintenanceWindow {
        MaintenanceWindow {
            id: 4,
            title: "Database upgrade; part 1, phase A".into(),
            description: "Line one\nback\\slash".into(),
            impact: "Sign-in unavailable".into(),
            affected_components: vec!["api".into(), "sign-in, web".into()],
            starts_at: Utc.with_ymd_and_hms(2027, 3, 27, 19, 0, 0).unwrap(),
            ends_at: Utc.with_ymd_and_hms(2027, 3, 27, 21, 30, 0).unwrap(),
            status: MaintenanceStatus::Scheduled,
            announced_at: None,
            routine: true,
            series_id: None,
            recurrence: None,
        }
    }

    #[test]
    fn icalendar_escapes_text_and_writes_utc_times() {
        let stamp = Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap();
        let ics = to_icalendar(&[window()], stamp);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nDTSTART:20270327T190000Z\r\n"));
        assert!(ics.contains("\r\nDTEND:20270327T213000Z\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20270301T080000Z\r\n"));
        assert!(ics.contains("\r\nSUMMARY:Database upgrade\\; part 1\\, phase A\r\n"));
        assert!(ics.contains("\r\nCATEGORIES:api,sign-in\\, web\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "DESCRIPTION:Line one\\nback\\\\slash\\nImpact: Sign-in unavailable\\nAffected: api\\, sign-in\\, web\r\n"
        ));
        // No bare LF anywhere.
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    }

    #[test]
    fn icalendar_folds_long_lines_at_75_octets_without_splitting_characters() {
        let mut w = window();
        w.title = "ä".repeat(60);
        let ics = to_icalendar(&[w], Utc::now());
        for physical in ics.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{physical:?} is {} octets",
                physical.len()
            );
        }
        assert!(ics
            .replace("\r\n ", "")
            .contains(&format!("SUMMARY:{}", "ä".repeat(60))));
    }

    #[test]
    fn cancelled_windows_stay_in_the_feed_as_cancelled() {
        let mut w = window();
        w.status = MaintenanceStatus::Cancelled;
        assert!(to_icalendar(&[w], Utc::now()).contains("\r\nSTATUS:CANCELLED\r\n"));
    }
}
