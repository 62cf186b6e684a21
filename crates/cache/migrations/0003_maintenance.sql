-- The last maintenance calendar fetched per profile, so the panel works offline.
CREATE TABLE maintenance_windows (
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    id         INTEGER NOT NULL,
    starts_at  TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (profile_id, id)
);

CREATE TABLE maintenance_fetches (
    profile_id TEXT PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
    fetched_at TEXT NOT NULL
);
