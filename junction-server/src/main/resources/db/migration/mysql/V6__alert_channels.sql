-- Alert channels added through the admin API. The webhook address and the signing secret are credentials: stored
-- sealed by the gateway's secret key (SecretBox), like a stored provider's API key.
CREATE TABLE alert_channels (
    name              VARCHAR(255) PRIMARY KEY NOT NULL,
    type              VARCHAR(32) NOT NULL,
    url_ciphertext    TEXT NOT NULL,
    secret_ciphertext TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
