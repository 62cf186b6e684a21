//! The Overview panel and the timeline against the embedded demo service, and their rules
//! on fixed dates.

use super::*;
use crate::console::{Console, Notifier};
use crate::timeline::{self, TimelineKind};
use crate::tokens::MemoryStore;
use crate::views::{Connection, SessionEnded};
use admin_api::{GrantRequest, IncidentView, Release, Role, Scope};
use chrono::TimeZone;
use std::sync::Arc;

struct Quiet;
impl Notifier for Quiet {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
}

async fn demo_console(dir: &std::path::Path) -> Console {
    let console = Console::open(
        dir.to_path_buf(),
        Arc::new(MemoryStore::default()),
        Arc::new(Quiet),
        Arc::new(crate::clock::SystemClock),
    )
    .await
    .unwrap();
    console.open_demo().await.unwrap();
    console
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

fn activity(id: i64, kind: &str, when: DateTime<Utc>) -> UserActivity {
    UserActivity {
        id,
        user_id: 40 + id,
        username: format!("user{id}"),
        at: when,
        kind: kind.into(),
        detail: String::new(),
    }
}

/// The access card counts grants, revocations, lockouts, two-factor resets and blocks of
/// the last 7 days only; sign-ins and older changes are not access changes of the week.
#[test]
fn access_card_counts_the_weeks_access_changes_by_kind() {
    let since = at(23, 9);
    let rows = [
        activity(1, "role_granted", at(24, 9)),
        activity(2, "role_granted", at(30, 9)),
        activity(3, "role_revoked", at(25, 9)),
        activity(4, "locked_out", at(26, 9)),
        activity(5, "two_factor_reset", at(27, 9)),
        activity(6, "blocked", at(28, 9)),
        activity(7, "sign_in", at(28, 10)),
        activity(8, "role_granted", at(22, 9)),
    ];
    let card = access_card(&rows, since);
    assert_eq!(
        (
            card.grants,
            card.revocations,
            card.lockouts,
            card.two_factor_resets,
            card.blocks
        ),
        (2, 1, 1, 1, 1)
    );
    assert_eq!(card.since, Some(since));
}

/// Clause 4S-CRITICAL-FIX: an outage is two rows, its end carrying the time to fix in
/// business seconds; one still down has only its start.
#[test]
fn four_s_critical_fix_timeline_incidents_carry_time_to_fix() {
    let fixed = IncidentView {
        started_at: at(24, 9),
        ended_at: Some(at(24, 11)),
        duration_s: Some(7200),
        time_to_fix_business_s: Some(7200),
        fixed_same_business_day: Some(true),
        note: Some("database failover".into()),
    };
    let open = IncidentView {
        started_at: at(25, 9),
        ended_at: None,
        duration_s: None,
        time_to_fix_business_s: None,
        fixed_same_business_day: None,
        note: None,
    };
    let events = timeline::incident_events("Admin API", &[fixed, open]);
    let whats: Vec<(&str, Option<i64>)> = events
        .iter()
        .map(|e| (e.what.as_str(), e.time_to_fix_business_s))
        .collect();
    assert_eq!(
        whats,
        [
            ("incident_started", None),
            ("incident_ended", Some(7200)),
            ("incident_started", None)
        ]
    );
    assert!(events.iter().all(|e| e.panel == "uptime"));
    assert_eq!(events[1].detail, "database failover");
}

/// Clause 4S-CHANGE-NOTICE: a larger change is on the timeline from its announcement; any
/// release once it shipped (installed), not before.
#[test]
fn four_s_change_notice_timeline_releases_announced_and_installed() {
    let release = |id, larger, ships_at| Release {
        id,
        title: format!("r{id}"),
        description: String::new(),
        ships_at,
        larger_change: larger,
        announced_at: at(1, 9),
    };
    let now = at(20, 12);
    let events = timeline::release_events(
        &[
            release(1, true, at(10, 9)),
            release(2, false, at(18, 9)),
            release(3, true, at(28, 9)),
            release(4, false, at(25, 9)),
        ],
        now,
    );
    let whats: Vec<(&str, Option<i64>)> = events
        .iter()
        .map(|e| (e.what.as_str(), e.item_id))
        .collect();
    assert_eq!(
        whats,
        [
            ("change_announced", Some(1)),
            ("update_installed", Some(1)),
            ("update_installed", Some(2)),
            ("change_announced", Some(3)),
        ]
    );
    assert_eq!(events[0].kind, TimelineKind::Change);
    assert_eq!(events[1].kind, TimelineKind::Update);
}

/// Clauses 4S-SLA, UQ-BACKUP-DAILY and 4S-MAINT-CAP: on the demo every service card is
/// filled (this month's proven ratio and status, the last good backup and drill, the next
/// window and both month budgets against 8 h); the feeds' cards say "not synced" until the
/// first sync and then count; offline the kept copy comes back marked with its time.
#[tokio::test]
async fn four_s_sla_overview_cards_online_then_offline() {
    let dir = tempfile::tempdir().unwrap();
    let console = demo_console(dir.path()).await;
    let first = overview_view(&console).await.unwrap();
    assert!(!first.from_cache);
    let cards = &first.service;
    let uptime = cards.uptime.as_ref().expect("the uptime card");
    assert!(uptime.month.status.is_some(), "{uptime:?}");
    assert_eq!(uptime.month.target_ratio, 0.998);
    let backups = cards.backups.as_ref().expect("the backups card");
    assert!(backups.last_good_at.is_some());
    assert!(backups.last_drill.is_some());
    assert_eq!(backups.stale_after_hours, 26);
    let maintenance = cards.maintenance.as_ref().expect("the maintenance card");
    assert_eq!(maintenance.this_month.cap_minutes, 8 * 60);
    assert!(maintenance.next_window.is_some());
    assert!(maintenance.next_month.used_minutes > 0);
    assert!(
        cards
            .missing
            .iter()
            .all(|m| m.why == Unavailable::NotSynced),
        "{:?}",
        cards.missing
    );
    assert_eq!(first.unread, None);
    assert!(cards
        .missing
        .iter()
        .any(|m| m.card == CardId::Access && m.why == Unavailable::NotSynced));

    // A grant made now is an access change of the week once the feeds are synced.
    let roles = crate::roles::roles_overview(&console).await.unwrap();
    let viewers = crate::roles::roles_list_users(
        &console,
        crate::roles::UserFilter {
            role: Some(Role::Viewer),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    crate::roles::roles_grant(
        &console,
        GrantRequest {
            user_id: viewers.value.users[0].user.id,
            role: Role::ChannelManager,
            scope: Scope::Channel {
                id: roles.tree[0].channels[0].id,
            },
        },
    )
    .await
    .unwrap();
    crate::activity::activity_sync(&console).await.unwrap();
    let synced = overview_view(&console).await.unwrap();
    assert!(
        synced.service.missing.is_empty(),
        "{:?}",
        synced.service.missing
    );
    assert!(synced.unread.is_some());
    assert!(synced.access.as_ref().unwrap().grants >= 1);
    assert!(synced.feeds_synced_at.is_some());

    let timeline = timeline::overview_timeline(&console).await.unwrap();
    assert!(!timeline.from_cache);
    let events = &timeline.events;
    assert!(
        events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
    for kind in [
        TimelineKind::Maintenance,
        TimelineKind::Backup,
        TimelineKind::Access,
        TimelineKind::Change,
    ] {
        assert!(
            events.iter().any(|e| e.kind == kind),
            "{kind:?} on the timeline"
        );
    }
    let keys: std::collections::HashSet<&str> = events.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys.len(), events.len(), "keys are unique");

    assert!(console.stop_demo_for_test().await);
    let offline = overview_view(&console).await.unwrap();
    assert!(offline.from_cache);
    assert_eq!(offline.fetched_at, synced.fetched_at);
    assert_eq!(offline.service, synced.service);
    let grants = |v: &OverviewView| v.access.as_ref().map(|a| a.grants);
    assert_eq!(grants(&offline), grants(&synced));
    let offline_timeline = timeline::overview_timeline(&console).await.unwrap();
    assert!(offline_timeline.from_cache);
    assert_eq!(offline_timeline.events, timeline.events);
}
