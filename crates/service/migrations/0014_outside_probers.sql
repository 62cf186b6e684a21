-- Honest uptime (4S-SLA): probers outside the service report samples and heartbeats;
-- push monitors are down once a heartbeat is `interval_s + grace_s` late.
ALTER TABLE monitors ADD COLUMN grace_s INTEGER NOT NULL DEFAULT 60 CHECK (grace_s BETWEEN 0 AND 86400);

CREATE TABLE probers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- Unix seconds: when a prober was running.
CREATE TABLE prober_heartbeats (
    prober_id INTEGER NOT NULL REFERENCES probers(id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    PRIMARY KEY (prober_id, at)
) WITHOUT ROWID;

-- Closed months' SLA reports, kept once computed (sla_report.rs): `inputs` is a hash of the
-- calendar version, the maintenance cut out and the evidence rule they were measured with.
CREATE TABLE sla_month_reports (
    monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    month      TEXT NOT NULL,
    inputs     TEXT NOT NULL,
    report     TEXT NOT NULL,
    PRIMARY KEY (monitor_id, month, inputs)
);
