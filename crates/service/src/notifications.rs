//! Notifications to users: the one place that writes them, so every feature that
//! notifies (roles, maintenance, backups, contact changes) records them alike.

use crate::db;
use crate::error::ApiResult;
use admin_api::Role;
use chrono::{DateTime, Utc};

/// Kinds of notification, as stored and as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blocked,
    Unblocked,
    EmailChanged,
    PhoneChanged,
    ConsentRevoked,
    ConsentGranted,
    BackupAlert,
    MaintenanceAnnounced,
    MaintenanceStarted,
    MaintenanceCompleted,
    MaintenanceCancelled,
    RoleGranted,
    RoleRevoked,
    Unlocked,
    TwoFactorReset,
    SecuritySettingsChanged,
    ResidencyChanged,
    MaintenanceStarting,
    LockedOut,
    SlaAtRisk,
    SlaBreached,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Blocked => "blocked",
            Kind::Unblocked => "unblocked",
            Kind::EmailChanged => "email_changed",
            Kind::PhoneChanged => "phone_changed",
            Kind::ConsentRevoked => "consent_revoked",
            Kind::ConsentGranted => "consent_granted",
            Kind::BackupAlert => "backup_alert",
            Kind::MaintenanceAnnounced => "maintenance_announced",
            Kind::MaintenanceStarted => "maintenance_started",
            Kind::MaintenanceCompleted => "maintenance_completed",
            Kind::MaintenanceCancelled => "maintenance_cancelled",
            Kind::RoleGranted => "role_granted",
            Kind::RoleRevoked => "role_revoked",
            Kind::Unlocked => "unlocked",
            Kind::TwoFactorReset => "two_factor_reset",
            Kind::SecuritySettingsChanged => "security_settings_changed",
            Kind::ResidencyChanged => "residency_changed",
            Kind::MaintenanceStarting => "maintenance_starting",
            Kind::LockedOut => "locked_out",
            Kind::SlaAtRisk => "sla_at_risk",
            Kind::SlaBreached => "sla_breached",
        }
    }
}

pub async fn notify(
    db: impl crate::db::Executor<'_>,
    user_id: i64,
    at: DateTime<Utc>,
    kind: Kind,
    message: &str,
) -> ApiResult<()> {
    db::query("INSERT INTO user_notifications (user_id, at, kind, message) VALUES (?, ?, ?, ?)")
        .bind(user_id)
        .bind(at)
        .bind(kind.as_str())
        .bind(message)
        .execute(db)
        .await?;
    Ok(())
}

/// Who answers for an account: its Account Managers, or the service operators for people
/// of no account; blocked people are left out.
pub async fn answerable_for(
    db: impl crate::db::Executor<'_>,
    account_id: Option<i64>,
) -> ApiResult<Vec<i64>> {
    let people = match account_id {
        Some(account) => db::query_scalar(
            "SELECT DISTINCT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id \
             WHERE r.role = ? AND r.scope_level = 'account' AND r.scope_id = ? \
             AND u.blocked = FALSE ORDER BY u.id",
        )
        .bind(Role::AccountManager.as_str())
        .bind(account),
        None => db::query_scalar(
            "SELECT DISTINCT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id \
             WHERE r.role = ? AND u.blocked = FALSE ORDER BY u.id",
        )
        .bind(Role::ServiceOperator.as_str()),
    };
    Ok(people.fetch_all(db).await?)
}
