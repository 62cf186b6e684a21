use crate::audit::{self, Visibility};
use crate::auth::CurrentUser;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::users;
use crate::AppState;
use admin_api::{AuditPage, Problem, Role};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FeedQuery {
    /// Return events with a sequence number above this.
    #[serde(default)]
    after: i64,
    /// At most this many (1-5000, default 500).
    limit: Option<i64>,
}

/// Audit events in sequence order: all of them for operators, the own account's
/// for account managers (FZ-AUDIT, UQ-SCOPE).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])),
    params(FeedQuery),
    responses((status = 200, body = AuditPage), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn audit(
    State(state): State<AppState>,
    caller: CurrentUser,
    Query(q): Query<FeedQuery>,
) -> ApiResult<Json<AuditPage>> {
    let limit = q.limit.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::invalid(
            "limit",
            "limit must be between 1 and 5000",
        ));
    }
    let visibility = if users::has_role(&state.db, caller.user.id, Role::ServiceOperator).await? {
        Visibility::All
    } else if let (Some(account), true) = (
        caller.user.account_id,
        users::has_role(&state.db, caller.user.id, Role::AccountManager).await?,
    ) {
        Visibility::Account(account)
    } else {
        return Err(ApiError::Forbidden(
            "reading the audit log needs a manager role".into(),
        ));
    };
    let (items, high_water) = audit::page(&state, visibility, q.after, limit).await?;
    let next_after = items.last().map_or(q.after, |e| e.seq);
    Ok(Json(AuditPage {
        items,
        next_after,
        high_water,
    }))
}
