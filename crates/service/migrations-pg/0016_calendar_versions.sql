CREATE TABLE business_calendar_versions (
    account_id     BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    effective_from TEXT NOT NULL,
    time_zone      TEXT NOT NULL,
    days           TEXT NOT NULL,
    opens          TEXT NOT NULL,
    closes         TEXT NOT NULL,
    changed_by     TEXT,
    changed_at     TIMESTAMPTZ,
    PRIMARY KEY (account_id, effective_from)
);

INSERT INTO business_calendar_versions (account_id, effective_from, time_zone, days, opens, closes)
SELECT id, '0001-01', business_time_zone, business_days, business_opens, business_closes
FROM accounts
WHERE business_time_zone <> 'Europe/Helsinki' OR business_days <> '1,2,3,4,5'
   OR business_opens <> '07:00' OR business_closes <> '20:00';

ALTER TABLE accounts DROP COLUMN business_time_zone;
ALTER TABLE accounts DROP COLUMN business_days;
ALTER TABLE accounts DROP COLUMN business_opens;
ALTER TABLE accounts DROP COLUMN business_closes;
