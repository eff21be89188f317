-- Console sessions: a signed-in browser's cookie token, kept only as its SHA-256, with the admin key it was opened
-- with (a keyed fingerprint: a rotated or removed admin key ends its sessions), and the times that end it.
CREATE TABLE console_sessions (
    token_hash      VARCHAR(64) PRIMARY KEY NOT NULL,
    actor           VARCHAR(255) NOT NULL,
    key_fingerprint VARCHAR(64) NOT NULL,
    created_at      BIGINT NOT NULL,
    last_seen_at    BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL
);
