-- Offline copies of the audit log, kept per source (a server profile), synced by pages.
CREATE TABLE sources (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    source      INTEGER NOT NULL REFERENCES sources(id),
    seq         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    actor       TEXT,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    status      INTEGER NOT NULL,
    client_addr TEXT,
    account_id  INTEGER,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    -- The sync run that brought it, for "new since last sync".
    sync_run    INTEGER NOT NULL,
    UNIQUE (source, seq)
);

-- Full-text index over the searchable text; rows are added in the page's transaction.
CREATE VIRTUAL TABLE audit_fts USING fts5(
    actor, action, target, client_addr,
    content = 'audit_events', content_rowid = 'id',
    tokenize = "unicode61 tokenchars '@.+'"
);

-- Where each feed of each source stands. Written in the same transaction as the page it
-- follows, so a killed sync resumes with no gap and no duplicate.
CREATE TABLE sync_state (
    source        INTEGER NOT NULL REFERENCES sources(id),
    feed          TEXT NOT NULL,
    cursor        INTEGER NOT NULL DEFAULT 0,
    high_water    INTEGER NOT NULL DEFAULT 0,
    -- The chain verifier's partition heads, JSON [[account_id|null, hash], ...].
    chain_heads   TEXT NOT NULL DEFAULT '[]',
    broken_seq    INTEGER,
    broken_reason TEXT,
    run           INTEGER NOT NULL DEFAULT 0,
    -- The cursor when the latest run started: events after it are "new since last sync".
    run_from      INTEGER NOT NULL DEFAULT 0,
    -- 0 while a run is under way: a resumed run goes on with the same run number.
    run_done      INTEGER NOT NULL DEFAULT 1,
    synced_at     TEXT,
    PRIMARY KEY (source, feed)
);

-- Audit the auditor: what this console's user viewed, searched and exported, kept until
-- it is sent to the service.
CREATE TABLE local_audit (
    id      INTEGER PRIMARY KEY,
    source  INTEGER NOT NULL REFERENCES sources(id),
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL,
    sent_at TEXT
);

-- Offline copies of the user activity and notification feeds (cursor in sync_state).
CREATE TABLE activities (
    source   INTEGER NOT NULL REFERENCES sources(id),
    id       INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    username TEXT NOT NULL,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    detail   TEXT NOT NULL,
    PRIMARY KEY (source, id)
) WITHOUT ROWID;

CREATE TABLE notifications (
    source  INTEGER NOT NULL REFERENCES sources(id),
    id      INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL,
    read_at TEXT,
    PRIMARY KEY (source, id)
) WITHOUT ROWID;
