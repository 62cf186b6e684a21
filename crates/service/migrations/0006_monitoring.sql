-- The business calendar the SLA is measured in (4S-SLA), per account.
ALTER TABLE accounts ADD COLUMN business_time_zone TEXT NOT NULL DEFAULT 'Europe/Helsinki';
ALTER TABLE accounts ADD COLUMN business_days TEXT NOT NULL DEFAULT '1,2,3,4,5';
ALTER TABLE accounts ADD COLUMN business_opens TEXT NOT NULL DEFAULT '07:00';
ALTER TABLE accounts ADD COLUMN business_closes TEXT NOT NULL DEFAULT '20:00';

CREATE TABLE monitors (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('http', 'push')),
    target     TEXT,
    interval_s INTEGER NOT NULL DEFAULT 60 CHECK (interval_s BETWEEN 10 AND 86400),
    paused     INTEGER NOT NULL DEFAULT 0,
    builtin    INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX monitors_one_builtin ON monitors (builtin) WHERE builtin = 1;

-- Unix seconds keep a year of minute samples (525,600 rows a monitor) small and fast.
CREATE TABLE monitor_samples (
    monitor_id  INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    up          INTEGER NOT NULL,
    status_code INTEGER,
    latency_ms  INTEGER,
    PRIMARY KEY (monitor_id, at)
) WITHOUT ROWID;

CREATE TABLE incident_notes (
    monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    note       TEXT NOT NULL,
    author     TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (monitor_id, started_at)
);
