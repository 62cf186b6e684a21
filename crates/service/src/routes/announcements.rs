//! What the sign-in page announces (maintenance soon, larger changes), and announcing releases.

use super::maintenance::require_operator;
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json as JsonBody;
use crate::maintenance::{self, describe_times};
use crate::AppState;
use admin_api::{
    Announcement, AnnouncementKind, MaintenanceStatus, NewRelease, Problem, Release, Violation,
};
use admin_policy::maintenance::{self as rules, MAINT_NOTICE_HOURS};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Duration, Utc};

/// What the sign-in page shows now, without signing in: maintenance that starts within
/// 7 days or is under way (4S-MAINT-NOTICE), and larger changes not yet shipped
/// (4S-CHANGE-NOTICE).
#[utoipa::path(get, path = "/api/v1/announcements", tag = "maintenance",
    responses((status = 200, body = [Announcement])))]
pub async fn announcements(State(state): State<AppState>) -> ApiResult<Json<Vec<Announcement>>> {
    maintenance::tick(&state).await?;
    let now = state.clock.now();
    let horizon = now + Duration::hours(MAINT_NOTICE_HOURS);
    let mut out: Vec<Announcement> = maintenance::all(&state.db)
        .await?
        .iter()
        .filter(|w| {
            matches!(
                w.status(),
                MaintenanceStatus::Scheduled | MaintenanceStatus::InProgress
            ) && w.starts_at <= horizon
                && w.ends_at > now
                && w.announced_at.is_some_and(|at| at <= now)
        })
        .map(|w| Announcement {
            kind: AnnouncementKind::Maintenance,
            title: w.title.clone(),
            message: if w.impact.is_empty() {
                describe_times(w.starts_at, w.ends_at)
            } else {
                format!("{}. {}", describe_times(w.starts_at, w.ends_at), w.impact)
            },
            at: w.starts_at,
            ends_at: Some(w.ends_at),
        })
        .collect();
    let changes: Vec<(String, String, DateTime<Utc>)> = db::query_as(
        "SELECT title, description, ships_at FROM releases \
         WHERE larger_change = TRUE AND ships_at > ? AND announced_at <= ? ORDER BY ships_at",
    )
    .bind(now)
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    out.extend(
        changes
            .into_iter()
            .map(|(title, description, ships_at)| Announcement {
                kind: AnnouncementKind::LargerChange,
                title,
                message: description,
                at: ships_at,
                ends_at: None,
            }),
    );
    out.sort_by_key(|a| a.at);
    Ok(Json(out))
}

/// Every release announced so far, in shipping order: the change notices and, once
/// `ships_at` has passed, the updates installed. Everyone signed in reads it (the console's
/// timeline); a larger change is on the sign-in page anyway (4S-CHANGE-NOTICE).
#[utoipa::path(get, path = "/api/v1/releases", tag = "maintenance", security(("bearer" = [])),
    responses((status = 200, body = [Release]), (status = 401, body = Problem)))]
pub async fn list_releases(
    State(state): State<AppState>,
    _caller: CurrentUser,
) -> ApiResult<Json<Vec<Release>>> {
    let rows: Vec<(i64, String, String, DateTime<Utc>, bool, DateTime<Utc>)> = db::query_as(
        "SELECT id, title, description, ships_at, larger_change, announced_at FROM releases \
         WHERE announced_at <= ? ORDER BY ships_at, id",
    )
    .bind(state.clock.now())
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(
                |(id, title, description, ships_at, larger_change, announced_at)| Release {
                    id,
                    title,
                    description,
                    ships_at,
                    larger_change,
                    announced_at,
                },
            )
            .collect(),
    ))
}

/// Announces a release; a larger change must ship 7 days or more from now (4S-CHANGE-NOTICE).
#[utoipa::path(post, path = "/api/v1/releases", tag = "maintenance", security(("bearer" = [])),
    request_body = NewRelease,
    responses((status = 201, body = Release), (status = 400, body = Problem),
        (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn create_release(
    State(state): State<AppState>,
    caller: CurrentUser,
    JsonBody(new): JsonBody<NewRelease>,
) -> ApiResult<(StatusCode, Json<Release>)> {
    require_operator(&state, &caller, "announce releases").await?;
    if new.title.trim().is_empty() {
        return Err(ApiError::invalid("title", "a release needs a title"));
    }
    let now = state.clock.now();
    if let Some(breach) = rules::check_change(new.larger_change, Some(now), new.ships_at) {
        return Err(ApiError::PolicyViolation(vec![Violation::from(&breach)]));
    }
    let id: i64 = db::query_scalar(
        "INSERT INTO releases (title, description, ships_at, larger_change, announced_at) \
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(new.title.trim())
    .bind(&new.description)
    .bind(new.ships_at)
    .bind(new.larger_change)
    .bind(now)
    .fetch_one(&state.db)
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(Release {
            id,
            title: new.title.trim().to_string(),
            description: new.description,
            ships_at: new.ships_at,
            larger_change: new.larger_change,
            announced_at: now,
        }),
    ))
}
