//! Role names and levels live here and nowhere else (UQ-RBAC).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Levels, highest first: a role's level bounds what its holder may delegate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Channel,
    Account,
    Platform,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    ServiceOperator,
    AccountManager,
    ChannelManager,
    ChannelEditor,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::ServiceOperator,
        Role::AccountManager,
        Role::ChannelManager,
        Role::ChannelEditor,
        Role::Viewer,
    ];

    pub fn level(self) -> Level {
        match self {
            Role::ServiceOperator => Level::Platform,
            Role::AccountManager => Level::Account,
            Role::ChannelManager | Role::ChannelEditor | Role::Viewer => Level::Channel,
        }
    }

    /// The wire name, which is also the stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ServiceOperator => "service_operator",
            Role::AccountManager => "account_manager",
            Role::ChannelManager => "channel_manager",
            Role::ChannelEditor => "channel_editor",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Role::ServiceOperator => "Service Operator",
            Role::AccountManager => "Account Manager",
            Role::ChannelManager => "Channel Manager",
            Role::ChannelEditor => "Channel Editor",
            Role::Viewer => "Viewer",
        }
    }
}

/// Where an assignment applies. Channel ids are global, so a channel scope needs no
/// account id on the wire; containment checks get the channel's account from the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, TS)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum Scope {
    Platform,
    Account {
        #[ts(type = "number")]
        id: i64,
    },
    Channel {
        #[ts(type = "number")]
        id: i64,
    },
}

impl Scope {
    pub fn level(self) -> Level {
        match self {
            Scope::Platform => Level::Platform,
            Scope::Account { .. } => Level::Account,
            Scope::Channel { .. } => Level::Channel,
        }
    }

    /// The scope's id, absent for the platform.
    pub fn id(self) -> Option<i64> {
        match self {
            Scope::Platform => None,
            Scope::Account { id } | Scope::Channel { id } => Some(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause UQ-RBAC: every role has exactly one wire name and level, and parses back.
    #[test]
    fn uq_rbac_role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("admin"), None);
        assert!(Level::Platform > Level::Account && Level::Account > Level::Channel);
        assert_eq!(Role::Viewer.level(), Level::Channel);
    }

    #[test]
    fn scope_wire_shape_matches_the_api() {
        let s: Scope = serde_json::from_str(r#"{"level":"channel","id":7}"#).unwrap();
        assert_eq!(s, Scope::Channel { id: 7 });
        let p: Scope = serde_json::from_str(r#"{"level":"platform"}"#).unwrap();
        assert_eq!(p.id(), None);
        assert_eq!(p.level(), Level::Platform);
    }
}
