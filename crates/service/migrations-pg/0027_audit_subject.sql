-- Whom an event's action was done to (a role granted, a user unlocked). Events written
-- before carry NULL, and their hashes, which leave a missing subject out, still verify.
ALTER TABLE audit_events ADD COLUMN subject TEXT;
