-- Times are RFC 3339 text in UTC, as sqlx writes chrono values.
CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    min_password_len INTEGER NOT NULL DEFAULT 6 CHECK (min_password_len >= 6),
    lockout_minutes  INTEGER NOT NULL DEFAULT 15 CHECK (lockout_minutes > 0)
);

CREATE TABLE channels (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name       TEXT NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    account_id      INTEGER REFERENCES accounts(id),
    password_hash   TEXT NOT NULL,
    blocked         INTEGER NOT NULL DEFAULT 0,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);

-- scope_id is 0 for the platform so that UNIQUE also holds there (NULLs never collide).
CREATE TABLE role_assignments (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    role        TEXT NOT NULL,
    scope_level TEXT NOT NULL CHECK (scope_level IN ('platform', 'account', 'channel')),
    scope_id    INTEGER NOT NULL,
    granted_by  INTEGER REFERENCES users(id),
    granted_at  TEXT NOT NULL,
    UNIQUE (user_id, role, scope_level, scope_id)
);

-- Only the SHA-256 of a token is kept: a copy of this table signs nobody in.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT
);
CREATE INDEX sessions_live_by_user ON sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE user_activities (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX user_activities_by_user ON user_activities (user_id, id);

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
CREATE INDEX audit_events_by_account ON audit_events (account_id, seq);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
