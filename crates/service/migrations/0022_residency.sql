-- Data residency (4S-SUBPROC): an account may keep its data in Europe; a message that
-- would go to a sub-processor outside Europe is then held, with the reason kept.
CREATE TABLE account_residency (
    account_id     INTEGER PRIMARY KEY REFERENCES accounts(id),
    keep_in_europe INTEGER NOT NULL,
    changed_at     TEXT NOT NULL,
    changed_by     TEXT NOT NULL
);

-- The status CHECK gains 'held'; SQLite changes a CHECK only by rebuilding the table.
CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    address         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'retrying', 'held')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT,
    held_reason     TEXT
);
INSERT INTO outbox_new (id, user_id, channel, address, subject, body, status, attempts, last_error,
                        created_at, next_attempt_at, sent_at)
    SELECT id, user_id, channel, address, subject, body, status, attempts, last_error,
           created_at, next_attempt_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_user ON outbox (user_id, id);
