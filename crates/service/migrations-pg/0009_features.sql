CREATE TABLE user_features (
    user_id    BIGINT NOT NULL REFERENCES users(id),
    feature    TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, feature)
);
