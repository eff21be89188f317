-- Responses the Responses API stored (store: true), continued by previous_response_id and read back by id.
CREATE TABLE stored_responses (
    id          VARCHAR(64) PRIMARY KEY,
    owner       VARCHAR(128) NOT NULL,
    key_id      VARCHAR(64),
    model       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    input_count INTEGER NOT NULL,
    items       TEXT NOT NULL,
    response    TEXT NOT NULL
);
CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);
