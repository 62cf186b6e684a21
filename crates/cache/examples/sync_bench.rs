//! Benchmark of the audit sync at scale; prints figures. It asserts only that what it timed
//! was a correct run: each sync ended at the service's high water mark with every chain
//! intact, and each filtered page started from a row of its own filtered result.
//!
//!     cargo run --release -p admin-cache --example sync_bench -- [EVENTS]
//!
//! Seeds a demo service with EVENTS (default 1,000,000) chained audit events, serves it on
//! loopback, and measures: the initial sync end to end, the raw insert rate of the same rows
//! into a fresh cache (the ceiling), the filter indexes the console builds after its first
//! sync, an incremental sync of 100 new events with those indexes kept up, FTS search and
//! filtered page latency, and the cache's size on disk.

use admin_api::{AuditEvent, AuditOutcome, Secret};
use admin_cache::{audit, sync_audit, AuditQuery, Cache, SyncOptions, SyncReport};
use admin_client::Client;
use admin_service::{demo, AppState, Config};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SOURCE: &str = "bench";

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1000.0
}

/// CPU seconds this process has used (user + system), from /proc: on a shared machine the
/// wall-clock rates depend on the neighbours' load, the CPU cost per event much less.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at state, field 3.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux the console ships for.
    Some(ticks / 100.0)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

fn cpu_note(cpu: Option<f64>, events: f64) -> String {
    cpu.map_or(String::new(), |c| {
        format!("; CPU {c:.1} s, {:.0} events per CPU-second", events / c)
    })
}

/// A correct run: the sync reached the service's high water mark and no chain broke.
fn assert_complete(what: &str, report: &SyncReport) {
    let state = &report.state;
    assert_eq!(
        state.cursor, state.high_water,
        "{what}: the sync stopped before the high water mark"
    );
    assert!(
        state.broken_seq.is_none() && state.broken_reason.is_none(),
        "{what}: a chain broke at {:?}",
        state.broken_seq
    );
}

fn dir_size(dir: &std::path::Path, prefix: &str) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum()
}

/// The filter as the cache applies it, for the events of `q`'s actor, action, outcome and
/// time window (`to` exclusive).
fn matches_filter(e: &AuditEvent, q: &AuditQuery) -> bool {
    q.actor.as_ref().is_none_or(|a| e.actor.as_ref() == Some(a))
        && q.action.as_ref().is_none_or(|a| &e.action == a)
        && q.outcome.is_none_or(|o| e.outcome == o)
        && q.from.is_none_or(|f| e.at >= f)
        && q.to.is_none_or(|t| e.at < t)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let db = admin_service::db::open(&format!("sqlite://{}/service.sqlite", dir.path().display()))
        .await?;
    demo::seed_if_empty(&db, chrono::Utc::now()).await?;
    let t = Instant::now();
    demo::seed_audit(&db, n, chrono::Utc::now()).await?;
    println!(
        "seeded {n} events in the service in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let state = AppState::new(
        db.clone(),
        Arc::new(admin_service::clock::SystemClock),
        Config {
            feed_requests_per_minute: u32::MAX,
            ..Config::default()
        },
    );
    let service = admin_service::start("127.0.0.1:0", state).await?;
    let client = Client::new(&service.base_url())?;
    let token = client
        .sign_in(
            demo::OPERATOR,
            &Secret::new(demo::DEMO_PASSWORD.to_string()),
        )
        .await?
        .token;
    let client = client.with_token(token);
    let cache_path = dir.path().join("cache.sqlite");
    let cache = Cache::open(&cache_path).await?;
    let opts = SyncOptions::default();

    let load_before = load_average();
    let cpu = cpu_secs();
    let t = Instant::now();
    let report = sync_audit(&cache, SOURCE, &client, &opts, |_| {}).await?;
    let initial = t.elapsed().as_secs_f64();
    let initial_cpu = cpu.zip(cpu_secs()).map(|(a, b)| b - a);
    let initial_rate = report.fetched as f64 / initial;
    assert_complete("initial sync", &report);
    // Every event the service holds (the seeded ones and the sync's own audited reads).
    assert!(report.fetched >= n, "{} of {n} events", report.fetched);

    // The ceiling: the same rows, already in memory, into a fresh cache in pages as large.
    let mut rows: Vec<AuditEvent> = Vec::with_capacity(report.fetched as usize);
    let mut after = 0;
    loop {
        let page = cache
            .audit_events(
                SOURCE,
                &AuditQuery {
                    after: Some(after),
                    limit: 10_000,
                    ..Default::default()
                },
            )
            .await?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        rows.extend(page);
    }
    assert_eq!(
        rows.len() as u64,
        report.fetched,
        "the cache holds what was fetched"
    );
    let raw = Cache::open(&dir.path().join("raw.sqlite")).await?;
    let raw_source = raw.source_id(SOURCE).await?;
    let cpu = cpu_secs();
    let t = Instant::now();
    for chunk in rows.chunks(opts.page_size as usize) {
        let mut tx = raw.pool().begin().await?;
        audit::insert_events(&mut tx, raw_source, 1, chunk).await?;
        tx.commit().await?;
    }
    let raw_rate = rows.len() as f64 / t.elapsed().as_secs_f64();
    let raw_cpu = cpu.zip(cpu_secs()).map(|(a, b)| b - a);

    // The console builds its filter indexes once, after the first sync (kept up during the
    // bulk insert they would halve its rate); the queries below use them as the console does.
    let t = Instant::now();
    cache.ensure_audit_indexes().await?;
    let index_build = t.elapsed().as_secs_f64();

    // Every later sync keeps those indexes up, so the incremental figure includes that.
    demo::seed_audit(&db, 100, chrono::Utc::now()).await?;
    let t = Instant::now();
    let inc = sync_audit(&cache, SOURCE, &client, &opts, |_| {}).await?;
    let incremental_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_complete("incremental sync", &inc);
    assert!(inc.fetched >= 100, "{} of 100 new events", inc.fetched);
    let new = cache
        .audit_events(
            SOURCE,
            &AuditQuery {
                after: Some(after),
                limit: 10_000,
                ..Default::default()
            },
        )
        .await?;
    assert_eq!(
        new.len() as u64,
        inc.fetched,
        "the cache holds what was fetched"
    );
    rows.extend(new);

    let words = [
        "aino",
        "eino",
        "helmi",
        "sofia",
        "leo",
        "oliver",
        "onni",
        "ella",
        "toivo",
        "venla",
        "eetu",
        "iida",
        "saga",
        "otso",
        "linnea",
        "vilho",
        "operator",
        "manager",
        "sessions",
        "password",
        "block",
        "health",
        "audit",
        "activities",
        "users",
        "10.1",
        "10.2.17",
        "10.3.200",
        "virtanen",
        "korhonen",
    ];
    let mut search = Vec::new();
    for i in 0..100 {
        let text = match i % 4 {
            0 => words[i % words.len()].to_string(),
            1 => format!(
                "{} {}",
                words[i % words.len()],
                words[(i * 7 + 3) % words.len()]
            ),
            2 => words[i % words.len()].chars().take(3).collect(),
            _ => format!("POST {}", words[(i * 3) % words.len()]),
        };
        let q = AuditQuery {
            text: Some(text),
            descending: i % 2 == 0,
            limit: 100,
            ..Default::default()
        };
        let t = Instant::now();
        cache.audit_events(SOURCE, &q).await?;
        search.push(t.elapsed());
    }

    let actors: Vec<String> = demo::people().into_iter().map(|p| p.username).collect();
    let mut pages = Vec::new();
    for i in 0..100usize {
        let q = match i % 4 {
            0 => AuditQuery {
                actor: Some(actors[i % actors.len()].clone()),
                ..Default::default()
            },
            1 => AuditQuery {
                outcome: Some(AuditOutcome::Refused),
                ..Default::default()
            },
            2 => AuditQuery {
                action: Some("POST /api/v1/sessions".into()),
                outcome: Some(AuditOutcome::Allowed),
                ..Default::default()
            },
            _ => {
                let at = rows[(i * 7919 * 131) % rows.len()].at - chrono::Duration::days(3);
                AuditQuery {
                    from: Some(at),
                    to: Some(at + chrono::Duration::days(7)),
                    ..Default::default()
                }
            }
        };
        // A table scrolled within its filter asks for the rows after (or before) one it
        // shows: the keyset starts from a row of the filtered result.
        let matching: Vec<i64> = rows
            .iter()
            .filter(|e| matches_filter(e, &q))
            .map(|e| e.seq)
            .collect();
        assert!(!matching.is_empty(), "filter {i} matches no event: {q:?}");
        let position = matching[(i * 7919) % matching.len()];
        let q = AuditQuery {
            after: Some(position),
            descending: i % 2 == 1,
            limit: 100,
            ..q
        };
        let t = Instant::now();
        let page = cache.audit_events(SOURCE, &q).await?;
        pages.push(t.elapsed());
        // The page starts at the filtered result's next row from that one.
        let expected = if q.descending {
            matching.iter().rev().find(|&&s| s < position)
        } else {
            matching.iter().find(|&&s| s > position)
        };
        assert_eq!(
            page.first().map(|e| e.seq),
            expected.copied(),
            "filter {i}: {q:?}"
        );
    }

    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(cache.pool())
        .await?;
    let bytes = dir_size(dir.path(), "cache.sqlite");
    let per_million = bytes as f64 / report.fetched as f64 * 1e6 / (1024.0 * 1024.0);

    println!();
    println!(
        "load average (1, 5, 15 min) before the initial sync: {load_before}; at the end: {}",
        load_average()
    );
    println!("| measure | result | target |");
    println!("|---|---|---|");
    println!(
        "| initial sync, {} events end to end | {:.1} s = **{:.0} events/s**{} | >= 50,000 events/s |",
        report.fetched,
        initial,
        initial_rate,
        cpu_note(initial_cpu, report.fetched as f64)
    );
    println!(
        "| raw SQLite insert of the same rows (ceiling) | {:.0} events/s{}; sync at {:.2}x below | sync within 3x |",
        raw_rate,
        cpu_note(raw_cpu, rows.len() as f64),
        raw_rate / initial_rate
    );
    println!(
        "| filter indexes, built once after the first sync | {:.1} s (first sync + indexes: {:.0} events/s) | reported |",
        index_build,
        report.fetched as f64 / (initial + index_build)
    );
    println!(
        "| incremental sync of 100 new events ({} fetched) | {:.0} ms | <= 200 ms |",
        inc.fetched, incremental_ms
    );
    println!("| FTS search, 100 varied queries, first 100 hits | p50 {:.1} ms, p95 {:.1} ms | p95 <= 50 ms |", percentile(&mut search, 0.5), percentile(&mut search, 0.95));
    println!(
        "| filtered page of 100 at 100 positions | p50 {:.1} ms, p95 {:.1} ms | p95 <= 10 ms |",
        percentile(&mut pages, 0.5),
        percentile(&mut pages, 0.95)
    );
    println!(
        "| cache size on disk | {:.0} MiB, {:.0} MiB per million events | reported |",
        bytes as f64 / 1048576.0,
        per_million
    );
    service.stop().await?;
    Ok(())
}
