//! A monitor's SLA month as the service reports it (4S-SLA). A closed month's report is
//! kept once computed: its inputs (calendar version, announced maintenance, the monitor's
//! evidence rule) are part of its key, and samples arriving late for it drop it, so the
//! kept copy is always the one the samples would give again.

use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::{maintenance, monitoring, AppState};
use admin_api::{Monitor, SlaMonth, SlaStatus};
use admin_policy::business::BusinessCalendar;
use admin_policy::calendar::scheduled_maintenance;
use admin_policy::sla::{self, TARGET_RATIO};
use chrono::{DateTime, Datelike, Duration, Utc};
use sha2::{Digest, Sha256};

/// The month's report of a monitor in `calendar`, from the kept copy when the month is
/// closed and one was made with the same inputs.
pub async fn month(
    state: &AppState,
    monitor: &Monitor,
    calendar: &BusinessCalendar,
    year: i32,
    month: u32,
) -> ApiResult<SlaMonth> {
    let out_of_range = || ApiError::invalid("month", "month out of range");
    let bounds = calendar.month(year, month).ok_or_else(out_of_range)?;
    let evidence = monitoring::evidence(&state.db, monitor).await?;
    let windows: Vec<_> = maintenance::all(&state.db)
        .await?
        .iter()
        .map(|w| w.rule_window())
        .collect();
    // Only windows announced as the rules require leave measured time (4S-SLA, 4S-MAINT-*).
    let cut = scheduled_maintenance(&windows, calendar, year, month);
    let now = state.clock.now();
    let label = format!("{year:04}-{month:02}");
    let closed = now >= bounds.end;
    let inputs = hex::encode(Sha256::digest(
        format!("{calendar:?}|{cut:?}|{evidence:?}").as_bytes(),
    ));
    if closed {
        let kept: Option<String> = db::query_scalar(
            "SELECT report FROM sla_month_reports WHERE monitor_id = ? AND month = ? AND inputs = ?",
        )
        .bind(monitor.id)
        .bind(&label)
        .bind(&inputs)
        .fetch_optional(&state.db)
        .await?;
        if let Some(report) = kept.and_then(|json| serde_json::from_str(&json).ok()) {
            return Ok(report);
        }
    }
    let samples = monitoring::samples(&state.db, monitor.id, bounds.start, bounds.end).await?;
    let report = sla::month_report(calendar, year, month, &samples, evidence, &cut, now)
        .ok_or_else(out_of_range)?;
    let figures = to_wire(&report, calendar, label);
    if closed {
        let json = serde_json::to_string(&figures)
            .map_err(|e| ApiError::Internal(format!("SLA report not serializable: {e}")))?;
        db::query(
            "INSERT INTO sla_month_reports (monitor_id, month, inputs, report) VALUES (?, ?, ?, ?) \
             ON CONFLICT (monitor_id, month, inputs) DO UPDATE SET report = excluded.report",
        )
        .bind(monitor.id)
        .bind(&figures.month)
        .bind(&inputs)
        .bind(json)
        .execute(&state.db)
        .await?;
    }
    Ok(figures)
}

/// Drops the kept reports a sample at `earliest` or later could change: the months from
/// the one it falls in (in any time zone) on.
pub async fn forget_from<'e, E>(db: E, monitor_id: i64, earliest: DateTime<Utc>) -> ApiResult<()>
where
    E: crate::db::Executor<'e>,
{
    let first = earliest - Duration::days(1);
    db::query("DELETE FROM sla_month_reports WHERE monitor_id = ? AND month >= ?")
        .bind(monitor_id)
        .bind(format!("{:04}-{:02}", first.year(), first.month()))
        .execute(db)
        .await?;
    Ok(())
}

fn to_wire(report: &sla::SlaReport, calendar: &BusinessCalendar, month: String) -> SlaMonth {
    let status = match report.status {
        sla::SlaStatus::Compliant => SlaStatus::Compliant,
        sla::SlaStatus::Breached => SlaStatus::Breached,
        sla::SlaStatus::Unverified => SlaStatus::Unverified,
        sla::SlaStatus::OnTrack => SlaStatus::OnTrack,
        sla::SlaStatus::AtRisk => SlaStatus::AtRisk,
    };
    SlaMonth {
        month,
        time_zone: calendar.tz.name().to_string(),
        business_s: report.business_s,
        maintenance_s: report.maintenance_s,
        measured_s: report.measured_s,
        remaining_s: report.remaining_s,
        up_s: report.up_s,
        down_s: report.down_s,
        unmonitored_s: report.unmonitored_s,
        uptime_ratio: report.uptime_ratio,
        uptime_ratio_best: report.uptime_ratio_best,
        allowed_downtime_s: report.allowed_downtime_s,
        status: Some(status),
        compliant: match status {
            SlaStatus::Compliant => Some(true),
            SlaStatus::Breached => Some(false),
            _ => None,
        },
        target_ratio: TARGET_RATIO,
        business_days: (1..=7u8)
            .filter(|n| calendar.days[usize::from(n - 1)])
            .collect(),
        business_opens: calendar.opens.format("%H:%M").to_string(),
        business_closes: calendar.closes.format("%H:%M").to_string(),
    }
}
