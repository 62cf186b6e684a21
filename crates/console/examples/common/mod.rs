//! What the console's benchmarks share: the demo service's database in a folder, served on
//! loopback, and a fresh console there signed in as the demo manager.

use admin_api::Secret;
use admin_console_core::clock::SystemClock;
use admin_console_core::console::{Console, Notifier};
use admin_console_core::tokens::MemoryStore;
use admin_console_core::views::ConnectRequest;
use admin_service::{demo, AppState, Config, RunningService};
use std::path::Path;
use std::sync::Arc;

/// The service's database in `dir`, created empty for the benchmark to seed.
pub async fn service_db(dir: &Path) -> anyhow::Result<admin_service::db::Db> {
    let url = format!("sqlite://{}", dir.join("service.sqlite").display());
    Ok(admin_service::db::open(&url).await?)
}

pub async fn serve(db: admin_service::db::Db) -> anyhow::Result<RunningService> {
    let state = AppState::new(
        db,
        Arc::new(admin_service::clock::SystemClock),
        Config::default(),
    );
    Ok(admin_service::start("127.0.0.1:0", state).await?)
}

/// A console on `dir/console` with an in-memory keyring and the system clock.
pub async fn console(dir: &Path, notifier: Arc<dyn Notifier>) -> anyhow::Result<Console> {
    Ok(Console::open(
        dir.join("console"),
        Arc::new(MemoryStore::default()),
        notifier,
        Arc::new(SystemClock),
    )
    .await?)
}

pub async fn sign_in_manager(console: &Console, url: String) -> anyhow::Result<()> {
    console
        .connect(ConnectRequest {
            url,
            username: demo::MANAGER.into(),
            password: Secret::new(demo::DEMO_PASSWORD),
        })
        .await?;
    Ok(())
}
