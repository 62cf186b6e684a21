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
        /// Database URL: sqlite://admin.sqlite (created if missing) or postgres://user@host/db.
        #[arg(long)]
        database: String,
        /// Seed an empty database with the demo workspace.
        #[arg(long)]
        demo: bool,
        /// Region shown to users as where the service runs.
        #[arg(long, default_value = "North Europe (Ireland)")]
        region: String,
        /// Append N realistic, validly chained audit events (for benchmarks).
        #[arg(long, value_name = "N")]
        demo_audit: Option<u64>,
        /// A plain SMTP relay (host:port) for the outbox; without one, messages stay queued.
        #[arg(long)]
        smtp_relay: Option<String>,
        /// The sender of outbox mail.
        #[arg(long, default_value = "Admin service <no-reply@localhost>")]
        mail_from: String,
        /// Folder for the nightly backups (02:00 Europe/Helsinki); none if not given.
        #[arg(long)]
        backup_dir: Option<std::path::PathBuf>,
        /// A JSON file listing the sub-processor behind each outbound path (`path`, `name`,
        /// `purpose`, `data_categories`, `region`: `eea` or `outside`, `location`);
        /// without it, a mail relay and probes in the EU (4S-SUBPROC).
        #[arg(long)]
        subprocessors: Option<std::path::PathBuf>,
        /// File holding the key (64 hex digits) that seals TOTP seeds in the database;
        /// created with a new key if missing. Keep it apart from the database and its backups.
        #[arg(long)]
        totp_key_file: Option<std::path::PathBuf>,
    },
    /// Probe the service's http monitors from outside it and report to it (4S-SLA): run
    /// this apart from the service, so that its outages are recorded.
    Probe {
        /// The service's base URL, e.g. http://127.0.0.1:8080.
        #[arg(long)]
        service: String,
        /// A file holding the prober token (from POST /api/v1/probers).
        #[arg(long)]
        token_file: std::path::PathBuf,
        /// Seconds between rounds; each monitor is still probed at its own interval.
        #[arg(long, default_value_t = 5)]
        tick_seconds: u64,
    },
    /// Restore a backup snapshot into a new database, checking it against its manifest.
    Restore {
        /// The snapshot file (its `.manifest.json` must be beside it): a `.sqlite` copy or a
        /// PostgreSQL `.dump`.
        #[arg(long)]
        snapshot: std::path::PathBuf,
        /// For a `.sqlite` snapshot, the new database file to create; for a `.dump`, the URL
        /// of an empty PostgreSQL database (postgres://user@host/db).
        #[arg(long)]
        into: String,
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
            demo_audit,
            smtp_relay,
            mail_from,
            subprocessors,
            totp_key_file,
        } => {
            let subprocessors = match subprocessors {
                Some(file) => serde_json::from_slice(&std::fs::read(&file)?)
                    .map_err(|e| anyhow::anyhow!("--subprocessors {}: {e}", file.display()))?,
                None => admin_service::residency::default_register(),
            };
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
                if demo::seed_if_empty(&pool, chrono::Utc::now()).await? {
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
            if let Some(n) = demo_audit {
                let started = std::time::Instant::now();
                let last = demo::seed_audit(&pool, n, chrono::Utc::now()).await?;
                println!(
                    "Appended {n} audit events (last sequence {last}) in {:.1} s.",
                    started.elapsed().as_secs_f64()
                );
            }
            let smtp_relay = match smtp_relay {
                Some(relay) => {
                    let (host, port) = relay
                        .rsplit_once(':')
                        .ok_or_else(|| anyhow::anyhow!("--smtp-relay is host:port"))?;
                    Some(admin_service::outbox::SmtpRelay {
                        host: host.to_string(),
                        port: port.parse()?,
                        from: mail_from,
                    })
                }
                None => None,
            };
            let totp_key = match totp_key_file {
                Some(path) => admin_service::seed_key::SeedKey::load_or_create(&path)
                    .map_err(|e| anyhow::anyhow!("--totp-key-file {e}"))?,
                None => {
                    tracing::warn!(
                        "no --totp-key-file: TOTP enrolments last only as long as this process"
                    );
                    admin_service::seed_key::SeedKey::random()
                }
            };
            let state = AppState::new(
                pool,
                std::sync::Arc::new(admin_service::clock::SystemClock),
                admin_service::Config {
                    region,
                    smtp_relay,
                    backups: backup_dir.map(admin_service::backups::BackupConfig::new),
                    subprocessors,
                    totp_key,
                    sla_alerts_every: Some(std::time::Duration::from_secs(60)),
                    ..Default::default()
                },
            );
            let running = admin_service::start(&listen, state).await?;
            println!("admin-service listening on {}", running.base_url());
            tokio::signal::ctrl_c().await?;
            running.stop().await?;
        }
        Command::Probe {
            service,
            token_file,
            tick_seconds,
        } => {
            let token = std::fs::read_to_string(&token_file).map_err(|e| {
                anyhow::anyhow!("cannot read the token file {}: {e}", token_file.display())
            })?;
            if token.trim().is_empty() {
                anyhow::bail!("the token file {} is empty", token_file.display());
            }
            let prober = admin_service::probe::Prober::new(
                &service,
                &token,
                std::sync::Arc::new(admin_service::clock::SystemClock),
            );
            println!("probing the monitors of {service} every {tick_seconds} s");
            let task = admin_service::probe::spawn(
                prober,
                std::time::Duration::from_secs(tick_seconds.max(1)),
            );
            tokio::signal::ctrl_c().await?;
            task.abort();
        }
        Command::Restore { snapshot, into } => {
            let manifest = admin_service::backups::restore(&snapshot, &into).await?;
            let rows: i64 = manifest.row_counts.values().sum();
            println!(
                "Restored {} (taken {}, sha256 {}) into {}: {} tables, {rows} rows, all matching the manifest.",
                snapshot.display(),
                manifest.taken_at,
                manifest.sha256,
                admin_service::backups::shown_target(&into),
                manifest.row_counts.len()
            );
        }
    }
    Ok(())
}
