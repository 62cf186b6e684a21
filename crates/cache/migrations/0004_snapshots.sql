-- The last answer a panel showed, per profile, so it can be shown offline with its age.
CREATE TABLE snapshots (
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    taken_at   TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (profile_id, key)
);
