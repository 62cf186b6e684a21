//! Data residency (4S-SUBPROC): every outbound path names its sub-processor and region in
//! the configuration, and an account that keeps its data in Europe sends nothing down a
//! path whose sub-processor is outside Europe, or whose sub-processor is not named.

use crate::db;
use crate::error::ApiResult;
use crate::AppState;
use admin_api::{DataRegion, OutboundPath, PathOff, Residency, Subprocessor, HELD_DATA_RESIDENCY};
use chrono::{DateTime, Utc};

/// The sub-processors of a service with the defaults: mail through a relay in the EU and
/// probes from the service's own region. No SMS gateway, no off-site copy.
pub fn default_register() -> Vec<Subprocessor> {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    vec![
        Subprocessor {
            path: OutboundPath::Mail,
            name: "Mail relay".into(),
            purpose: "Delivers e-mail notices (contact changes)".into(),
            data_categories: strings(&["e-mail address", "name", "notice text"]),
            region: DataRegion::Eea,
            location: "Ireland".into(),
        },
        Subprocessor {
            path: OutboundPath::Probes,
            name: "Uptime probes".into(),
            purpose: "Checks that monitored addresses answer".into(),
            data_categories: strings(&["monitored URLs"]),
            region: DataRegion::Eea,
            location: "Ireland".into(),
        },
    ]
}

/// The sub-processor behind a path, if the configuration names one.
pub fn processor(state: &AppState, path: OutboundPath) -> Option<&Subprocessor> {
    state.config.subprocessors.iter().find(|p| p.path == path)
}

/// Whether data may leave for this path when the account keeps its data in Europe: only
/// to a named sub-processor in the EU/EEA.
pub fn stays_in_europe(state: &AppState, path: OutboundPath) -> bool {
    processor(state, path).is_some_and(|p| p.region == DataRegion::Eea)
}

#[derive(sqlx::FromRow)]
struct Row {
    keep_in_europe: bool,
    changed_at: DateTime<Utc>,
    changed_by: String,
}

async fn row(db: impl crate::db::Executor<'_>, account_id: i64) -> ApiResult<Option<Row>> {
    Ok(db::query_as(
        "SELECT keep_in_europe, changed_at, changed_by FROM account_residency WHERE account_id = ?",
    )
    .bind(account_id)
    .fetch_optional(db)
    .await?)
}

/// The account's setting and the paths it turns off, each with its reason.
pub async fn of_account(state: &AppState, account_id: i64) -> ApiResult<Residency> {
    let row = row(&state.db, account_id).await?;
    let on = row.as_ref().is_some_and(|r| r.keep_in_europe);
    let paths_off = if on { paths_off(state) } else { Vec::new() };
    Ok(Residency {
        keep_data_in_europe: on,
        changed_at: row.as_ref().map(|r| r.changed_at),
        changed_by: row.map(|r| r.changed_by),
        paths_off,
    })
}

/// The outbound paths in use that an account keeping its data in Europe does without.
fn paths_off(state: &AppState) -> Vec<PathOff> {
    let mut off = Vec::new();
    if state.config.smtp_relay.is_some() && !stays_in_europe(state, OutboundPath::Mail) {
        let name = processor(state, OutboundPath::Mail).map_or("the mail relay", |p| &p.name);
        off.push(PathOff {
            path: OutboundPath::Mail,
            name: name.to_string(),
            reason: format!(
                "E-mail notices are held, not sent: {name} is outside Europe and this account keeps its data in Europe."
            ),
        });
    }
    off
}

/// Stores the account's choice, who made it and when.
pub async fn set(
    db: impl crate::db::Executor<'_>,
    account_id: i64,
    keep_in_europe: bool,
    at: DateTime<Utc>,
    by: &str,
) -> ApiResult<()> {
    db::query(
        "INSERT INTO account_residency (account_id, keep_in_europe, changed_at, changed_by) VALUES (?, ?, ?, ?) \
         ON CONFLICT (account_id) DO UPDATE SET keep_in_europe = excluded.keep_in_europe, \
         changed_at = excluded.changed_at, changed_by = excluded.changed_by",
    )
    .bind(account_id)
    .bind(keep_in_europe)
    .bind(at)
    .bind(by)
    .execute(db)
    .await?;
    Ok(())
}

/// Why a message to this user must not take this path, if it must not.
pub async fn hold_reason(
    state: &AppState,
    user_id: i64,
    path: OutboundPath,
) -> ApiResult<Option<&'static str>> {
    if stays_in_europe(state, path) {
        return Ok(None);
    }
    let keeps: Option<bool> = db::query_scalar(
        "SELECT r.keep_in_europe FROM users u JOIN account_residency r ON r.account_id = u.account_id \
         WHERE u.id = ?",
    )
    .bind(user_id)
    .fetch_optional(&state.db)
    .await?;
    Ok(keeps.unwrap_or(false).then_some(HELD_DATA_RESIDENCY))
}
