//! Time to build a month's compliance pack (issue 20, target <= 2 s): a demo service with a
//! year of minute samples and N audit events (default 150,000 over 90 days, which puts about
//! 50,000 in the last full month), synced into a fresh console cache as the demo manager.
//! It asserts the pack is right before it prints the time. Not part of the test run:
//!
//!     cargo run --release -p admin-console-core --example pack_bench -- 150000

mod common;

use admin_cache::AuditQuery;
use admin_console_core::console::Notifier;
use admin_console_core::host::Host;
use admin_console_core::pack::{self, Section};
use admin_console_core::views::{Connection, SessionEnded};
use admin_policy::maintenance::Month;
use admin_service::demo;
use std::sync::Arc;
use std::time::Instant;

struct Quiet;

impl Notifier for Quiet {
    fn session_ended(&self, _: SessionEnded) {}
    fn connection_changed(&self, _: Connection) {}
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(150_000);
    let dir = tempfile::tempdir()?;
    let now = chrono::Utc::now();
    let started = Instant::now();
    let db = common::service_db(dir.path()).await?;
    demo::seed_if_empty(&db, now).await?;
    demo::seed_audit(&db, n, now).await?;
    let samples = demo::seed_history(&db, now).await?;
    demo::seed_backup_history(&db, now).await?;
    println!(
        "seeded {n} audit events and {samples} minute samples in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let service = common::serve(db).await?;
    let console = common::console(dir.path(), Arc::new(Quiet)).await?;
    common::sign_in_manager(&console, service.base_url()).await?;
    let synced = Instant::now();
    admin_console_core::audit::audit_sync_now(&console).await?;
    println!(
        "synced the manager's audit log in {:.1} s",
        synced.elapsed().as_secs_f64()
    );

    let this = Month::of(now);
    let month = if this.month == 1 {
        Month::new(this.year - 1, 12)
    } else {
        Month::new(this.year, this.month - 1)
    };
    let source = console
        .state()
        .await?
        .profile
        .map(|p| p.id)
        .ok_or_else(|| anyhow::anyhow!("no profile"))?;
    let cache_events = |q: AuditQuery| {
        let console = &console;
        let source = source.clone();
        async move { console.cache().count_audit_events(&source, &q).await }
    };
    let in_month = cache_events(AuditQuery {
        from: Some(month.starts_at()),
        to: Some(month.ends_at()),
        ..AuditQuery::default()
    })
    .await?;
    let cached = cache_events(AuditQuery::default()).await?;

    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..3 {
        let t = Instant::now();
        let built = pack::gather_and_build(&console, month).await?;
        let (pdf, pages) = pack::pdf::render(&built);
        let zip = pack::csv::write_zip(&built, std::io::Cursor::new(Vec::new()))?.into_inner();
        best = best.min(t.elapsed().as_secs_f64());
        last = Some((built, pdf.len(), pages, zip.len()));
    }
    let (built, pdf_bytes, pages, zip_bytes) = last.expect("three runs");

    // Right before fast: the service's SLA, a verified chain, and the cache's own count.
    let Section::Ready(monitors) = &built.uptime else {
        anyhow::bail!("no uptime: {:?}", built.uptime);
    };
    for m in monitors {
        let Section::Ready(sla) = &m.sla else {
            anyhow::bail!("{}: no SLA: {:?}", m.name, m.sla);
        };
        anyhow::ensure!(
            sla.month == pack::month_label(month) && sla.up_s > 0,
            "{sla:?}"
        );
    }
    anyhow::ensure!(built.unproven().is_none(), "{:?}", built.evidence);
    let Section::Ready(access) = &built.access else {
        anyhow::bail!("no access: {:?}", built.access);
    };
    let passwords = cache_events(AuditQuery {
        action: Some(pack::AccessKind::PasswordChanged.action().into()),
        from: Some(month.starts_at()),
        to: Some(month.ends_at()),
        ..AuditQuery::default()
    })
    .await?;
    anyhow::ensure!(
        access.count(pack::AccessKind::PasswordChanged) as i64 == passwords,
        "{} != {passwords}",
        access.count(pack::AccessKind::PasswordChanged)
    );
    println!(
        "{} cached audit events, {in_month} in {}; {} access rows; PDF {pages} pages ({pdf_bytes} bytes), ZIP {zip_bytes} bytes",
        cached,
        pack::month_label(month),
        access.rows.len()
    );
    println!(
        "build month (gather + PDF + ZIP), best of 3: {best:.3} s (target <= 2 s); load {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    Ok(())
}
