-- Alert channels added through the admin API. The webhook address and the signing secret are credentials: stored
-- sealed by the gateway's secret key (SecretBox), like a stored provider's API key.
CREATE TABLE alert_channels (
    name              TEXT PRIMARY KEY NOT NULL,
    type              TEXT NOT NULL,
    url_ciphertext    TEXT NOT NULL,
    secret_ciphertext TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
