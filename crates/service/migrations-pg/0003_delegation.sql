ALTER TABLE accounts ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN third_party_only BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN social_sign_in BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enrolled_at TIMESTAMPTZ;

CREATE INDEX role_assignments_by_scope ON role_assignments (scope_level, scope_id);
