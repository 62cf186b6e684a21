//! The liveness probe: version and where the service runs (4S-HOST).

use crate::AppState;
use admin_api::Health;
use axum::extract::State;
use axum::Json;

/// Liveness, version and where the service runs (4S-HOST).
#[utoipa::path(get, path = "/api/v1/health", tag = "service",
    responses((status = 200, body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        region: state.config.region.clone(),
    })
}
