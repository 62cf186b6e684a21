//! Features the signed-in user switches on or off for themselves (4S-FEATURE-TOGGLES).

use crate::auth::CurrentUser;
use crate::db;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::users::{self, Activity};
use crate::AppState;
use admin_api::{Feature, FeatureChange, FeatureKey, Features, Problem};
use axum::extract::State;
use chrono::{DateTime, Utc};

async fn features_of(state: &AppState, user_id: i64) -> ApiResult<Features> {
    let rows: Vec<(String, bool, DateTime<Utc>)> =
        db::query_as("SELECT feature, enabled, changed_at FROM user_features WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(&state.db)
            .await?;
    let items = FeatureKey::ALL
        .into_iter()
        .map(|key| {
            let chosen = rows.iter().find(|(k, _, _)| k == key.as_str());
            Feature {
                key,
                title: key.title().into(),
                description: key.description().into(),
                enabled: chosen.map_or(key.enabled_by_default(), |(_, on, _)| *on),
                changed_at: chosen.map(|(_, _, at)| *at),
            }
        })
        .collect();
    Ok(Features { items })
}

/// The features the caller may switch, each with its description and whether it is on.
#[utoipa::path(get, path = "/api/v1/me/features", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Features), (status = 401, body = Problem)))]
pub async fn features(
    State(state): State<AppState>,
    caller: CurrentUser,
) -> ApiResult<axum::Json<Features>> {
    Ok(axum::Json(features_of(&state, caller.user.id).await?))
}

/// Switches one feature on or off for the caller; kept per user, recorded as an activity
/// (and, like every request, as an audit event).
#[utoipa::path(put, path = "/api/v1/me/features", tag = "me", security(("bearer" = [])),
    request_body = FeatureChange,
    responses((status = 200, body = Features), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn change_feature(
    State(state): State<AppState>,
    caller: CurrentUser,
    Json(req): Json<FeatureChange>,
) -> ApiResult<axum::Json<Features>> {
    let now = state.clock.now();
    let id = caller.user.id;
    let mut tx = crate::db::begin_write(&state.db).await?;
    db::query(
        "INSERT INTO user_features (user_id, feature, enabled, changed_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT(user_id, feature) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at",
    )
    .bind(id)
    .bind(req.key.as_str())
    .bind(req.enabled)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail = format!(
        "{} {}",
        req.key.as_str(),
        if req.enabled { "on" } else { "off" }
    );
    users::record_activity(&mut *tx, id, now, Activity::FeatureChanged, &detail).await?;
    tx.commit().await?;
    Ok(axum::Json(features_of(&state, id).await?))
}
