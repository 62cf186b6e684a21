//! The query side of the cached audit log, on a chain written straight into the cache:
//! paging by keyset and by offset, one event's chain status, whole-chain checks and export.

use admin_api::audit::{ChainBreak, GENESIS_HASH};
use admin_api::{AuditEvent, AuditOutcome};
use admin_cache::{audit, AuditQuery, Cache, ExportFormat};
use chrono::{Duration, TimeZone, Utc};
use std::collections::HashMap;

const SOURCE: &str = "profile-1";
const ACTORS: [&str; 4] = [
    "aino@demo.example",
    "eino@demo.example",
    "+358401234567",
    "=HYPERLINK(\"http://evil\")",
];

/// `n` events in two partitions (an account and the platform), validly chained.
fn chain(n: i64) -> Vec<AuditEvent> {
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let mut heads: HashMap<Option<i64>, String> = HashMap::new();
    (1..=n)
        .map(|seq| {
            let account_id = (seq % 3 != 0).then_some(7);
            let refused = seq % 5 == 0;
            let mut e = AuditEvent {
                seq,
                at: t0 + Duration::minutes(seq),
                actor: (seq % 11 != 0).then(|| ACTORS[seq as usize % ACTORS.len()].to_string()),
                action: if refused {
                    "POST /api/v1/sessions".into()
                } else {
                    "GET /api/v1/users".into()
                },
                target: if seq % 4 == 0 {
                    "/api/v1/users?q=a,b".into()
                } else {
                    "/api/v1/users".into()
                },
                // One event names whom it was done to; the rest, as before subjects, do not.
                subject: (seq == 10).then(|| "eino@demo.example".into()),
                outcome: if refused {
                    AuditOutcome::Refused
                } else {
                    AuditOutcome::Allowed
                },
                status: if refused { 401 } else { 200 },
                client_addr: Some(format!("10.0.0.{}", seq % 9)),
                account_id,
                prev_hash: heads
                    .get(&account_id)
                    .cloned()
                    .unwrap_or(GENESIS_HASH.into()),
                hash: String::new(),
            };
            e.hash = e.compute_hash();
            heads.insert(account_id, e.hash.clone());
            e
        })
        .collect()
}

async fn cache_with(events: &[AuditEvent]) -> (Cache, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(&dir.path().join("cache.sqlite")).await.unwrap();
    let source = cache.source_id(SOURCE).await.unwrap();
    let mut tx = cache.pool().begin().await.unwrap();
    audit::insert_events(&mut tx, source, 1, events)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (cache, dir)
}

fn keep(q: &AuditQuery, e: &AuditEvent) -> bool {
    q.actor
        .as_deref()
        .is_none_or(|a| e.actor.as_deref() == Some(a))
        && q.outcome.is_none_or(|o| e.outcome == o)
        && q.from.is_none_or(|f| e.at >= f)
        && q.to.is_none_or(|t| e.at < t)
}

#[tokio::test]
async fn keyset_and_offset_pages_agree_for_every_filter_and_order() {
    let events = chain(1000);
    let (cache, _dir) = cache_with(&events).await;
    let t0 = events[0].at;
    let filters = [
        AuditQuery::default(),
        AuditQuery {
            outcome: Some(AuditOutcome::Refused),
            ..Default::default()
        },
        AuditQuery {
            actor: Some(ACTORS[2].into()),
            ..Default::default()
        },
        AuditQuery {
            from: Some(t0 + Duration::minutes(200)),
            to: Some(t0 + Duration::minutes(700)),
            outcome: Some(AuditOutcome::Allowed),
            ..Default::default()
        },
    ];
    for filter in filters {
        for descending in [false, true] {
            let q = AuditQuery {
                descending,
                limit: 37,
                ..filter.clone()
            };
            let mut expected: Vec<&AuditEvent> = events.iter().filter(|e| keep(&q, e)).collect();
            if descending {
                expected.reverse();
            }
            assert_eq!(
                cache.count_audit_events(SOURCE, &q).await.unwrap(),
                expected.len() as i64
            );
            let mut by_keyset = Vec::new();
            let mut position = 0u64;
            loop {
                let page = cache
                    .audit_events(
                        SOURCE,
                        &AuditQuery {
                            after: by_keyset.last().map(|e: &AuditEvent| e.seq),
                            ..q.clone()
                        },
                    )
                    .await
                    .unwrap();
                let by_offset = cache
                    .audit_events(
                        SOURCE,
                        &AuditQuery {
                            offset: position,
                            ..q.clone()
                        },
                    )
                    .await
                    .unwrap();
                assert_eq!(page, by_offset, "{q:?} at {position}");
                if page.is_empty() {
                    break;
                }
                position += page.len() as u64;
                by_keyset.extend(page);
            }
            let got: Vec<&AuditEvent> = by_keyset.iter().collect();
            assert_eq!(got, expected, "{q:?}");
        }
    }
}

/// "New since last sync" is what came after the cursor the latest run started from.
#[tokio::test]
async fn new_since_last_sync_is_after_the_runs_starting_cursor() {
    let events = chain(300);
    let (cache, _dir) = cache_with(&events).await;
    let source = cache.source_id(SOURCE).await.unwrap();
    sqlx::query(
        "INSERT INTO sync_state (source, feed, cursor, run, run_from) VALUES (?, 'audit', 300, 2, 250)",
    )
    .bind(source)
    .execute(cache.pool())
    .await
    .unwrap();
    let q = AuditQuery {
        new_since_last_sync: true,
        limit: 1000,
        ..Default::default()
    };
    let new = cache.audit_events(SOURCE, &q).await.unwrap();
    assert_eq!(new, events[250..]);
    assert_eq!(cache.count_audit_events(SOURCE, &q).await.unwrap(), 50);
}

/// Clause FZ-AUDIT: the drawer's chain status and "Verify integrity" find a changed event
/// and a missing one in the cache itself.
#[tokio::test]
async fn fz_audit_event_chain_status_and_whole_chain_check() {
    let events = chain(500);
    let (cache, _dir) = cache_with(&events).await;
    let intact = cache.audit_event(SOURCE, 100).await.unwrap().unwrap();
    assert_eq!(intact.event, events[99]);
    assert!(intact.hash_valid && intact.linked);
    let first = cache.audit_event(SOURCE, 1).await.unwrap().unwrap();
    assert!(first.linked, "the first of a partition links to the start");
    assert!(cache.audit_event(SOURCE, 501).await.unwrap().is_none());
    let check = cache.check_audit_chain(SOURCE).await.unwrap();
    assert_eq!((check.checked, check.broken_seq), (500, None));

    sqlx::query("UPDATE audit_events SET outcome = 'allowed' WHERE seq = 200")
        .execute(cache.pool())
        .await
        .unwrap();
    // Seq 301 and 302 are in the account's partition: removing 301 unlinks 302.
    sqlx::query("DELETE FROM audit_events WHERE seq = 301")
        .execute(cache.pool())
        .await
        .unwrap();
    let changed = cache.audit_event(SOURCE, 200).await.unwrap().unwrap();
    assert!(!changed.hash_valid && changed.linked);
    let orphan = cache.audit_event(SOURCE, 302).await.unwrap().unwrap();
    assert!(orphan.hash_valid && !orphan.linked);
    let check = cache.check_audit_chain(SOURCE).await.unwrap();
    assert_eq!(check.broken_seq, Some(200));
    assert_eq!(check.broken_reason, Some(ChainBreak::HashMismatch));
    assert_eq!(check.checked, 200);
}

/// Export writes RFC 4180 CSV (a formula-looking cell neutralised, phone numbers kept) and
/// a JSON array of the same events, in the query's order, with progress.
#[tokio::test]
async fn export_writes_exact_csv_and_json_in_the_querys_order() {
    let events = chain(12);
    let (cache, _dir) = cache_with(&events).await;
    let q = AuditQuery {
        descending: true,
        from: Some(events[7].at),
        ..Default::default()
    };
    let mut csv = Vec::new();
    let mut progress = Vec::new();
    let n = cache
        .export_audit(SOURCE, &q, ExportFormat::Csv, &mut csv, |w, t| {
            progress.push((w, t))
        })
        .await
        .unwrap();
    assert_eq!(n, 5);
    assert_eq!(progress, [(0, 5), (5, 5)]);
    let h = |seq: usize| &events[seq - 1].hash;
    let p = |seq: usize| &events[seq - 1].prev_hash;
    let expected = format!(
        "seq,at,actor,action,target,subject,outcome,status,client_addr,account_id,prev_hash,hash\n\
         12,2026-03-02T09:12:00.000000Z,aino@demo.example,GET /api/v1/users,\"/api/v1/users?q=a,b\",,allowed,200,10.0.0.3,,{},{}\n\
         11,2026-03-02T09:11:00.000000Z,,GET /api/v1/users,/api/v1/users,,allowed,200,10.0.0.2,7,{},{}\n\
         10,2026-03-02T09:10:00.000000Z,+358401234567,POST /api/v1/sessions,/api/v1/users,eino@demo.example,refused,401,10.0.0.1,7,{},{}\n\
         9,2026-03-02T09:09:00.000000Z,eino@demo.example,GET /api/v1/users,/api/v1/users,,allowed,200,10.0.0.0,,{},{}\n\
         8,2026-03-02T09:08:00.000000Z,aino@demo.example,GET /api/v1/users,\"/api/v1/users?q=a,b\",,allowed,200,10.0.0.8,7,{},{}\n",
        p(12),
        h(12),
        p(11),
        h(11),
        p(10),
        h(10),
        p(9),
        h(9),
        p(8),
        h(8),
    );
    assert_eq!(String::from_utf8(csv).unwrap(), expected);

    let mut json = Vec::new();
    cache
        .export_audit(SOURCE, &q, ExportFormat::Json, &mut json, |_, _| {})
        .await
        .unwrap();
    let parsed: Vec<AuditEvent> = serde_json::from_slice(&json).unwrap();
    let mut newest_first: Vec<AuditEvent> = events[7..].to_vec();
    newest_first.reverse();
    assert_eq!(parsed, newest_first);

    let formula = AuditEvent {
        actor: Some(ACTORS[3].into()),
        ..events[0].clone()
    };
    assert!(audit::csv_line(&formula).contains(",\"'=HYPERLINK(\"\"http://evil\"\")\","));
}

/// After a sync the explorer's filters seek their own index instead of scanning by sequence.
#[tokio::test]
async fn filters_use_their_indexes_once_built() {
    let (cache, _dir) = cache_with(&chain(50)).await;
    let plan = |column: &str| {
        format!(
            "EXPLAIN QUERY PLAN SELECT seq FROM audit_events e WHERE e.source = 1 AND e.{column} = 'x' \
             AND e.seq > 10 ORDER BY e.seq DESC LIMIT 100"
        )
    };
    assert!(cache.ensure_audit_indexes().await.unwrap());
    assert!(!cache.ensure_audit_indexes().await.unwrap(), "built once");
    for column in ["actor", "action", "outcome"] {
        let rows: Vec<(i64, i64, i64, String)> = sqlx::query_as(&plan(column))
            .fetch_all(cache.pool())
            .await
            .unwrap();
        let detail: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
        assert!(
            detail
                .iter()
                .any(|d| d.contains(&format!("INDEX audit_events_{column} ("))),
            "{column}: {detail:?}"
        );
        assert!(
            !detail.iter().any(|d| d.contains("TEMP B-TREE")),
            "{detail:?}"
        );
    }
}
