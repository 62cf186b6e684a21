//! Maintenance windows as stored, the rules checked against the stored month, and the
//! clock-driven status changes with their notifications to account managers.

use crate::db;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::notifications::{self, Kind};
use crate::AppState;
use admin_api::{MaintenanceStatus, MaintenanceWindow, Role, Violation};
use admin_policy::maintenance::{self as rules, BusinessHours, HELSINKI};
use chrono::{DateTime, Utc};
use std::time::Duration as StdDuration;
use tokio::task::JoinHandle;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub impact: String,
    pub affected_components: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: String,
    pub announced_at: Option<DateTime<Utc>>,
    pub series_id: Option<i64>,
    pub recurrence: Option<String>,
    /// The "starts within the hour" notice went out.
    pub starting_notice_sent: bool,
}

impl Row {
    pub fn status(&self) -> MaintenanceStatus {
        MaintenanceStatus::parse(&self.status).unwrap_or(MaintenanceStatus::Scheduled)
    }

    pub fn rule_window(&self) -> rules::Window {
        rules::Window {
            id: Some(self.id),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            announced_at: self.announced_at,
            cancelled: self.status() == MaintenanceStatus::Cancelled,
        }
    }

    pub fn to_api(&self) -> MaintenanceWindow {
        MaintenanceWindow {
            id: self.id,
            title: self.title.clone(),
            description: self.description.clone(),
            impact: self.impact.clone(),
            affected_components: serde_json::from_str(&self.affected_components)
                .unwrap_or_default(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            status: self.status(),
            announced_at: self.announced_at,
            routine: rules::is_routine(&self.rule_window(), BusinessHours::default()),
            series_id: self.series_id,
            recurrence: self.recurrence.clone(),
        }
    }
}

const COLUMNS: &str = "id, title, description, impact, affected_components, starts_at, ends_at, \
                       status, announced_at, series_id, recurrence, starting_notice_sent";

pub async fn all(db: impl crate::db::Executor<'_>) -> ApiResult<Vec<Row>> {
    let sql = format!("SELECT {COLUMNS} FROM maintenance_windows ORDER BY starts_at, id");
    Ok(db::query_as(&sql).fetch_all(db).await?)
}

pub async fn by_id(db: impl crate::db::Executor<'_>, id: i64) -> ApiResult<Row> {
    let sql = format!("SELECT {COLUMNS} FROM maintenance_windows WHERE id = ?");
    db::query_as(&sql)
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no maintenance window {id}")))
}

/// Every rule the windows would break next to the stored ones, as a 422, or nothing.
/// Candidates are checked one after another, so a series also counts against itself.
pub fn check(candidates: &[rules::Window], stored: &[Row]) -> ApiResult<()> {
    let mut others: Vec<rules::Window> = stored.iter().map(Row::rule_window).collect();
    let mut violations: Vec<Violation> = Vec::new();
    for candidate in candidates {
        for breach in rules::check_window(candidate, &others, BusinessHours::default()) {
            let v = Violation::from(&breach);
            if !violations.contains(&v) {
                violations.push(v);
            }
        }
        others.push(*candidate);
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ApiError::PolicyViolation(violations))
    }
}

/// "Tue 9 Mar 2027 21:00-23:00 Helsinki time".
pub fn describe_times(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let (s, e) = (
        starts_at.with_timezone(&HELSINKI),
        ends_at.with_timezone(&HELSINKI),
    );
    let end = if s.date_naive() == e.date_naive() {
        e.format("%H:%M").to_string()
    } else {
        e.format("%a %-d %b %Y %H:%M").to_string()
    };
    format!("{}-{} Helsinki time", s.format("%a %-d %b %Y %H:%M"), end)
}

/// Account managers hear of every announcement, start, end and cancellation.
pub async fn notify_managers(
    db: &Db,
    at: DateTime<Utc>,
    kind: Kind,
    message: &str,
) -> ApiResult<()> {
    let managers: Vec<i64> = db::query_scalar(
        "SELECT DISTINCT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id \
         WHERE r.role = ? AND u.blocked = FALSE ORDER BY u.id",
    )
    .bind(Role::AccountManager.as_str())
    .fetch_all(db)
    .await?;
    for id in managers {
        notifications::notify(db, id, at, kind, message).await?;
    }
    Ok(())
}

/// Moves windows whose time has come: scheduled -> in progress -> completed. Safe to run
/// from several places at once: each move happens only if the row is still where it was,
/// so each notification goes out once. Returns how many moves it made.
pub async fn tick(state: &AppState) -> ApiResult<usize> {
    let now = state.clock.now();
    let sql = format!(
        "SELECT {COLUMNS} FROM maintenance_windows WHERE status IN ('scheduled', 'in_progress')"
    );
    let open: Vec<Row> = db::query_as(&sql).fetch_all(&state.db).await?;
    let mut moves = 0;
    for row in open {
        let mut status = row.status();
        // Read first, so a tick (reads of the maintenance routes tick too) writes nothing
        // for a notice already sent; the claim still decides between ticks running at once.
        if status == MaintenanceStatus::Scheduled
            && !row.starting_notice_sent
            && row.starts_at > now
            && row.starts_at - now <= STARTING_NOTICE
            && claim_starting_notice(&state.db, row.id).await?
        {
            let msg = format!(
                "Maintenance starts within the hour: {} ({})",
                row.title,
                describe_times(row.starts_at, row.ends_at)
            );
            notify_managers(&state.db, now, Kind::MaintenanceStarting, &msg).await?;
        }
        if status == MaintenanceStatus::Scheduled && row.starts_at <= now {
            if advance(&state.db, row.id, status, MaintenanceStatus::InProgress).await? {
                moves += 1;
                let msg = format!(
                    "Maintenance started: {} ({})",
                    row.title,
                    describe_times(row.starts_at, row.ends_at)
                );
                notify_managers(&state.db, now, Kind::MaintenanceStarted, &msg).await?;
            }
            status = MaintenanceStatus::InProgress;
        }
        if status == MaintenanceStatus::InProgress
            && row.ends_at <= now
            && advance(&state.db, row.id, status, MaintenanceStatus::Completed).await?
        {
            moves += 1;
            let msg = format!("Maintenance completed: {}", row.title);
            notify_managers(&state.db, now, Kind::MaintenanceCompleted, &msg).await?;
        }
    }
    Ok(moves)
}

/// How long before a window's start its managers are told it is about to begin: the console
/// shows this as a critical desktop notification (issue 19).
const STARTING_NOTICE: chrono::Duration = chrono::Duration::hours(1);

/// Marks the window's "starts within the hour" notice as sent; false when it already was, so
/// ticks running at once send it once.
async fn claim_starting_notice(db: &Db, id: i64) -> ApiResult<bool> {
    let done = db::query(
        "UPDATE maintenance_windows SET starting_notice_sent = TRUE \
         WHERE id = ? AND starting_notice_sent = FALSE",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

async fn advance(
    db: &Db,
    id: i64,
    from: MaintenanceStatus,
    to: MaintenanceStatus,
) -> ApiResult<bool> {
    let done = db::query("UPDATE maintenance_windows SET status = ? WHERE id = ? AND status = ?")
        .bind(to.as_str())
        .bind(id)
        .bind(from.as_str())
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Runs `tick` every `every` until the returned task is aborted; reads also tick, so this
/// is what makes the start and end notifications go out when nobody is looking.
pub fn spawn_ticker(state: AppState, every: StdDuration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(every);
        loop {
            interval.tick().await;
            let round =
                crate::jobs::run_alone(&state.db, crate::jobs::Job::Maintenance, tick(&state));
            if let Err(e) = round.await {
                tracing::warn!(error = %e, "maintenance tick failed");
            }
        }
    })
}
