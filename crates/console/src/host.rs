//! What a panel may use of the console, and nothing more: the signed-in session's client
//! and view, the cache, the clock, the notifier, the busy registry, the save dialog and
//! the mapping of a call's failure. Panels are free functions over `&impl Host`; the
//! [`Console`](crate::console::Console) is the one implementation (the sign-in state
//! machine stays behind it), and a test may bring its own.

use crate::busy::BusyRegistry;
use crate::console::Notifier;
use crate::dialog::SaveAs;
use crate::error::CommandError;
use crate::views::SessionView;
use admin_cache::Cache;
use admin_client::{Client, ClientError};
use chrono::{DateTime, Utc};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub trait Host: Send + Sync {
    /// "Now" from the injected clock: panels never read the system time.
    fn now(&self) -> DateTime<Utc>;

    fn cache(&self) -> &Cache;

    fn notifier(&self) -> Arc<dyn Notifier>;

    /// What an update install must not interrupt (see `crate::busy`).
    fn busy(&self) -> &BusyRegistry;

    /// Whether the service answered last time.
    fn is_online(&self) -> bool;

    /// Where the managed-install policy file is read from.
    fn policy_path(&self) -> &Path;

    /// Held while the audit log syncs: one sync at a time.
    fn audit_sync_lock(&self) -> &tokio::sync::Mutex<()>;

    /// The full sync's lock and the connection's cost (`crate::offline`).
    fn full_sync(&self) -> &crate::offline::FullSyncState;

    /// The signed-in session's client; `Unauthorized` when nobody is signed in.
    fn client(&self) -> impl Future<Output = Result<Client, CommandError>> + Send;

    /// The signed-in session's client and view.
    fn session(&self) -> impl Future<Output = Result<(Client, SessionView), CommandError>> + Send;

    /// The signed-in profile, for keying its offline copies.
    fn profile_id(&self) -> impl Future<Output = Option<String>> + Send;

    /// Maps a call's failure, ending the session if the service ended its own.
    fn after_call<T: Send>(
        &self,
        result: Result<T, ClientError>,
    ) -> impl Future<Output = Result<T, CommandError>> + Send;

    /// Where the manager saves an export; `None` when they cancelled. Holds an
    /// `Activity::Dialog` guard while the dialog is open.
    fn ask_save(&self, what: SaveAs) -> impl Future<Output = Option<PathBuf>> + Send;
}
