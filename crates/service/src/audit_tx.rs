//! A change and its audit event in one transaction (FZ-AUDIT): if the event cannot be
//! written, the change does not stand and the caller gets an error.
//!
//! The middleware records every request after its handler ran. For a handler that
//! changes state that is too late: the change would already be committed when the append
//! fails. Such a handler takes `Audit`, writes its event inside its own transaction with
//! `Audit::commit`, and answers with `Recorded`, so the middleware does not write it twice.

use crate::audit::{write_event, NewEvent};
use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Extension;

/// What the middleware knows about a request before its handler runs.
#[derive(Debug, Clone)]
pub struct RequestAudit {
    pub actor: Option<(String, Option<i64>)>,
    pub action: String,
    pub target: String,
    pub client_addr: Option<String>,
}

/// On a response: its audit event is committed already, with the change.
#[derive(Debug, Clone, Copy)]
pub struct Recorded;

/// The request's audit context, for a handler that commits its event with its change.
pub struct Audit {
    request: RequestAudit,
    subject: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Audit {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestAudit>()
            .cloned()
            .map(|request| Audit {
                request,
                subject: None,
            })
            .ok_or_else(|| ApiError::Internal("no audit context for this request".into()))
    }
}

impl Audit {
    /// Names the user the change is done to, by username: the path holds only an id, which
    /// a later deletion leaves pointing at nothing.
    pub fn about(mut self, username: &str) -> Self {
        self.subject = Some(username.to_owned());
        self
    }

    /// Writes the event for answer `status` in `tx`, then commits both. `tx` comes from
    /// `db::begin_write`, so it holds the write lock (SQLite) or the chain lock (PostgreSQL)
    /// and the chain head it reads cannot move under it.
    pub async fn commit(
        self,
        state: &AppState,
        mut tx: crate::db::Tx,
        status: StatusCode,
    ) -> ApiResult<Extension<Recorded>> {
        let RequestAudit {
            actor,
            action,
            target,
            client_addr,
        } = self.request;
        let (actor, account_id) = actor.unzip();
        let event = NewEvent {
            actor,
            account_id: account_id.flatten(),
            action,
            target,
            subject: self.subject,
            status: status.as_u16(),
            client_addr,
        };
        if let Err(err) = write_event(&mut tx, state.clock.now(), event).await {
            tracing::error!(error = %err, "audit append failed; the change is rolled back");
            return Err(ApiError::Internal("audit log unavailable".into()));
        }
        tx.commit().await?;
        Ok(Extension(Recorded))
    }
}
