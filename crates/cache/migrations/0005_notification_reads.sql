-- A notification marked read in the console while the service could not be told: the read
-- is kept here and sent at the next feed sync.
ALTER TABLE notifications ADD COLUMN read_pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX activities_by_user ON activities (source, user_id, id);
