//! The sub-processor register and an account's "keep data in Europe" (4S-SUBPROC, 4S-HOST).

use super::security::check_reach;
use crate::auth::CurrentUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::{notifications, residency, AppState};
use admin_api::{Problem, Residency, ResidencyChange, SubprocessorRegister};
use axum::extract::State;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AccountPath {
    id: i64,
}

/// Who handles data for the service outside it, for what and where, beside where the
/// service itself runs. Every signed-in user may read it.
#[utoipa::path(get, path = "/api/v1/subprocessors", tag = "service", security(("bearer" = [])),
    responses((status = 200, body = SubprocessorRegister), (status = 401, body = Problem)))]
pub async fn register(
    State(state): State<AppState>,
    _caller: CurrentUser,
) -> axum::Json<SubprocessorRegister> {
    axum::Json(SubprocessorRegister {
        service_region: state.config.region.clone(),
        items: state.config.subprocessors.clone(),
    })
}

/// Whether the account keeps its data in Europe, and which paths that turns off and why.
/// Managers in the account may read it.
#[utoipa::path(get, path = "/api/v1/accounts/{id}/residency", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    responses((status = 200, body = Residency), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_residency(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(AccountPath { id }): Path<AccountPath>,
) -> ApiResult<axum::Json<Residency>> {
    reach(&state, &caller, id, false).await?;
    Ok(axum::Json(residency::of_account(&state, id).await?))
}

/// Turns "keep data in Europe" on or off (the account's Account Managers, Service
/// Operators). A change is audited like every request and told to the account's managers.
#[utoipa::path(put, path = "/api/v1/accounts/{id}/residency", tag = "users",
    security(("bearer" = [])), params(("id" = i64, Path, description = "account id")),
    request_body = ResidencyChange,
    responses((status = 200, body = Residency), (status = 400, body = Problem),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn put_residency(
    State(state): State<AppState>,
    caller: CurrentUser,
    Path(AccountPath { id }): Path<AccountPath>,
    Json(change): Json<ResidencyChange>,
) -> ApiResult<axum::Json<Residency>> {
    reach(&state, &caller, id, true).await?;
    let before = residency::of_account(&state, id).await?;
    if before.keep_data_in_europe == change.keep_data_in_europe {
        return Ok(axum::Json(before));
    }
    let now = state.clock.now();
    let by = &caller.user.username;
    let mut tx = crate::db::begin_write(&state.db).await?;
    residency::set(&mut *tx, id, change.keep_data_in_europe, now, by).await?;
    let managers: Vec<i64> = db::query_scalar(
        "SELECT DISTINCT r.user_id FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.role = 'account_manager' AND r.scope_level = 'account' AND r.scope_id = ?",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let message = if change.keep_data_in_europe {
        format!("{by} turned on \"keep data in Europe\": no data of the account goes to a sub-processor outside Europe.")
    } else {
        format!("{by} turned off \"keep data in Europe\": sub-processors outside Europe may handle the account's data.")
    };
    for manager in managers {
        notifications::notify(
            &mut *tx,
            manager,
            now,
            notifications::Kind::ResidencyChanged,
            &message,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(axum::Json(residency::of_account(&state, id).await?))
}

async fn reach(state: &AppState, caller: &CurrentUser, id: i64, change: bool) -> ApiResult<()> {
    check_reach(state, caller, id, change)
        .await
        .map_err(|e| match e {
            ApiError::Forbidden(_) => ApiError::Forbidden(
                "only the account's Account Managers choose where its data may go".into(),
            ),
            other => other,
        })
}
