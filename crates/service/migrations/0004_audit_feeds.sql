-- Audit chains per visibility partition: one chain per account and one for the platform
-- (events with no account). Whoever may read a partition can verify all of it: an account
-- manager sees every link of their account's chain. `seq` stays global (the feed's cursor);
-- `prev_hash` links to the previous event of the same partition.
-- Events written before this migration were chained globally; they stay readable, unchanged,
-- in audit_events_v1, which keeps its append-only triggers.
ALTER TABLE audit_events RENAME TO audit_events_v1;

CREATE TABLE audit_events (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    status      INTEGER NOT NULL,
    client_addr TEXT,
    account_id  INTEGER,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_events_partition ON audit_events (account_id, seq);

CREATE TRIGGER audit_events_v2_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_v2_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;


-- Messages to an address (old and new e-mail or phone), delivered by the outbox worker.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    address         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'retrying')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_user ON outbox (user_id, id);

-- Marketing permissions (UQ-GDPR): the current state and every change, never overwritten.
CREATE TABLE consent_changes (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    purpose    TEXT NOT NULL,
    granted    INTEGER NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX consent_changes_by_user ON consent_changes (user_id, purpose, id);
