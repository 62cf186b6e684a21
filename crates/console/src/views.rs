//! What crosses into the web view. TypeScript types are generated from these
//! (see `bindings`), never written by hand.

use admin_api::{Account, Me, RoleAssignment, Secret, User};
use admin_cache::Profile;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SessionView {
    pub profile: Profile,
    pub user: User,
    pub account: Option<Account>,
    pub assignments: Vec<RoleAssignment>,
    pub idle_expires_at: DateTime<Utc>,
    /// Where the service runs (4S-HOST).
    pub region: String,
}

impl SessionView {
    pub fn new(profile: Profile, me: Me, region: String) -> Self {
        SessionView {
            profile,
            user: me.user,
            account: me.account,
            assignments: me.assignments,
            idle_expires_at: me.idle_expires_at,
            region,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Connection {
    Online { since: DateTime<Utc> },
    Offline { since: DateTime<Utc> },
}

impl Connection {
    pub fn is_online(&self) -> bool {
        matches!(self, Connection::Online { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsoleState {
    pub profile: Option<Profile>,
    pub session: Option<SessionView>,
    pub connection: Connection,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ConnectRequest {
    pub url: String,
    pub username: String,
    #[ts(type = "string")]
    pub password: Secret,
}

/// Which workspace a third-party sign-in is for: a server and username typed on the
/// welcome screen, or (both null) the active workspace.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ProviderWorkspace {
    pub url: Option<String>,
    pub username: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionEndReason {
    /// 30 minutes without keyboard or mouse input (FZ-IDLE-30).
    Idle,
    SignedOut,
    /// The service ended the session: its own idle limit, a password change elsewhere.
    Expired,
    Blocked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionEnded {
    pub reason: SessionEndReason,
}

/// What the enrolment screen shows, once: the seed for manual entry and the otpauth URI
/// as a QR code (4S-SSO). The QR code encodes the seed, so `Debug` hides it as well.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct TotpEnrolmentView {
    #[ts(type = "string")]
    pub secret: Secret,
    #[ts(type = "string")]
    pub otpauth_url: Secret,
    /// An SVG document of the otpauth URI's QR code.
    pub qr_svg: String,
}

impl std::fmt::Debug for TotpEnrolmentView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TotpEnrolmentView")
            .field("secret", &self.secret)
            .field("otpauth_url", &self.otpauth_url)
            .field("qr_svg", &admin_api::secret::REDACTED)
            .finish()
    }
}
