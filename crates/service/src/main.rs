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
        } => {
            let pool = db::open(&database).await?;
            if seed_demo {
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
                    ..Default::default()
                },
            );
            let running = admin_service::start(&listen, state).await?;
            println!("admin-service listening on {}", running.base_url());
            tokio::signal::ctrl_c().await?;
            running.stop().await?;
        }
    }
    Ok(())
}
