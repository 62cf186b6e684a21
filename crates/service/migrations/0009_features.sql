-- Features each user switched on or off (4S-FEATURE-TOGGLES); a missing row means the default.
CREATE TABLE user_features (
    user_id    INTEGER NOT NULL REFERENCES users(id),
    feature    TEXT NOT NULL,
    enabled    INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (user_id, feature)
);
