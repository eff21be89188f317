-- Alert rules added through the admin API, beside the configuration file's. The definition is the rule's JSON, with
-- the keys of a rule in the file's alerts.rules (type, by, threshold, window, ...); it holds no secret.
CREATE TABLE alert_rules (
    name       VARCHAR(255) PRIMARY KEY NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
