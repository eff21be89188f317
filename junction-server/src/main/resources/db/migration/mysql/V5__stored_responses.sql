-- Responses the Responses API stored (store: true), continued by previous_response_id and read back by id.
CREATE TABLE stored_responses (
    id          VARCHAR(64) NOT NULL PRIMARY KEY,
    owner       VARCHAR(128) NOT NULL,
    key_id      VARCHAR(64),
    model       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    input_count INT NOT NULL,
    items       LONGTEXT NOT NULL,
    response    LONGTEXT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);
