use admin_service::{db, demo, AppState};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "admin-service", version, about = "Reference admin API service")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the admin API over HTTP.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Database URL, e.g. sqlite://admin.sqlite (created if missing).
        #[arg(long)]
        database: String,
        /// Seed an empty database with the demo workspace.
        #[arg(long)]
        demo: bool,
        /// Region shown to users as where the service runs.
        #[arg(long, default_value = "North Europe (Ireland)")]
        region: String,
        /// Folder for the nightly backups (02:00 Europe/Helsinki); none if not given.
        #[arg(long)]
        backup_dir: Option<std::path::PathBuf>,
    },
    /// Restore a backup snapshot into a new database file, checking it against its manifest.
    Restore {
        /// The snapshot file (its `.manifest.json` must be beside it).
        #[arg(long)]
        snapshot: std::path::PathBuf,
        /// The new database file to create.
        #[arg(long)]
        into: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match Cli::parse().command {
        Command::Serve {
            listen,
            database,
            demo: seed_demo,
            region,
            backup_dir,
        } => {
            let pool = db::open(&database).await?;
            if seed_demo {
                demo::seed_backup_history(&pool, chrono::Utc::now()).await?;
                let samples = demo::seed_history(&pool, chrono::Utc::now()).await?;
                if samples > 0 {
                    println!(
                        "Seeded {samples} uptime samples ({} months).",
                        demo::HISTORY_MONTHS
                    );
                }
                if demo::seed_if_empty(&pool).await? {
                    println!(
                        "Seeded the demo workspace \"{}\". Sign in as:",
                        demo::ACCOUNT
                    );
                } else {
                    println!("The database already has data; demo users, if seeded earlier:");
                }
                for person in demo::people().iter().take(8) {
                    println!("  {:<28} {}", person.username, person.role.display_name());
                }
                println!(
                    "  ...and {} more. Every demo user's password is \"{}\".",
                    demo::people().len() - 8,
                    demo::DEMO_PASSWORD
                );
            }
            let state = AppState::new(
                pool,
                std::sync::Arc::new(admin_service::clock::SystemClock),
                admin_service::Config {
                    region,
                    backups: backup_dir.map(admin_service::backups::BackupConfig::new),
                    ..Default::default()
                },
            );
            let running = admin_service::start(&listen, state).await?;
            println!("admin-service listening on {}", running.base_url());
            tokio::signal::ctrl_c().await?;
            running.stop().await?;
        }
        Command::Restore { snapshot, into } => {
            let manifest = admin_service::backups::restore_snapshot(&snapshot, &into).await?;
            let rows: i64 = manifest.row_counts.values().sum();
            println!(
                "Restored {} (taken {}, sha256 {}) into {}: {} tables, {rows} rows, all matching the manifest.",
                snapshot.display(),
                manifest.taken_at,
                manifest.sha256,
                into.display(),
                manifest.row_counts.len()
            );
        }
    }
    Ok(())
}
