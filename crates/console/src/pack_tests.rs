//! Over 500 lines: every section of the pack read back from one PDF of the demo month, sharing its fixture.
//! The compliance pack against the embedded demo service: the PDF read back with
//! `pdftotext` (poppler-utils) against the service's own answers, a month with no data,
//! and the command line's verdicts.

use crate::console::Console;
use crate::host::Host;
use crate::pack::{self, cli, AccessKind, Section};
use crate::roles::UserFilter;
use crate::test_support::TestConsole;
use admin_api::{BackupStatus, GrantRequest, MaintenanceStatus, Role, Scope};
use admin_client::Client;
use admin_policy::maintenance::Month;
use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;

async fn demo_console(dir: &Path) -> Console {
    let console = TestConsole::new().open(dir).await;
    console.open_demo().await.unwrap();
    console
}

fn previous(month: Month) -> Month {
    if month.month == 1 {
        Month::new(month.year - 1, 12)
    } else {
        Month::new(month.year, month.month - 1)
    }
}

/// The PDF's text as `pdftotext -layout` reads it.
fn pdf_text(dir: &Path, bytes: &[u8]) -> String {
    let pdf = dir.join("pack.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The number on the first line of `text` whose label is `label`, in the form the facts
/// tables print: `Label    1234 s (...)` or `Label    12.50 h` or `Label   7`.
fn figure(text: &str, label: &str) -> String {
    let re = Regex::new(&format!(
        r"(?m)^\s*{}\s{{2,}}([0-9.]+)",
        regex::escape(label)
    ))
    .unwrap();
    match re.captures(text) {
        Some(c) => c[1].to_string(),
        None => panic!("no {label:?} in:\n{text}"),
    }
}

/// Role grants and revocations the service's audit feed holds for the month, as the
/// signed-in manager may read them.
async fn role_changes_from_api(client: &Client, month: Month) -> usize {
    let (from, to) = (month.starts_at(), month.ends_at());
    let mut after = 0;
    let mut n = 0;
    loop {
        let page = client.audit_page(after, 1000).await.unwrap();
        n += page
            .items
            .iter()
            .filter(|e| e.at >= from && e.at < to)
            .filter(|e| (200..300).contains(&e.status))
            .filter(|e| {
                e.action == AccessKind::RoleGranted.action()
                    || e.action == AccessKind::RoleRevoked.action()
            })
            .count();
        if page.items.is_empty() || page.next_after >= page.high_water {
            return n;
        }
        after = page.next_after;
    }
}

/// Clauses 4S-SLA, 4S-MAINT-CAP, 4S-BACKUP-NIGHTLY, UQ-RBAC and FZ-AUDIT: the last full
/// month's PDF, read back, gives the service's SLA seconds per monitor, the maintenance
/// hours, the nights backed up and the role changes; the month in progress counts the
/// grant and revocation just made, and the lockout (UQ-LOCKOUT-3), each naming its user.
#[tokio::test]
async fn the_pdf_figures_equal_the_services_answers() {
    let dir = tempfile::tempdir().unwrap();
    let console = demo_console(dir.path()).await;
    let client = console.client().await.unwrap();
    let month = previous(Month::of(console.now()));
    let built = pack::gather_and_build(&console, month).await.unwrap();
    assert!(built.unproven().is_none(), "{:?}", built.evidence);
    let (bytes, pages) = pack::pdf::render(&built);
    assert!(pages >= 2, "{pages}");
    let text = pdf_text(dir.path(), &bytes);
    if let Ok(keep) = std::env::var("PACK_TEXT_OUT") {
        std::fs::write(keep, &text).unwrap();
    }
    let label = pack::month_label(month);
    // The account and the month on every page.
    let header = Regex::new(&format!(
        r"Compliance pack\s+\|\s+{}\s+\|\s+{label}",
        regex::escape(&built.account)
    ))
    .unwrap();
    assert_eq!(header.find_iter(&text).count(), pages, "{text}");
    assert!(text.contains(&format!("Page {pages} of {pages}")), "{text}");

    let monitors = client.monitors().await.unwrap();
    assert!(!monitors.is_empty());
    let by_monitor: Vec<&str> = text.split("Monitor: ").skip(1).collect();
    assert_eq!(by_monitor.len(), monitors.len(), "{text}");
    for block in by_monitor {
        let name = block.lines().next().unwrap().trim();
        let monitor = monitors.iter().find(|m| m.name == name).unwrap();
        let history = client.sla_history(monitor.id, 2).await.unwrap();
        let sla = history.iter().find(|m| m.month == label).unwrap();
        for (fact, seconds) in [
            ("Business time", sla.business_s),
            ("Maintenance cut out", sla.maintenance_s),
            ("Measured", sla.measured_s),
            ("Up", sla.up_s),
            ("Down", sla.down_s),
            ("No data", sla.unmonitored_s),
        ] {
            assert_eq!(figure(block, fact), seconds.to_string(), "{name}: {fact}");
        }
        assert!(
            sla.up_s > 0,
            "the demo's last full month was measured: {sla:?}"
        );
    }

    // 4S-MAINT-CAP: the month's share of every window not cancelled, reckoned here.
    let (from, to) = (month.starts_at(), month.ends_at());
    let minutes: i64 = client
        .maintenance_windows()
        .await
        .unwrap()
        .iter()
        .filter(|w| w.status != MaintenanceStatus::Cancelled)
        .map(|w| {
            (w.ends_at.min(to) - w.starts_at.max(from))
                .num_minutes()
                .max(0)
        })
        .sum();
    assert_eq!(
        figure(&text, "Hours used"),
        format!("{:.2}", minutes as f64 / 60.0)
    );

    // 4S-BACKUP-NIGHTLY: nights of the month with a good backup.
    let nights: BTreeSet<_> = client
        .backups()
        .await
        .unwrap()
        .into_iter()
        .filter(|b| b.status == BackupStatus::Ok)
        .map(|b| b.local_date)
        .filter(|d| d.format("%Y-%m").to_string() == label)
        .collect();
    assert!(!nights.is_empty(), "the demo backs up nightly");
    assert_eq!(figure(&text, "Nights backed up"), nights.len().to_string());

    assert_eq!(
        figure(&text, "Role changes (grants and revocations)"),
        role_changes_from_api(&client, month).await.to_string()
    );

    // UQ-RBAC: a grant and its revocation now show in the month in progress.
    let overview = crate::roles::roles_overview(&console).await.unwrap();
    let viewers = crate::roles::roles_list_users(
        &console,
        UserFilter {
            role: Some(Role::Viewer),
            ..UserFilter::default()
        },
    )
    .await
    .unwrap();
    let target = viewers.value.users[0].user.id;
    let whom = viewers.value.users[0].user.username.clone();
    let scope = Scope::Channel {
        id: overview.tree[0].channels[0].id,
    };
    let granted = crate::roles::roles_grant(
        &console,
        GrantRequest {
            user_id: target,
            role: Role::ChannelManager,
            scope,
        },
    )
    .await
    .unwrap();
    crate::roles::roles_revoke(&console, granted.id)
        .await
        .unwrap();
    // UQ-LOCKOUT-3: three wrong passwords lock the viewer out; the third is the lockout.
    let stranger = Client::new(client.base_url().as_str()).unwrap();
    for _ in 0..3 {
        let wrong = admin_api::Secret::from("not-the-password");
        assert!(stranger.sign_in(&whom, &wrong).await.is_err());
    }
    let now = Month::of(console.now());
    let current = pack::gather_and_build(&console, now).await.unwrap();
    assert!(current.in_progress);
    let expected = role_changes_from_api(&client, now).await;
    assert!(expected >= 2, "{expected}");
    let text = pdf_text(dir.path(), &pack::pdf::render(&current).0);
    assert_eq!(
        figure(&text, "Role changes (grants and revocations)"),
        expected.to_string()
    );
    assert!(text.contains("The month has not ended"));
    let Section::Ready(access) = &current.access else {
        panic!("{:?}", current.access);
    };
    assert_eq!(
        access.count(AccessKind::RoleGranted),
        access.count(AccessKind::RoleRevoked)
    );
    // The list names the user, not the assignment's path, which outlives no revocation.
    let changed: Vec<(AccessKind, &str)> = access
        .rows
        .iter()
        .filter(|r| matches!(r.kind, AccessKind::RoleGranted | AccessKind::RoleRevoked))
        .map(|r| (r.kind, r.whom.as_str()))
        .collect();
    assert_eq!(
        changed[changed.len() - 2..],
        [
            (AccessKind::RoleGranted, whom.as_str()),
            (AccessKind::RoleRevoked, whom.as_str())
        ]
    );
    assert!(text.contains(&whom), "{text}");
    let locked: Vec<&str> = access
        .rows
        .iter()
        .filter(|r| r.kind == AccessKind::LockedOut)
        .map(|r| r.whom.as_str())
        .collect();
    assert_eq!(
        locked,
        [whom.as_str()],
        "one lockout, naming whom it locked"
    );
}

/// A month before anything was recorded: the pack says there is no data and why, and
/// prints no figures as facts; the command line refuses it with its own exit code.
#[tokio::test]
async fn a_month_with_no_data_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let console = demo_console(dir.path()).await;
    let month = Month::new(2019, 3);
    let built = pack::gather_and_build(&console, month).await.unwrap();
    assert!(built.has_no_data(), "{built:?}");
    let text = pdf_text(dir.path(), &pack::pdf::render(&built).0);
    assert!(text.contains("No data for this month"), "{text}");
    assert!(
        text.contains("Not available: the service's SLA history does not reach back to 2019-03"),
        "{text}"
    );
    assert!(!text.contains("Business time"), "no SLA figures: {text}");
    assert_eq!(figure(&text, "Nights backed up"), "0");
    assert!(text.contains("Nights before the first backup on record"));

    let out = dir.path().join("old.pdf");
    let args: Vec<String> = [
        "--month",
        "2019-03",
        "--out",
        out.to_str().unwrap(),
        "--demo",
    ]
    .map(String::from)
    .to_vec();
    let code = cli::run(
        &args,
        dir.path().join("unused"),
        std::sync::Arc::new(crate::tokens::MemoryStore::default()),
    )
    .await;
    assert_eq!(code, cli::EXIT_NO_DATA);
    assert!(!out.exists());
}

#[test]
fn the_command_line_takes_a_strict_month_and_names_what_is_missing() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let ok = cli::parse(&args(&[
        "--month", "2026-11", "--out", "p.pdf", "--csv", "p.zip",
    ]))
    .unwrap();
    assert_eq!(ok.month, Month::new(2026, 11));
    assert_eq!(ok.csv.as_deref(), Some(Path::new("p.zip")));
    assert!(!ok.demo);
    for bad in [
        "2026-13",
        "2026-1",
        "26-11",
        "2026/11",
        "2026-11-01",
        "november",
    ] {
        let e = cli::parse(&args(&["--month", bad, "--out", "p.pdf"])).unwrap_err();
        assert!(e.contains("YYYY-MM"), "{bad}: {e}");
    }
    assert!(cli::parse(&args(&["--month", "2026-11"]))
        .unwrap_err()
        .contains("--out"));
    assert!(cli::parse(&args(&["--out", "p.pdf"]))
        .unwrap_err()
        .contains("--month"));
}

/// The command with `--demo` writes the PDF and the ZIP of CSV files, one per table, with
/// the same figures.
#[tokio::test]
async fn the_command_writes_the_pdf_and_the_csv_zip() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, zip) = (dir.path().join("pack.pdf"), dir.path().join("pack.zip"));
    let month = previous(Month::of(chrono::Utc::now()));
    let args: Vec<String> = [
        "--month",
        &pack::month_label(month),
        "--out",
        pdf.to_str().unwrap(),
        "--csv",
        zip.to_str().unwrap(),
        "--demo",
    ]
    .map(String::from)
    .to_vec();
    let code = cli::run(
        &args,
        dir.path().join("unused"),
        std::sync::Arc::new(crate::tokens::MemoryStore::default()),
    )
    .await;
    assert_eq!(code, 0);
    let text = pdf_text(dir.path(), &std::fs::read(&pdf).unwrap());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "access-counts.csv",
            "access.csv",
            "backup-alerts.csv",
            "backup-drills.csv",
            "backup-nights.csv",
            "backup-summary.csv",
            "evidence.csv",
            "maintenance-summary.csv",
            "maintenance.csv",
            "restore-requests.csv",
            "uptime-daily.csv",
            "uptime-outages.csv",
            "uptime-sla.csv",
        ]
    );
    let mut summary = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("backup-summary.csv").unwrap(),
        &mut summary,
    )
    .unwrap();
    let backed_up = summary.lines().nth(1).unwrap().split(',').next().unwrap();
    assert_eq!(figure(&text, "Nights backed up"), backed_up);
    let mut sla = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("uptime-sla.csv").unwrap(), &mut sla)
        .unwrap();
    let up_s = sla.lines().nth(1).unwrap().split(',').nth(5).unwrap();
    assert_eq!(figure(&text, "Up"), up_s);
}

/// Records the pack's progress, as the web view's progress bar hears it.
#[derive(Default)]
struct Progress(std::sync::Mutex<Vec<pack::save::PackProgress>>);

impl crate::console::Notifier for Progress {
    fn session_ended(&self, _: crate::views::SessionEnded) {}
    fn connection_changed(&self, _: crate::views::Connection) {}
    fn pack_progress(&self, progress: pack::save::PackProgress) {
        self.0.lock().unwrap().push(progress);
    }
}

/// One click: the save dialog's path gets the PDF (or the ZIP), the progress runs to done,
/// and a cancelled dialog writes nothing.
/// Answers with one path and keeps the file names it was asked to suggest.
struct NamesAsked(std::path::PathBuf, std::sync::Mutex<Vec<String>>);

impl crate::dialog::SaveDialog for NamesAsked {
    fn ask(&self, what: crate::dialog::SaveAs) -> crate::dialog::Chosen<'_> {
        self.1.lock().unwrap().push(what.file_name);
        let path = self.0.clone();
        Box::pin(async move { Some(path) })
    }
}

#[tokio::test]
async fn the_window_saves_the_pack_where_the_dialog_says_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("chosen.pdf");
    let progress = std::sync::Arc::new(Progress::default());
    let console = TestConsole::new()
        .notifier(progress.clone())
        .open(dir.path())
        .await
        .with_dialog(std::sync::Arc::new(crate::dialog::FixedPath(
            target.clone(),
        )));
    console.open_demo().await.unwrap();
    let month = pack::month_label(previous(Month::of(console.now())));
    let saved = pack::save::uptime_save_compliance_pack(
        &console,
        month.clone(),
        pack::save::PackFormat::Pdf,
    )
    .await
    .unwrap();
    assert_eq!(saved.as_deref(), Some(target.to_str().unwrap()));
    let text = pdf_text(dir.path(), &std::fs::read(&target).unwrap());
    assert!(text.contains("Monthly compliance pack"), "{text}");
    let steps: Vec<(u32, bool)> = progress
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|p| (p.step, p.done))
        .collect();
    assert_eq!(steps, [(0, false), (1, false), (2, false), (3, true)]);

    let zip_target = dir.path().join("chosen.zip");
    let dialog = std::sync::Arc::new(NamesAsked(zip_target.clone(), Default::default()));
    let console = console.with_dialog(dialog.clone());
    pack::save::uptime_save_compliance_pack(
        &console,
        month.clone(),
        pack::save::PackFormat::CsvZip,
    )
    .await
    .unwrap();
    assert!(zip::ZipArchive::new(std::fs::File::open(&zip_target).unwrap()).is_ok());
    pack::save::uptime_save_compliance_pack(&console, month.clone(), pack::save::PackFormat::Pdf)
        .await
        .unwrap();
    // The suggested name says which month, so a folder of packs reads at a glance.
    assert_eq!(
        *dialog.1.lock().unwrap(),
        [
            format!("compliance-pack-{month}.zip"),
            format!("compliance-pack-{month}.pdf")
        ]
    );
    // A month that is no month is refused before the dialog asks where.
    let bad = pack::save::uptime_save_compliance_pack(
        &console,
        "2026-13".into(),
        pack::save::PackFormat::Pdf,
    )
    .await;
    assert!(
        matches!(bad, Err(crate::error::CommandError::InvalidInput { .. })),
        "{bad:?}"
    );
    assert_eq!(
        dialog.1.lock().unwrap().len(),
        2,
        "no dialog for a bad month"
    );

    let console = console.with_dialog(std::sync::Arc::new(crate::dialog::NoDialog));
    let cancelled =
        pack::save::uptime_save_compliance_pack(&console, month, pack::save::PackFormat::Pdf)
            .await
            .unwrap();
    assert_eq!(cancelled, None);

    let bad = pack::save::save_pack(&console, &target, "2026-1", pack::save::PackFormat::Pdf).await;
    assert!(
        matches!(bad, Err(crate::error::CommandError::InvalidInput { .. })),
        "{bad:?}"
    );
}

/// Offline, the pack is made from the copy kept when the month was last fetched and says
/// so; a month never fetched says its sections are not available instead of printing zeros.
#[tokio::test]
async fn offline_the_pack_comes_from_the_kept_copy_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let service = crate::test_support::DemoService::new()
        .start(dir.path())
        .await;
    let console = TestConsole::new()
        .signed_in(
            &dir.path().join("console"),
            &service.base_url(),
            admin_service::demo::MANAGER,
        )
        .await;
    let month = Month::of(console.now());
    let online = pack::gather_and_build(&console, month).await.unwrap();
    assert_eq!(online.from_cache_as_of, None);
    assert!(
        online.maintenance.ready().is_some(),
        "{:?}",
        online.maintenance
    );

    service.stop().await.unwrap();
    let offline = pack::gather_and_build(&console, month).await.unwrap();
    assert!(offline.from_cache_as_of.is_some());
    assert_eq!(offline.uptime, online.uptime);
    assert_eq!(offline.maintenance, online.maintenance);
    assert_eq!(offline.backups, online.backups);
    let text = pdf_text(dir.path(), &pack::pdf::render(&offline).0);
    assert!(
        text.contains("Offline: the service's answers are the copy kept in the cache"),
        "{text}"
    );

    let never = pack::gather_and_build(&console, previous(previous(month)))
        .await
        .unwrap();
    let Section::Unavailable { why } = &never.maintenance else {
        panic!("{:?}", never.maintenance);
    };
    assert!(why.contains("offline, and no copy of"), "{why}");
    let text = pdf_text(dir.path(), &pack::pdf::render(&never).0);
    assert!(
        text.contains("Not available: offline, and no copy of"),
        "{text}"
    );
    assert!(!text.contains("Hours used"), "{text}");
}

/// Clause FZ-AUDIT: a copy last synced before the month ended cannot list the month's
/// access changes, and a copy whose chain breaks leaves the month unproven.
#[test]
fn fz_audit_an_old_or_broken_audit_copy_is_said_not_counted() {
    let month = Month::new(2026, 10);
    let answers = pack::Answers {
        account: Some("Demo Oy".into()),
        monitors: Vec::new(),
        windows: Ok(Vec::new()),
        backups: Err("the service did not give it: forbidden".into()),
    };
    let copy = |synced_at, broken_seq| pack::AuditCopy {
        access_events: Vec::new(),
        head: None,
        broken_seq,
        verified_events: 10,
        synced_at,
    };
    let now = Month::new(2026, 12).starts_at();
    let stale = pack::build(
        Ok(answers.clone()),
        Ok(copy(
            Some(month.ends_at() - chrono::Duration::hours(1)),
            None,
        )),
        month,
        now,
    );
    let Section::Unavailable { why } = &stale.access else {
        panic!("{:?}", stale.access);
    };
    assert!(why.contains("does not reach the month's end"), "{why}");
    assert_eq!(stale.unproven(), None);
    assert_eq!(
        stale.backups,
        Section::unavailable("the service did not give it: forbidden")
    );

    let broken = pack::build(Ok(answers), Ok(copy(Some(now), Some(7))), month, now);
    assert!(broken.access.ready().is_some());
    assert!(broken.unproven().unwrap().contains("event 7"));
    let text = String::from_utf8_lossy(&pack::pdf::render(&broken).0).into_owned();
    assert!(text.starts_with("%PDF-"));
}
