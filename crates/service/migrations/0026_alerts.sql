-- Notices a job sends once (issue 19): a maintenance window about to start, and a monitor's
-- month turning at risk or breached, per account, month and status (4S-SLA).
ALTER TABLE maintenance_windows ADD COLUMN starting_notice_sent INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sla_alerts (
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    monitor_id INTEGER NOT NULL,
    month      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('at_risk', 'breached')),
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (account_id, monitor_id, month, status)
);
