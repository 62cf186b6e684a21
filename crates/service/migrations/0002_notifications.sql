-- Messages to one user (role granted, maintenance announced, contact changed...), read or not.
CREATE TABLE user_notifications (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX user_notifications_by_user ON user_notifications (user_id, id);
