//! The audit feed (FZ-AUDIT, UQ-SCOPE) and the console's own audit events sent back to it.

use crate::audit::{self, Filter, Visibility};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::users;
use crate::AppState;
use admin_api::audit::ConsoleAuditBatch;
use admin_api::{AuditOutcome, AuditPage, Problem, Role};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FeedQuery {
    /// Return events with a sequence number above this.
    #[serde(default)]
    after: i64,
    /// At most this many (1-5000, default 500).
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<i64>,
    /// Only events of this actor (exact).
    actor: Option<String>,
    /// Only this action, e.g. `POST /api/v1/sessions`.
    action: Option<String>,
    /// Only events whose path starts with this.
    target: Option<String>,
    outcome: Option<AuditOutcome>,
    /// Only events at or after this time.
    from: Option<DateTime<Utc>>,
    /// Only events before this time.
    to: Option<DateTime<Utc>>,
}

/// The page size asked for, checked, and the caller's feed quota counted.
pub(super) fn feed_limit(
    state: &AppState,
    caller: &CurrentUser,
    limit: Option<i64>,
) -> ApiResult<i64> {
    if let Err(wait) = state.feed_limiter.check(caller.user.id, state.clock.now()) {
        return Err(ApiError::FeedRateLimited(wait));
    }
    let limit = limit.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::invalid(
            "limit",
            "limit must be between 1 and 5000",
        ));
    }
    Ok(limit)
}

/// Whose records a caller may read: all for operators, the own account's for account managers.
pub(super) async fn manager_visibility(
    state: &AppState,
    caller: &CurrentUser,
) -> ApiResult<Option<Visibility>> {
    if users::has_role(&state.db, caller.user.id, Role::ServiceOperator).await? {
        return Ok(Some(Visibility::All));
    }
    if let (Some(account), true) = (
        caller.user.account_id,
        users::has_role(&state.db, caller.user.id, Role::AccountManager).await?,
    ) {
        return Ok(Some(Visibility::Account(account)));
    }
    Ok(None)
}

/// Audit events in sequence order: all of them for operators, the own account's
/// for account managers (FZ-AUDIT, UQ-SCOPE). Each account's events form one hash chain
/// and the platform's another, so every reader can verify all they see. Over the feed
/// quota the answer is 429 with Retry-After.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])),
    params(FeedQuery),
    responses((status = 200, body = AuditPage), (status = 400, body = Problem), (status = 403, body = Problem),
        (status = 429, body = Problem)))]
pub async fn audit(
    State(state): State<AppState>,
    caller: CurrentUser,
    Query(q): Query<FeedQuery>,
) -> ApiResult<impl IntoResponse> {
    let limit = feed_limit(&state, &caller, q.limit)?;
    let Some(visibility) = manager_visibility(&state, &caller).await? else {
        return Err(ApiError::Forbidden(
            "reading the audit log needs a manager role".into(),
        ));
    };
    let filter = Filter {
        actor: q.actor,
        action: q.action,
        target: q.target,
        outcome: q.outcome,
        from: q.from,
        to: q.to,
    };
    let body = audit::page_json(&state, visibility, &filter, q.after, limit).await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body))
}

/// Records what a console user did with their cached copy of the log (viewed, searched,
/// exported), possibly offline, as audit events of their own (FZ-AUDIT: audit the auditor).
#[utoipa::path(post, path = "/api/v1/audit/console-events", tag = "audit", security(("bearer" = [])),
    request_body = ConsoleAuditBatch,
    responses((status = 204), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn console_events(
    State(state): State<AppState>,
    caller: CurrentUser,
    crate::extract::Json(batch): crate::extract::Json<ConsoleAuditBatch>,
) -> ApiResult<StatusCode> {
    if batch.items.len() > 1000 {
        return Err(ApiError::invalid("items", "at most 1000 records at a time"));
    }
    for (i, r) in batch.items.iter().enumerate() {
        if !matches!(r.action.as_str(), "viewed" | "searched" | "exported") {
            return Err(ApiError::invalid(
                &format!("items[{i}].action"),
                "one of viewed, searched, exported",
            ));
        }
    }
    for r in batch.items {
        let detail: String = r.detail.chars().take(500).collect();
        let at = r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        audit::append(
            &state,
            audit::NewEvent {
                actor: Some(caller.user.username.clone()),
                account_id: caller.user.account_id,
                action: format!("CONSOLE {} cached audit log", r.action),
                target: format!("{detail} (on the console at {at})"),
                subject: None,
                status: 200,
                client_addr: None,
            },
        )
        .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
