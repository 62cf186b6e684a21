//! The demo workspace: the real admin service, embedded, on a free loopback port.

use crate::first_panel::{FirstPanel, FALLBACK};
use admin_service::backups::BackupConfig;
use admin_service::{clock::SystemClock, demo, probe, AppState, Config, RunningService};
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::Arc;

pub const PROFILE_NAME: &str = "Demo workspace";
const DEMO_AUDIT_EVENTS: u64 = 5_000;

/// Opens (seeding on first use) the demo database in `data_dir` and serves it. The uptime
/// history older than the first panels read is seeded once `first_panel` is drawn.
pub async fn start(
    data_dir: &Path,
    now: DateTime<Utc>,
    first_panel: &FirstPanel,
) -> anyhow::Result<RunningService> {
    std::fs::create_dir_all(data_dir)?;
    let url = format!(
        "sqlite://{}",
        data_dir.join("demo-workspace.sqlite").display()
    );
    let db = admin_service::db::open(&url).await?;
    if demo::seed_if_empty(&db, now).await? {
        // Three months of realistic requests, so the audit log panel has something to show.
        demo::seed_audit(&db, DEMO_AUDIT_EVENTS, now).await?;
        tracing::info!("seeded the demo workspace");
    }
    let samples = demo::seed_recent_history(&db, now).await?;
    demo::seed_backup_history(&db, now).await?;
    tracing::info!(samples, "demo recent uptime and backup history ready");
    let older = db.clone();
    tokio::spawn(first_panel.after(FALLBACK, async move {
        match demo::seed_older_history(&older).await {
            Ok(samples) => {
                tracing::info!(samples, "demo uptime history before the recent days ready")
            }
            Err(e) => tracing::warn!("the demo's older uptime history was not seeded: {e}"),
        }
    }));
    let totp_key = admin_service::seed_key::SeedKey::load_or_create(&data_dir.join("totp.key"))
        .map_err(anyhow::Error::msg)?;
    let config = Config {
        backups: Some(BackupConfig::new(data_dir.join("backups"))),
        totp_key,
        ..Config::default()
    };
    let token = probe::register_local(&db, "Console (demo workspace)", now).await?;
    let state = AppState::new(db, Arc::new(SystemClock), config);
    let running = admin_service::start("127.0.0.1:0", state).await?;
    // The prober runs in the console, not in the service: stopping the service is an outage.
    let prober = probe::Prober::new(&running.base_url(), token.expose(), Arc::new(SystemClock));
    probe::spawn(prober, std::time::Duration::from_secs(5));
    Ok(running)
}
