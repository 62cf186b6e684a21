//! `admin-console compliance-pack --month YYYY-MM --out FILE.pdf [--csv FILE.zip] [--demo]`:
//! the pack for scheduled jobs, with no window. The desktop binary hands its arguments
//! here before it builds one; the exit code is the verdict and the message says why.

use super::{gather_and_build, month_label, parse_month, pdf, CompliancePack};
use crate::clock::SystemClock;
use crate::console::{Console, Notifier};
use crate::export_file::ExportFile;
use crate::tokens::{MemoryStore, TokenStore};
use crate::views::{Connection, SessionEnded};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const USAGE: &str =
    "usage: admin-console compliance-pack --month YYYY-MM --out FILE.pdf [--csv FILE.zip] [--demo]";

/// Exit codes a scheduled job can tell apart.
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_NO_DATA: i32 = 3;
pub const EXIT_UNPROVEN: i32 = 4;
pub const EXIT_FAILED: i32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    pub month: admin_policy::maintenance::Month,
    pub out: PathBuf,
    pub csv: Option<PathBuf>,
    pub demo: bool,
}

/// The arguments after `compliance-pack`.
pub fn parse(args: &[String]) -> Result<Args, String> {
    let (mut month, mut out, mut csv, mut demo) = (None, None, None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--month" => month = Some(parse_month(&value("--month")?)?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--csv" => csv = Some(PathBuf::from(value("--csv")?)),
            "--demo" => demo = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args {
        month: month.ok_or("--month is required")?,
        out: out.ok_or("--out is required")?,
        csv,
        demo,
    })
}

/// Logs what a window would show: there is none.
struct Headless;

impl Notifier for Headless {
    fn session_ended(&self, ended: SessionEnded) {
        tracing::warn!(?ended, "the session ended");
    }
    fn connection_changed(&self, connection: Connection) {
        tracing::info!(?connection, "connection");
    }
}

/// Runs the command; returns the process's exit code. `data_dir` holds the signed-in
/// profile's cache; `--demo` uses a fresh folder of its own and the embedded demo service.
pub async fn run(args: &[String], data_dir: PathBuf, tokens: Arc<dyn TokenStore>) -> i32 {
    let args = match parse(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("compliance-pack: {e}\n{USAGE}");
            return EXIT_USAGE;
        }
    };
    match make(&args, data_dir, tokens).await {
        Ok((pages, pack)) => {
            println!(
                "compliance-pack: wrote {} ({pages} pages){} for {}, {}",
                args.out.display(),
                args.csv
                    .as_ref()
                    .map(|c| format!(" and {}", c.display()))
                    .unwrap_or_default(),
                pack.account,
                month_label(pack.month)
            );
            0
        }
        Err((code, why)) => {
            eprintln!("compliance-pack: {why}");
            code
        }
    }
}

async fn make(
    args: &Args,
    data_dir: PathBuf,
    tokens: Arc<dyn TokenStore>,
) -> Result<(usize, CompliancePack), (i32, String)> {
    let failed = |e: String| (EXIT_FAILED, e);
    let scratch;
    let (dir, tokens) = if args.demo {
        scratch = tempfile::tempdir().map_err(|e| failed(e.to_string()))?;
        let tokens: Arc<dyn TokenStore> = Arc::new(MemoryStore::default());
        (scratch.path().to_path_buf(), tokens)
    } else {
        (data_dir, tokens)
    };
    let console = Console::open(dir, tokens, Arc::new(Headless), Arc::new(SystemClock))
        .await
        .map_err(|e| failed(e.to_string()))?;
    if args.demo {
        console
            .open_demo()
            .await
            .map_err(|e| failed(e.to_string()))?;
    } else {
        console.restore().await.map_err(|e| failed(e.to_string()))?;
        let state = console.state().await.map_err(|e| failed(e.to_string()))?;
        if state.session.is_none() {
            return Err(failed(
                "nobody is signed in: sign in in the console once (or pass --demo)".into(),
            ));
        }
    }
    let label = month_label(args.month);
    if args.month.starts_at() > console.now() {
        return Err((EXIT_NO_DATA, format!("{label} has not begun yet")));
    }
    let pack = gather_and_build(&console, args.month)
        .await
        .map_err(|e| failed(e.to_string()))?;
    if pack.has_no_data() {
        return Err((
            EXIT_NO_DATA,
            format!("{label} is not in the cache and the service has no data for it"),
        ));
    }
    if let Some(why) = pack.unproven() {
        return Err((EXIT_UNPROVEN, format!("{label} cannot be proven: {why}")));
    }
    let (bytes, pages) = pdf::render(&pack);
    save(&args.out, |w| std::io::Write::write_all(w, &bytes)).map_err(failed)?;
    if let Some(csv) = &args.csv {
        save(csv, |w| {
            super::csv::write_zip(&pack, w)
                .map(drop)
                .map_err(std::io::Error::other)
        })
        .map_err(failed)?;
    }
    Ok((pages, pack))
}

/// Writes a whole file or none (see `export_file`).
pub fn save(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), String> {
    let mut file = ExportFile::create(path)?;
    write(file.writer()).map_err(|e| crate::export_file::why(path, &e))?;
    file.finish()
}
