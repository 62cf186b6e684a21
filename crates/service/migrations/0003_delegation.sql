-- Per-account sign-in rules (4S-SSO, UQ-NO-SOCIAL-LOGIN: social sign-in is off by default).
ALTER TABLE accounts ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN third_party_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN social_sign_in INTEGER NOT NULL DEFAULT 0;

-- The TOTP seed is a secret: it is answered once at enrolment and never again.
-- totp_enrolled_at is set by the first sign-in that proves the authenticator works.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enrolled_at TEXT;

CREATE INDEX role_assignments_by_scope ON role_assignments (scope_level, scope_id);
