-- Responses the Responses API stored (store: true), continued by previous_response_id and read back by id.
CREATE TABLE stored_responses (
    id          TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    key_id      TEXT,
    model       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    input_count INTEGER NOT NULL,
    items       TEXT NOT NULL,
    response    TEXT NOT NULL
);
CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);
