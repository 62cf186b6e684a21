//! Audit events and their hash chains (FZ-AUDIT). Events are partitioned by who may read
//! them: each account has a chain and the platform (events with no account) has one. The
//! service links each event to the previous one of its partition; the console re-computes
//! the same hash to find a changed or missing one. `seq` is global and only grows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use utoipa::ToSchema;

/// The hash the first event links to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// The request did what it asked.
    Allowed,
    /// The service said no: bad input, no permission, locked, not found.
    Refused,
    /// The service failed.
    Failed,
}

impl AuditOutcome {
    pub fn from_status(status: u16) -> Self {
        match status {
            500.. => AuditOutcome::Failed,
            400.. => AuditOutcome::Refused,
            _ => AuditOutcome::Allowed,
        }
    }

    /// The stored spelling back; anything unknown reads as a failure, never as allowed.
    pub fn parse(stored: &str) -> Self {
        match stored {
            "allowed" => AuditOutcome::Allowed,
            "refused" => AuditOutcome::Refused,
            _ => AuditOutcome::Failed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Allowed => "allowed",
            AuditOutcome::Refused => "refused",
            AuditOutcome::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, TS)]
pub struct AuditEvent {
    #[ts(type = "number")]
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// The signed-in user, or the username a sign-in was attempted with.
    pub actor: Option<String>,
    /// Method and route template, e.g. `POST /api/v1/sessions`.
    pub action: String,
    /// The path actually requested.
    pub target: String,
    /// The user the action was done to, by username, when the action names one: a role
    /// granted or revoked, a user unlocked, blocked, unblocked or their two-factor reset,
    /// and a refused sign-in (or password change) that locked its user (UQ-LOCKOUT-3).
    /// The path alone holds an assignment or user id, and an id outlives no deletion.
    #[serde(default)]
    pub subject: Option<String>,
    pub outcome: AuditOutcome,
    pub status: u16,
    pub client_addr: Option<String>,
    /// The actor's account, which decides who may read the event.
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEvent>,
    /// Pass as `after` for the next page; equal to the request's when nothing came.
    pub next_after: i64,
    /// The newest sequence number the caller may see.
    pub high_water: i64,
}

impl AuditEvent {
    /// SHA-256 over the event's content and the previous hash, as lowercase hex.
    /// Fields are length-prefixed so no two different events share a preimage.
    pub fn compute_hash(&self) -> String {
        let at = self.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let seq = self.seq.to_string();
        let status = self.status.to_string();
        let account = self.account_id.map(|a| a.to_string());
        let fields: [Option<&str>; 10] = [
            Some(&seq),
            Some(&at),
            self.actor.as_deref(),
            Some(&self.action),
            Some(&self.target),
            Some(self.outcome.as_str()),
            Some(&status),
            self.client_addr.as_deref(),
            account.as_deref(),
            Some(&self.prev_hash),
        ];
        let mut h = Sha256::new();
        for field in fields {
            match field {
                None => h.update(b"-"),
                Some(v) => {
                    h.update((v.len() as u64).to_be_bytes());
                    h.update(v.as_bytes());
                }
            }
        }
        // Hashed only when present, so events written before subjects were recorded keep
        // the hash they were chained with.
        if let Some(subject) = &self.subject {
            h.update(b"subject");
            h.update((subject.len() as u64).to_be_bytes());
            h.update(subject.as_bytes());
        }
        hex::encode(h.finalize())
    }

    /// True when the stored hash is the hash of the content.
    pub fn hash_is_valid(&self) -> bool {
        self.compute_hash() == self.hash
    }
}

/// Something a console user did with the cached audit log while maybe offline (audit the
/// auditor): sent at the next sync and appended to the service's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConsoleAuditRecord {
    /// When it happened on the console.
    pub at: DateTime<Utc>,
    /// `viewed`, `searched` or `exported`.
    #[schema(pattern = "^(viewed|searched|exported)$")]
    pub action: String,
    /// What: the filter, the search words, the export format.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ConsoleAuditBatch {
    /// At most 1000 records at a time.
    #[schema(max_items = 1000)]
    pub items: Vec<ConsoleAuditRecord>,
}

/// Why an event does not fit the chain it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChainBreak {
    /// The stored hash is not the hash of the content: the event was changed.
    HashMismatch,
    /// It does not link to the previous event of its partition: one is missing or changed.
    LinkBroken,
    /// Its sequence number does not grow.
    OutOfOrder,
}

/// Walks events in sequence order and keeps the head hash of every partition it has seen.
/// Resumable: `heads` and `last_seq` are all it needs to go on with the next page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChainVerifier {
    pub heads: std::collections::HashMap<Option<i64>, String>,
    pub last_seq: i64,
}

impl ChainVerifier {
    pub fn check(&mut self, e: &AuditEvent) -> Result<(), ChainBreak> {
        if e.seq <= self.last_seq {
            return Err(ChainBreak::OutOfOrder);
        }
        let expected = self
            .heads
            .get(&e.account_id)
            .map_or(GENESIS_HASH, String::as_str);
        if e.prev_hash != expected {
            return Err(ChainBreak::LinkBroken);
        }
        if !e.hash_is_valid() {
            return Err(ChainBreak::HashMismatch);
        }
        self.last_seq = e.seq;
        self.heads.insert(e.account_id, e.hash.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> AuditEvent {
        let mut e = AuditEvent {
            seq: 1,
            at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            actor: Some("manager@demo.example".into()),
            action: "GET /api/v1/me".into(),
            target: "/api/v1/me".into(),
            subject: None,
            outcome: AuditOutcome::Allowed,
            status: 200,
            client_addr: Some("127.0.0.1".into()),
            account_id: Some(1),
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        };
        e.hash = e.compute_hash();
        e
    }

    /// Clause FZ-AUDIT: any change to an event's content breaks its hash.
    #[test]
    fn fz_audit_hash_detects_any_change() {
        let e = event();
        assert!(e.hash_is_valid());
        let mut changed = e.clone();
        changed.outcome = AuditOutcome::Refused;
        assert!(!changed.hash_is_valid());
        let mut moved = e.clone();
        moved.actor = None;
        assert!(!moved.hash_is_valid());
        let mut relinked = e;
        relinked.prev_hash = "1".repeat(64);
        assert!(!relinked.hash_is_valid());
    }

    /// Clause FZ-AUDIT: the subject is part of what the hash proves, and an event without
    /// one keeps the hash it had before subjects were recorded (pinned here).
    #[test]
    fn fz_audit_subject_is_hashed_and_old_hashes_stand() {
        assert_eq!(
            event().hash,
            "a9700c2637b07580f3db8641e8819a6a60293d9fd6da6688d768f493a8d3b9fe"
        );
        let mut granted = event();
        granted.subject = Some("alice@demo.example".into());
        granted.hash = granted.compute_hash();
        assert_ne!(granted.hash, event().hash);
        let mut renamed = granted.clone();
        renamed.subject = Some("mallory@demo.example".into());
        assert!(!renamed.hash_is_valid());
        let mut dropped = granted;
        dropped.subject = None;
        assert!(!dropped.hash_is_valid());
    }

    /// Clause FZ-AUDIT: partitions chain separately; a missing or changed event is found.
    #[test]
    fn fz_audit_verifier_follows_each_partition() {
        let mut events = Vec::new();
        let mut heads: std::collections::HashMap<Option<i64>, String> = Default::default();
        for seq in 1..=6 {
            let mut e = event();
            e.seq = seq;
            e.account_id = if seq % 2 == 0 { Some(1) } else { None };
            e.prev_hash = heads
                .get(&e.account_id)
                .cloned()
                .unwrap_or(GENESIS_HASH.into());
            e.hash = e.compute_hash();
            heads.insert(e.account_id, e.hash.clone());
            events.push(e);
        }
        let mut v = ChainVerifier::default();
        assert!(events.iter().all(|e| v.check(e).is_ok()));

        let mut v = ChainVerifier::default();
        let gap: Vec<_> = events.iter().filter(|e| e.seq != 3).collect();
        let found = gap
            .iter()
            .map(|e| (e.seq, v.check(e)))
            .find(|(_, r)| r.is_err());
        assert_eq!(found, Some((5, Err(ChainBreak::LinkBroken))));

        let mut changed = events.clone();
        changed[3].actor = Some("someone-else".into());
        let mut v = ChainVerifier::default();
        let found = changed
            .iter()
            .map(|e| (e.seq, v.check(e)))
            .find(|(_, r)| r.is_err());
        assert_eq!(found, Some((4, Err(ChainBreak::HashMismatch))));
    }

    #[test]
    fn outcome_follows_status_class() {
        assert_eq!(AuditOutcome::from_status(201), AuditOutcome::Allowed);
        assert_eq!(AuditOutcome::from_status(423), AuditOutcome::Refused);
        assert_eq!(AuditOutcome::from_status(503), AuditOutcome::Failed);
    }
}
