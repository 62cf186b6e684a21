-- Maintenance windows (4S-MAINT-*). affected_components is a JSON array of names.
-- status moves scheduled -> in_progress -> completed by the clock, or to cancelled by hand.
CREATE TABLE maintenance_windows (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    impact              TEXT NOT NULL DEFAULT '',
    affected_components TEXT NOT NULL DEFAULT '[]',
    starts_at           TEXT NOT NULL,
    ends_at             TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'scheduled'
                        CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
    announced_at        TEXT,
    -- Occurrences expanded from one RRULE share the first one's id here.
    series_id           INTEGER,
    created_by          INTEGER REFERENCES users(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX maintenance_windows_by_start ON maintenance_windows (starts_at);

-- Releases, so that larger changes can be announced 7 days ahead (4S-CHANGE-NOTICE).
CREATE TABLE releases (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    ships_at      TEXT NOT NULL,
    larger_change INTEGER NOT NULL DEFAULT 0,
    announced_at  TEXT NOT NULL
);
