//! Larger changes the service announces (4S-CHANGE-NOTICE) and the user's feature toggles
//! (4S-FEATURE-TOGGLES), as the shell's banner and Settings show them.

use crate::error::CommandError;
use crate::host::Host;
use admin_api::{Announcement, AnnouncementKind, FeatureChange, Features};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// 4S-CHANGE-NOTICE: a larger change is shown from 7 days before it ships.
pub const NOTICE_AHEAD: Duration = Duration::days(7);

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChangeNotices {
    /// Larger changes shipping within 7 days: the shell's banner.
    pub soon: Vec<Announcement>,
    /// Every announced larger change not yet shipped, soonest first: Settings.
    pub upcoming: Vec<Announcement>,
}

/// Splits the service's announcements into what the banner and Settings show.
pub fn change_notices(announcements: Vec<Announcement>, now: DateTime<Utc>) -> ChangeNotices {
    let mut upcoming: Vec<Announcement> = announcements
        .into_iter()
        .filter(|a| a.kind == AnnouncementKind::LargerChange && a.at > now)
        .collect();
    upcoming.sort_by_key(|a| a.at);
    let soon = upcoming
        .iter()
        .filter(|a| a.at - now <= NOTICE_AHEAD)
        .cloned()
        .collect();
    ChangeNotices { soon, upcoming }
}

/// The service's announcements; offline, the ones last read.
pub async fn announcements(host: &impl Host) -> Result<Vec<Announcement>, CommandError> {
    let client = host.client().await?;
    crate::kept::fetched_or_copy(host, "announcements", client.announcements().await).await
}

pub async fn changes_at(
    host: &impl Host,
    now: DateTime<Utc>,
) -> Result<ChangeNotices, CommandError> {
    let announcements = announcements(host).await?;
    Ok(change_notices(announcements, now))
}

crate::commands! {
    host;
    panel: "notices";
    pub async fn notices_changes(host) -> ChangeNotices {
        changes_at(host, host.now()).await
    }

    pub async fn notices_features(host) -> Features {
        let client = host.client().await?;
        crate::kept::fetched_or_copy(host, "features", client.features().await).await
    }

    pub async fn notices_set_feature(host, change: FeatureChange) -> Features {
        let client = host.client().await?;
        host.after_call(client.set_feature(&change).await).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn change(title: &str, at: DateTime<Utc>) -> Announcement {
        Announcement {
            kind: AnnouncementKind::LargerChange,
            title: title.into(),
            message: String::new(),
            at,
            ends_at: None,
        }
    }

    /// 4S-CHANGE-NOTICE: the banner carries larger changes from 7 days before they ship
    /// until they ship; Settings lists every announced one; maintenance is not a change.
    #[test]
    fn four_s_change_notice_banner_shows_changes_seven_days_ahead() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        let maintenance = Announcement {
            kind: AnnouncementKind::Maintenance,
            ..change("Maintenance", now + Duration::days(1))
        };
        let n = change_notices(
            vec![
                change("In 10 days", now + Duration::days(10)),
                change("In 7 days", now + Duration::days(7)),
                change("Tomorrow", now + Duration::days(1)),
                change("Shipped", now - Duration::hours(1)),
                maintenance,
            ],
            now,
        );
        let titles = |v: &[Announcement]| v.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&n.soon), ["Tomorrow", "In 7 days"]);
        assert_eq!(titles(&n.upcoming), ["Tomorrow", "In 7 days", "In 10 days"]);
    }
}
