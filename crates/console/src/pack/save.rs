//! The pack from the window: one click asks the native save dialog where, then gathers,
//! builds and writes the month's PDF or ZIP, telling the web view each step for its
//! progress bar (`pack-progress`).

use super::{gather_and_build, month_label, parse_month, pdf};
use crate::busy::Activity;
use crate::dialog::SaveAs;
use crate::error::CommandError;
use crate::host::Host;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackFormat {
    Pdf,
    /// The ZIP of CSV files, one per table.
    CsvZip,
}

/// A pack being made: `step` of `steps` done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackProgress {
    pub step: u32,
    pub steps: u32,
    pub done: bool,
}

const STEPS: u32 = 3;

/// Writes the month's pack in `format` to `path`, whole or not at all.
pub async fn save_pack(
    host: &impl Host,
    path: &Path,
    month: &str,
    format: PackFormat,
) -> Result<(), CommandError> {
    let month = parse_month(month).map_err(|e| CommandError::invalid("month", e))?;
    let _no_update_meanwhile = host.busy().try_hold(Activity::Export)?;
    let notifier = host.notifier();
    let tell = |step: u32| {
        notifier.pack_progress(PackProgress {
            step,
            steps: STEPS,
            done: step == STEPS,
        })
    };
    tell(0);
    let result = async {
        let pack = gather_and_build(host, month).await?;
        tell(1);
        let written = match format {
            PackFormat::Pdf => {
                let (bytes, _) = pdf::render(&pack);
                tell(2);
                super::cli::save(path, |w| std::io::Write::write_all(w, &bytes))
            }
            PackFormat::CsvZip => {
                tell(2);
                super::cli::save(path, |w| {
                    super::csv::write_zip(&pack, w)
                        .map(drop)
                        .map_err(std::io::Error::other)
                })
            }
        };
        written.map_err(|why| {
            CommandError::internal(format!(
                "the compliance pack for {} was not saved: {why}",
                month_label(month)
            ))
        })
    }
    .await;
    tell(STEPS);
    result
}

crate::commands! {
    host;
    panel: "uptime";
    /// Asks where to save the month's (`YYYY-MM`) compliance pack and writes it; `None`
    /// when the manager cancelled the dialog.
    pub async fn uptime_save_compliance_pack(host, month: String, format: PackFormat) -> Option<String> {
        // A month the pack cannot be made for is refused before the dialog asks where.
        let label = month_label(parse_month(&month).map_err(|e| CommandError::invalid("month", e))?);
        let what = match format {
            PackFormat::Pdf => SaveAs {
                file_name: format!("compliance-pack-{label}.pdf"),
                filter_name: "PDF",
                extensions: &["pdf"],
            },
            PackFormat::CsvZip => SaveAs {
                file_name: format!("compliance-pack-{label}.zip"),
                filter_name: "ZIP of CSV files",
                extensions: &["zip"],
            },
        };
        let Some(path) = host.ask_save(what).await else {
            return Ok(None);
        };
        save_pack(host, &path, &month, format).await?;
        Ok(Some(path.display().to_string()))
    }
}
