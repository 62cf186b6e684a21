//! User activities and notifications, in the audit feed's shape (keyset by id).

use super::audit_feed::{feed_limit, manager_visibility};
use crate::audit::Visibility;
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::AppState;
use admin_api::{
    ActivityPage, MarkReadReceipt, MarkReadRequest, NotificationPage, Problem, UserActivity,
    UserNotification,
};
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ActivityQuery {
    /// Return activities with an id above this.
    #[serde(default)]
    after: i64,
    /// At most this many (1-5000, default 500).
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<i64>,
    /// Only this user's.
    user_id: Option<i64>,
    /// Only this kind, e.g. `password_changed`.
    kind: Option<String>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct ActivityRow {
    id: i64,
    user_id: i64,
    username: String,
    at: DateTime<Utc>,
    kind: String,
    detail: String,
}

/// User activities (sign-ins, failed sign-ins, lockouts, password changes (UQ-ACTIVITY-PW),
/// contact and consent changes): everyone's for operators, the own account's users' for
/// account managers, one's own for everybody else.
#[utoipa::path(get, path = "/api/v1/activities", tag = "users", security(("bearer" = [])),
    params(ActivityQuery),
    responses((status = 200, body = ActivityPage), (status = 400, body = Problem), (status = 429, body = Problem)))]
pub async fn activities(
    State(state): State<AppState>,
    caller: CurrentUser,
    Query(q): Query<ActivityQuery>,
) -> ApiResult<axum::Json<ActivityPage>> {
    let limit = feed_limit(&state, &caller, q.limit)?;
    let (account, only_user) = match manager_visibility(&state, &caller).await? {
        Some(Visibility::All) => (None, q.user_id),
        Some(Visibility::Account(a)) => (Some(a), q.user_id),
        None => {
            if q.user_id.is_some_and(|id| id != caller.user.id) {
                return Err(ApiError::Forbidden(
                    "you may read only your own activities".into(),
                ));
            }
            (None, Some(caller.user.id))
        }
    };
    let mut b = db::QueryBuilder::new(
        "SELECT a.id, a.user_id, u.username, a.at, a.kind, a.detail FROM user_activities a \
         JOIN users u ON u.id = a.user_id WHERE a.id > ",
    );
    b.push_bind(q.after);
    push_scope(&mut b, account, only_user);
    if let Some(kind) = &q.kind {
        b.push(" AND a.kind = ").push_bind(kind.clone());
    }
    if let Some(from) = q.from {
        b.push(" AND a.at >= ").push_bind(from);
    }
    if let Some(to) = q.to {
        b.push(" AND a.at < ").push_bind(to);
    }
    b.push(" ORDER BY a.id LIMIT ").push_bind(limit);
    let rows: Vec<ActivityRow> = b.build_query_as().fetch_all(&state.db).await?;
    let mut hw = db::QueryBuilder::new(
        "SELECT MAX(a.id) FROM user_activities a JOIN users u ON u.id = a.user_id WHERE TRUE",
    );
    push_scope(&mut hw, account, only_user);
    let high_water: Option<i64> = hw.build_query_scalar().fetch_one(&state.db).await?;
    let items: Vec<UserActivity> = rows
        .into_iter()
        .map(|r| UserActivity {
            id: r.id,
            user_id: r.user_id,
            username: r.username,
            at: r.at,
            kind: r.kind,
            detail: r.detail,
        })
        .collect();
    Ok(axum::Json(ActivityPage {
        next_after: items.last().map_or(q.after, |a| a.id),
        items,
        high_water: high_water.unwrap_or(0),
    }))
}

fn push_scope(b: &mut db::QueryBuilder, account: Option<i64>, user: Option<i64>) {
    if let Some(account) = account {
        b.push(" AND u.account_id = ").push_bind(account);
    }
    if let Some(user) = user {
        b.push(" AND a.user_id = ").push_bind(user);
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct NotificationQuery {
    /// Return notifications with an id above this.
    #[serde(default)]
    after: i64,
    /// At most this many (1-5000, default 500).
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<i64>,
    /// Only unread ones.
    #[serde(default)]
    unread: bool,
    /// Only this kind, e.g. `email_changed`.
    kind: Option<String>,
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    user_id: i64,
    at: DateTime<Utc>,
    kind: String,
    message: String,
    read_at: Option<DateTime<Utc>>,
}

async fn unread_count(state: &AppState, user_id: i64) -> ApiResult<i64> {
    Ok(db::query_scalar(
        "SELECT COUNT(*) FROM user_notifications WHERE user_id = ? AND read_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(&state.db)
    .await?)
}

/// The caller's own notifications (contact changed (UQ-NOTIFY-CONTACT), consent revoked,
/// blocked...), with how many are unread.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "me", security(("bearer" = [])),
    params(NotificationQuery),
    responses((status = 200, body = NotificationPage), (status = 400, body = Problem), (status = 429, body = Problem)))]
pub async fn notifications(
    State(state): State<AppState>,
    caller: CurrentUser,
    Query(q): Query<NotificationQuery>,
) -> ApiResult<axum::Json<NotificationPage>> {
    let limit = feed_limit(&state, &caller, q.limit)?;
    let mut b = db::QueryBuilder::new(
        "SELECT id, user_id, at, kind, message, read_at FROM user_notifications WHERE user_id = ",
    );
    b.push_bind(caller.user.id)
        .push(" AND id > ")
        .push_bind(q.after);
    if q.unread {
        b.push(" AND read_at IS NULL");
    }
    if let Some(kind) = &q.kind {
        b.push(" AND kind = ").push_bind(kind.clone());
    }
    b.push(" ORDER BY id LIMIT ").push_bind(limit);
    let rows: Vec<NotificationRow> = b.build_query_as().fetch_all(&state.db).await?;
    let high_water: Option<i64> =
        db::query_scalar("SELECT MAX(id) FROM user_notifications WHERE user_id = ?")
            .bind(caller.user.id)
            .fetch_one(&state.db)
            .await?;
    let items: Vec<UserNotification> = rows
        .into_iter()
        .map(|r| UserNotification {
            id: r.id,
            user_id: r.user_id,
            at: r.at,
            kind: r.kind,
            message: r.message,
            read_at: r.read_at,
        })
        .collect();
    Ok(axum::Json(NotificationPage {
        next_after: items.last().map_or(q.after, |n| n.id),
        items,
        high_water: high_water.unwrap_or(0),
        unread: unread_count(&state, caller.user.id).await?,
    }))
}

/// Marks some of the caller's notifications read; others' ids are ignored.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "me", security(("bearer" = [])),
    request_body = MarkReadRequest,
    responses((status = 200, body = MarkReadReceipt), (status = 400, body = Problem)))]
pub async fn mark_read(
    State(state): State<AppState>,
    caller: CurrentUser,
    Json(req): Json<MarkReadRequest>,
) -> ApiResult<axum::Json<MarkReadReceipt>> {
    if req.ids.len() > 5000 {
        return Err(ApiError::invalid("ids", "at most 5000 ids at a time"));
    }
    let mut b = db::QueryBuilder::new("UPDATE user_notifications SET read_at = ");
    b.push_bind(state.clock.now())
        .push(" WHERE read_at IS NULL AND user_id = ")
        .push_bind(caller.user.id)
        .push(" AND id IN (");
    for (i, id) in req.ids.iter().enumerate() {
        b.push(if i == 0 { "" } else { ", " }).push_bind(*id);
    }
    b.push(")");
    let marked = if req.ids.is_empty() {
        0
    } else {
        b.build().execute(&state.db).await?.rows_affected()
    };
    Ok(axum::Json(MarkReadReceipt {
        marked,
        unread: unread_count(&state, caller.user.id).await?,
    }))
}
