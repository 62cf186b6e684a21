CREATE TABLE account_residency (
    account_id     BIGINT PRIMARY KEY REFERENCES accounts(id),
    keep_in_europe BOOLEAN NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    changed_by     TEXT NOT NULL
);

-- PostgreSQL changes a CHECK in place (SQLite rebuilds the table).
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('queued', 'sent', 'failed', 'retrying', 'held'));
ALTER TABLE outbox ADD COLUMN held_reason TEXT;
