//! The pack as a ZIP of CSV files, one per table of the PDF, with the same figures. A
//! section the console could not get is a file with one `not available` row and why, so
//! a spreadsheet never reads an empty table as "nothing happened".

use super::{local, month_label, AccessKind, CompliancePack, Night, Section};
use admin_cache::audit::csv_field;
use std::io::{Seek, Write};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

struct Table {
    name: &'static str,
    text: String,
}

impl Table {
    fn new(name: &'static str, header: &[&str]) -> Self {
        let mut table = Table {
            name,
            text: String::new(),
        };
        table.row(header.iter().map(|h| h.to_string()));
        table
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            csv_field(&mut self.text, &cell);
        }
        self.text.push_str("\r\n");
    }

    fn unavailable(name: &'static str, why: &str) -> Self {
        let mut table = Table::new(name, &["not_available"]);
        table.row([why.to_string()]);
        table
    }
}

fn opt(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn tables(pack: &CompliancePack) -> Vec<Table> {
    let mut out = Vec::new();
    let mut sla = Table::new(
        "uptime-sla.csv",
        &[
            "monitor",
            "month",
            "business_s",
            "maintenance_s",
            "measured_s",
            "up_s",
            "down_s",
            "no_data_s",
            "proven_ratio",
            "best_case_ratio",
            "target_ratio",
            "status",
        ],
    );
    let mut outages = Table::new(
        "uptime-outages.csv",
        &[
            "monitor",
            "start",
            "end",
            "duration_s",
            "time_to_fix_business_s",
            "note",
        ],
    );
    let mut daily = Table::new(
        "uptime-daily.csv",
        &[
            "monitor",
            "date",
            "state",
            "up_s",
            "down_s",
            "no_data_s",
            "maintenance_s",
        ],
    );
    match &pack.uptime {
        Section::Unavailable { why } => {
            out.push(Table::unavailable(sla.name, why));
            out.push(Table::unavailable(outages.name, why));
            out.push(Table::unavailable(daily.name, why));
        }
        Section::Ready(monitors) => {
            for m in monitors {
                match &m.sla {
                    Section::Ready(s) => sla.row([
                        m.name.clone(),
                        s.month.clone(),
                        s.business_s.to_string(),
                        s.maintenance_s.to_string(),
                        s.measured_s.to_string(),
                        s.up_s.to_string(),
                        s.down_s.to_string(),
                        s.unmonitored_s.to_string(),
                        opt(s.uptime_ratio),
                        opt(s.uptime_ratio_best),
                        s.target_ratio.to_string(),
                        super::pdf::sla_status(s.status).into(),
                    ]),
                    Section::Unavailable { why } => sla.row([
                        m.name.clone(),
                        month_label(pack.month),
                        format!("not available: {why}"),
                    ]),
                }
                match &m.incidents {
                    Section::Ready(list) => {
                        for i in list {
                            outages.row([
                                m.name.clone(),
                                i.started_at.to_rfc3339(),
                                opt(i.ended_at.map(|t| t.to_rfc3339())),
                                opt(i.duration_s),
                                opt(i.time_to_fix_business_s),
                                i.note.clone().unwrap_or_default(),
                            ])
                        }
                    }
                    Section::Unavailable { why } => {
                        outages.row([m.name.clone(), format!("not available: {why}")])
                    }
                }
                match &m.daily {
                    Section::Ready(bars) => {
                        for b in bars {
                            daily.row([
                                m.name.clone(),
                                b.date.to_string(),
                                serde_json::to_value(b.state)
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_string))
                                    .unwrap_or_default(),
                                b.up_s.to_string(),
                                b.down_s.to_string(),
                                b.unmonitored_s.to_string(),
                                b.maintenance_s.to_string(),
                            ])
                        }
                    }
                    Section::Unavailable { why } => {
                        daily.row([m.name.clone(), format!("not available: {why}")])
                    }
                }
            }
            out.extend([sla, outages, daily]);
        }
    }

    let name = "maintenance.csv";
    out.push(match &pack.maintenance {
        Section::Unavailable { why } => Table::unavailable(name, why),
        Section::Ready(m) => {
            let mut t = Table::new(
                name,
                &[
                    "title",
                    "announced",
                    "start",
                    "end",
                    "in_business_hours",
                    "status",
                ],
            );
            for w in &m.windows {
                t.row([
                    w.title.clone(),
                    opt(w.announced_at.map(|t| t.to_rfc3339())),
                    w.starts_at.to_rfc3339(),
                    w.ends_at.to_rfc3339(),
                    (!w.routine).to_string(),
                    w.status.as_str().into(),
                ]);
            }
            t
        }
    });
    let name = "maintenance-summary.csv";
    out.push(match &pack.maintenance {
        Section::Unavailable { why } => Table::unavailable(name, why),
        Section::Ready(m) => {
            let mut t = Table::new(
                name,
                &[
                    "used_minutes",
                    "cap_minutes",
                    "violation_clause",
                    "violation",
                ],
            );
            t.row([m.used_minutes.to_string(), m.cap_minutes.to_string()]);
            for v in &m.violations {
                t.row([
                    String::new(),
                    String::new(),
                    v.clause.clone(),
                    v.message.clone(),
                ]);
            }
            t
        }
    });

    match &pack.backups {
        Section::Unavailable { why } => {
            for name in [
                "backup-nights.csv",
                "backup-drills.csv",
                "backup-alerts.csv",
                "restore-requests.csv",
            ] {
                out.push(Table::unavailable(name, why));
            }
        }
        Section::Ready(b) => {
            let mut nights = Table::new("backup-nights.csv", &["night", "state"]);
            for (date, night) in &b.nights {
                nights.row([date.to_string(), night.as_str().into()]);
            }
            let mut drills = Table::new(
                "backup-drills.csv",
                &["started", "backup_id", "passed", "reason", "duration_ms"],
            );
            for d in &b.drills {
                drills.row([
                    d.started_at.to_rfc3339(),
                    d.backup_id.to_string(),
                    d.passed.to_string(),
                    d.reason.clone().unwrap_or_default(),
                    d.duration_ms.to_string(),
                ]);
            }
            let mut alerts = Table::new("backup-alerts.csv", &["raised", "message"]);
            for a in &b.open_alerts {
                alerts.row([a.at.to_rfc3339(), a.message.clone()]);
            }
            let mut restores = Table::new(
                "restore-requests.csv",
                &["id", "scope", "status", "estimate_hours", "steps"],
            );
            for r in &b.restores {
                restores.row([
                    r.id.to_string(),
                    format!("{:?}", r.scope).to_lowercase(),
                    r.status.as_str().into(),
                    opt(r.estimate_hours),
                    r.steps
                        .iter()
                        .map(|s| format!("{} {} by {}", s.status.as_str(), s.at.to_rfc3339(), s.by))
                        .collect::<Vec<_>>()
                        .join("; "),
                ]);
            }
            let mut summary = Table::new(
                "backup-summary.csv",
                &["backed_up", "failed", "missed", "no_record", "not_yet"],
            );
            summary.row(
                [
                    Night::BackedUp,
                    Night::Failed,
                    Night::Missed,
                    Night::NoRecord,
                    Night::Pending,
                ]
                .map(|n| b.count(n).to_string()),
            );
            out.extend([summary, nights, drills, alerts, restores]);
        }
    }

    let name = "access.csv";
    out.push(match &pack.access {
        Section::Unavailable { why } => Table::unavailable(name, why),
        Section::Ready(a) => {
            let mut t = Table::new(name, &["at", "what", "who", "whom"]);
            for r in &a.rows {
                t.row([
                    r.at.to_rfc3339(),
                    r.kind.label().into(),
                    r.who.clone(),
                    r.whom.clone(),
                ]);
            }
            t
        }
    });
    let name = "access-counts.csv";
    out.push(match &pack.access {
        Section::Unavailable { why } => Table::unavailable(name, why),
        Section::Ready(a) => {
            let mut t = Table::new(name, &["what", "count"]);
            for kind in AccessKind::ALL {
                t.row([kind.label().into(), a.count(kind).to_string()]);
            }
            t
        }
    });

    let e = &pack.evidence;
    let mut evidence = Table::new("evidence.csv", &["fact", "value"]);
    evidence.row(["account".into(), pack.account.clone()]);
    evidence.row(["month".into(), month_label(pack.month)]);
    evidence.row(["generated_at".into(), pack.generated_at.to_rfc3339()]);
    match &e.chain_head {
        Section::Ready((seq, hash)) => {
            evidence.row(["chain_head_seq".into(), seq.to_string()]);
            evidence.row(["chain_head_hash".into(), hash.clone()]);
        }
        Section::Unavailable { why } => {
            evidence.row(["chain_head".into(), format!("not available: {why}")])
        }
    }
    evidence.row([
        "chain_verified".into(),
        match &e.chain_verified {
            Section::Ready(Ok(n)) => format!("yes, {n} events"),
            Section::Ready(Err(seq)) => format!("no, event {seq} does not fit"),
            Section::Unavailable { why } => format!("not available: {why}"),
        },
    ]);
    evidence.row(["cache_synced_at".into(), opt(e.synced_at.map(local))]);
    evidence.row(["console_version".into(), e.console_version.into()]);
    out.push(evidence);
    out
}

/// Writes the ZIP of CSV files to `out`.
pub fn write_zip<W: Write + Seek>(pack: &CompliancePack, out: W) -> zip::result::ZipResult<W> {
    let mut zip = ZipWriter::new(out);
    let options = SimpleFileOptions::default();
    for table in tables(pack) {
        zip.start_file(table.name, options)?;
        zip.write_all(table.text.as_bytes())?;
    }
    zip.finish()
}
