-- Nightly snapshots of the whole service database and what they hold (4S-BACKUP-NIGHTLY).
CREATE TABLE backups (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    file        TEXT,
    size_bytes  INTEGER,
    sha256      TEXT,
    row_counts  TEXT,
    duration_ms INTEGER,
    error       TEXT,
    retention   TEXT NOT NULL DEFAULT 'daily' CHECK (retention IN ('daily', 'weekly', 'expired')),
    pruned_at   TEXT
);
CREATE INDEX backups_by_date ON backups (local_date);

-- Restore drills (UQ-RESTORE-DRILL): each result is recorded, pass or fail with the reason.
CREATE TABLE backup_drills (
    id          INTEGER PRIMARY KEY,
    backup_id   INTEGER NOT NULL REFERENCES backups(id),
    started_at  TEXT NOT NULL,
    passed      INTEGER NOT NULL,
    reason      TEXT,
    duration_ms INTEGER NOT NULL
);

-- A missed night or a failed drill is a visible failure (FZ-BACKUP-DAILY).
CREATE TABLE backup_alerts (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('missed_backup', 'failed_backup', 'failed_drill')),
    subject  TEXT NOT NULL,
    message  TEXT NOT NULL,
    UNIQUE (kind, subject)
);

-- Customers' restore requests (4S-RESTORE-REQUEST) and every step they took.
CREATE TABLE restore_requests (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    requested_by   INTEGER NOT NULL REFERENCES users(id),
    scope          TEXT NOT NULL CHECK (scope IN ('full', 'channel')),
    channel_id     INTEGER REFERENCES channels(id),
    backup_id      INTEGER NOT NULL REFERENCES backups(id),
    status         TEXT NOT NULL,
    estimate_hours REAL,
    note           TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE TABLE restore_request_steps (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES restore_requests(id),
    status     TEXT NOT NULL,
    at         TEXT NOT NULL,
    by_user    TEXT NOT NULL,
    note       TEXT
);
