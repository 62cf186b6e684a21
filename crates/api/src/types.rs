use crate::Secret;
use admin_policy::roles::{Role, Scope};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignInRequest {
    /// A user id, an e-mail address or a phone number (UQ-UNIQUE-USERNAME).
    #[schema(
        pattern = r"^([A-Za-z][A-Za-z0-9._-]{2,63}|[\x21-\x3f\x41-\x7e]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?|\+[0-9]([ -]?[0-9]){6,14})$",
        max_length = 254
    )]
    pub username: String,
    #[schema(value_type = String, format = Password)]
    pub password: Secret,
    /// The current TOTP code, for accounts that require two-factor sign-in (4S-SSO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub totp: Option<Secret>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignInResponse {
    /// Opaque bearer token; the service keeps only its hash.
    #[schema(value_type = String)]
    pub token: Secret,
    pub idle_expires_at: DateTime<Utc>,
    pub user: User,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, TS)]
pub struct ChangePasswordRequest {
    #[schema(value_type = String, format = Password)]
    #[ts(type = "string")]
    pub current_password: Secret,
    #[schema(value_type = String, format = Password)]
    #[ts(type = "string")]
    pub new_password: Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Blocked,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct User {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    pub status: UserStatus,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Account {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct RoleAssignment {
    #[ts(type = "number")]
    pub id: i64,
    pub role: Role,
    pub scope: Scope,
}

/// The signed-in user with what their roles are: read fresh on every request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub user: User,
    pub account: Option<Account>,
    pub assignments: Vec<RoleAssignment>,
    pub idle_expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// Where the service runs (4S-HOST).
    pub region: String,
}

/// The answer to blocking a user: what it cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct BlockReceipt {
    pub user: User,
    #[ts(type = "number")]
    pub sessions_ended: u64,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Channel {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub name: String,
}

/// One row of the users table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct UserSummary {
    pub user: User,
    /// The user's assignments the caller may see (UQ-SCOPE).
    pub assignments: Vec<RoleAssignment>,
    /// An authenticator is enrolled (4S-SSO). Security details are shown only to a caller
    /// who may act on the user (`may_act`, UQ-DELEGATE-CHANNEL): `None` to anyone else, and
    /// the user's `locked_until` is then `None` too.
    #[serde(default)]
    pub two_factor_enrolled: Option<bool>,
    /// The caller may act on this user: unlock, block, reset two-factor, change contact
    /// details (`admin_policy::acting`, UQ-DELEGATE-CHANNEL). The service decides, since
    /// only it knows every role the user holds; copies saved before this field read false,
    /// so nothing is offered on them.
    #[serde(default)]
    pub may_act: bool,
}

/// The answer to resetting a user's two-factor enrolment: the authenticator no longer
/// works, and the user enrols a new one at their next sign-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct TwoFactorReset {
    pub user: User,
    pub at: DateTime<Utc>,
}

/// A page of users; `next_after` is the keyset cursor for the next page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct UserPage {
    pub users: Vec<UserSummary>,
    #[ts(type = "number | null")]
    pub next_after: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct GrantRequest {
    #[ts(type = "number")]
    pub user_id: i64,
    pub role: Role,
    pub scope: Scope,
}

/// The answer to a revocation: how many of the user's live sessions lost the role,
/// and when. They stay signed in; their next request is judged without it (UQ-REVOKE-LIVE).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct RevocationReceipt {
    pub assignment: RoleAssignment,
    #[ts(type = "number")]
    pub user_id: i64,
    #[ts(type = "number")]
    pub live_sessions: u64,
    pub at: DateTime<Utc>,
}

/// Per-account sign-in rules (UQ-PW-MIN6, UQ-LOCKOUT-3, 4S-SSO, UQ-NO-SOCIAL-LOGIN).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct SecuritySettings {
    #[ts(type = "number")]
    #[schema(minimum = 6, maximum = 256)]
    pub min_password_length: i64,
    #[ts(type = "number")]
    #[schema(minimum = 1, maximum = 1440)]
    pub lockout_minutes: i64,
    pub require_two_factor: bool,
    pub third_party_only: bool,
    pub social_sign_in: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TotpEnrolmentRequest {
    #[schema(
        pattern = r"^([A-Za-z][A-Za-z0-9._-]{2,63}|[\x21-\x3f\x41-\x7e]{1,64}@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?|\+[0-9]([ -]?[0-9]){6,14})$",
        max_length = 254
    )]
    pub username: String,
    #[schema(value_type = String, format = Password)]
    pub password: Secret,
}

/// Shown once: the seed never leaves the service again (4S-SSO).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TotpEnrolment {
    #[schema(value_type = String)]
    pub secret: Secret,
    #[schema(value_type = String)]
    pub otpauth_url: Secret,
}
