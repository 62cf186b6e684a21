//! Requests run to their end even when the client goes away.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

/// Runs the rest of the request in its own task, so a client that hangs up (a console
/// killed mid-sync) does not cancel it. Cancelled between `BEGIN IMMEDIATE` and `COMMIT`, a
/// handler could hand its pooled connection back still holding SQLite's write lock, and
/// every later write then failed with "database is locked" (found by the kill -9 loop in
/// crates/cache/tests/crashes.rs).
pub async fn run_to_completion(req: Request, next: Next) -> Response {
    let task = tokio::spawn(next.run(req).in_current_span());
    match task.await {
        Ok(response) => response,
        Err(e) => {
            tracing::error!(error = %e, "the request's task failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
