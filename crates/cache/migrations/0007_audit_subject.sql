-- Whom an event's action was done to (a role granted, a user unlocked), as the service now
-- records it. Events cached before stay as they were: NULL, and their hashes still verify.
ALTER TABLE audit_events ADD COLUMN subject TEXT;
