//! Backups, restore drills, backup alerts and restore requests.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupStatus {
    Ok,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum RetentionClass {
    Daily,
    Weekly,
    /// Pruned: the file is gone, the record stays.
    Expired,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct Backup {
    #[ts(type = "number")]
    pub id: i64,
    pub started_at: DateTime<Utc>,
    /// The night it belongs to, in the schedule's time zone.
    pub local_date: NaiveDate,
    pub status: BackupStatus,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    /// Rows per table at the time of the snapshot.
    #[ts(type = "Record<string, number> | null")]
    pub row_counts: Option<BTreeMap<String, i64>>,
    #[ts(type = "number | null")]
    pub duration_ms: Option<i64>,
    pub error: Option<String>,
    pub retention: RetentionClass,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct BackupDrill {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub backup_id: i64,
    pub started_at: DateTime<Utc>,
    pub passed: bool,
    pub reason: Option<String>,
    #[ts(type = "number")]
    pub duration_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupAlertKind {
    MissedBackup,
    FailedBackup,
    FailedDrill,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct BackupAlert {
    #[ts(type = "number")]
    pub id: i64,
    pub at: DateTime<Utc>,
    pub kind: BackupAlertKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreScope {
    Full,
    /// One channel of the account.
    Channel,
}

/// requested -> estimated -> approved -> in_progress -> done; rejected from requested or estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreStatus {
    Requested,
    Estimated,
    Approved,
    InProgress,
    Done,
    Rejected,
}

impl RestoreStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RestoreStatus::Requested => "requested",
            RestoreStatus::Estimated => "estimated",
            RestoreStatus::Approved => "approved",
            RestoreStatus::InProgress => "in_progress",
            RestoreStatus::Done => "done",
            RestoreStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        use RestoreStatus::*;
        [Requested, Estimated, Approved, InProgress, Done, Rejected]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    /// Who may take a request from this status to `to`, if that is a step at all: the
    /// service enforces it and the console offers only what it allows (4S-RESTORE-REQUEST).
    pub fn step_by(self, to: RestoreStatus) -> Option<crate::Role> {
        use RestoreStatus::*;
        match (self, to) {
            (Requested, Estimated) | (Approved, InProgress) | (InProgress, Done) => {
                Some(crate::Role::ServiceOperator)
            }
            (Requested | Estimated, Rejected) => Some(crate::Role::ServiceOperator),
            // The customer accepts the estimate: they pay for the hours.
            (Estimated, Approved) => Some(crate::Role::AccountManager),
            _ => None,
        }
    }

    /// The steps a holder of `roles` may take from this status, in the order they are offered.
    pub fn steps_for(self, roles: &[crate::Role]) -> Vec<RestoreStatus> {
        use RestoreStatus::*;
        [Estimated, Approved, InProgress, Done, Rejected]
            .into_iter()
            .filter(|to| self.step_by(*to).is_some_and(|role| roles.contains(&role)))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct RestoreStep {
    pub status: RestoreStatus,
    pub at: DateTime<Utc>,
    pub by: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct RestoreRequest {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub scope: RestoreScope,
    #[ts(type = "number | null")]
    pub channel_id: Option<i64>,
    #[ts(type = "number")]
    pub backup_id: i64,
    pub status: RestoreStatus,
    /// Recovery work is billed by the hour.
    #[schema(exclusive_minimum = 0.0, maximum = 1000.0)]
    pub estimate_hours: Option<f64>,
    pub steps: Vec<RestoreStep>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, TS)]
pub struct NewRestoreRequest {
    pub scope: RestoreScope,
    #[ts(type = "number | null")]
    pub channel_id: Option<i64>,
    #[ts(type = "number")]
    pub backup_id: i64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, TS)]
pub struct RestoreRequestPatch {
    pub status: RestoreStatus,
    pub estimate_hours: Option<f64>,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::RestoreStatus::*;
    use crate::Role;

    /// Clause 4S-RESTORE-REQUEST: operators estimate, start, finish or reject; the account
    /// manager accepts the estimate; nothing leaves done or rejected.
    #[test]
    fn four_s_restore_request_steps_per_role() {
        let op = [Role::ServiceOperator];
        let am = [Role::AccountManager];
        assert_eq!(Requested.steps_for(&op), [Estimated, Rejected]);
        assert_eq!(Requested.steps_for(&am), []);
        assert_eq!(Estimated.steps_for(&op), [Rejected]);
        assert_eq!(Estimated.steps_for(&am), [Approved]);
        assert_eq!(Approved.steps_for(&op), [InProgress]);
        assert_eq!(InProgress.steps_for(&op), [Done]);
        for end in [Done, Rejected] {
            assert!(end
                .steps_for(&[Role::ServiceOperator, Role::AccountManager])
                .is_empty());
        }
    }
}
