use crate::Secret;
use admin_policy::roles::{Role, Scope};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SignInRequest {
    pub username: String,
    #[schema(value_type = String, format = Password)]
    pub password: Secret,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BlockReceipt {
    pub user: User,
    pub sessions_ended: u64,
    pub at: DateTime<Utc>,
}
