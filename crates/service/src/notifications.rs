//! Notifications to users: the one place that writes them, so every feature that
//! notifies (roles, maintenance, backups, contact changes) records them alike.

use crate::db;
use crate::error::ApiResult;
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
