-- Third-party sign-in (4S-SSO, UQ-NO-SOCIAL-LOGIN). No client secret and no token of a
-- provider is ever stored here (FZ-THIRD-PARTY-PW): only the public settings, the links
-- and a pending flow's nonce.
CREATE TABLE identity_providers (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    name          TEXT NOT NULL,
    issuer        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('workforce', 'social')),
    link_by_email INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    UNIQUE (account_id, issuer, client_id)
);

CREATE TABLE identity_links (
    provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    linked_at   TEXT NOT NULL,
    PRIMARY KEY (provider_id, subject),
    UNIQUE (provider_id, user_id)
);

-- A started third-party sign-in: the flow id's SHA-256 and the nonce the ID token must
-- carry. Deleted when a session is issued; ignored after expires_at.
CREATE TABLE sign_in_flows (
    id         INTEGER PRIMARY KEY,
    flow_hash  TEXT NOT NULL UNIQUE,
    nonce      TEXT NOT NULL,
    account_id INTEGER,
    expires_at TEXT NOT NULL
);

-- Sessions issued through a provider: turning on third-party-only sign-in needs one.
CREATE TABLE third_party_sessions (
    session_id  INTEGER PRIMARY KEY REFERENCES sessions(id),
    provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE
);
