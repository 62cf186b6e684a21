-- The time step of the last TOTP code accepted, so that no code is accepted twice
-- (RFC 6238 section 5.2). Seeds in totp_secret are sealed with the service's key from now
-- on; the service seals any older plain seed when it starts.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
