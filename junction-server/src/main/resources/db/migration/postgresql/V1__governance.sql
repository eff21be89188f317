-- The governance store, PostgreSQL dialect. Keep equivalent to ../sqlite and ../mysql.
-- Ids are prefixed text made by the application, times are epoch milliseconds, money is nano-dollars,
-- lists and maps are JSON text.

CREATE TABLE store_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO store_revision (id, revision) VALUES (1, 0);

CREATE TABLE tenants (
    id             VARCHAR(64) PRIMARY KEY NOT NULL,
    name           VARCHAR(255) NOT NULL UNIQUE,
    markup         DOUBLE PRECISION NOT NULL DEFAULT 0,
    rpm            BIGINT,
    tpm            BIGINT,
    max_concurrent INTEGER,
    allowed_models TEXT,
    metadata       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
INSERT INTO tenants (id, name, markup, metadata, created_at, updated_at)
VALUES ('ten_default', 'default', 0, '{}', CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT),
        CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT));

CREATE TABLE teams (
    id             VARCHAR(64) PRIMARY KEY NOT NULL,
    tenant_id      VARCHAR(64) NOT NULL,
    name           VARCHAR(255) NOT NULL,
    markup         DOUBLE PRECISION,
    rpm            BIGINT,
    tpm            BIGINT,
    max_concurrent INTEGER,
    allowed_models TEXT,
    metadata       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE users (
    id             VARCHAR(64) PRIMARY KEY NOT NULL,
    tenant_id      VARCHAR(64) NOT NULL,
    team_id        VARCHAR(64),
    name           VARCHAR(255) NOT NULL,
    email          TEXT,
    rpm            BIGINT,
    tpm            BIGINT,
    max_concurrent INTEGER,
    allowed_models TEXT,
    metadata       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE virtual_keys (
    id             VARCHAR(64) PRIMARY KEY NOT NULL,
    user_id        VARCHAR(64) NOT NULL,
    name           VARCHAR(255) NOT NULL,
    display_prefix TEXT NOT NULL,
    key_hash       VARCHAR(128) NOT NULL UNIQUE,
    allowed_models TEXT,
    ip_allow       TEXT NOT NULL,
    tags           TEXT NOT NULL,
    metadata       TEXT NOT NULL,
    rpm            BIGINT,
    tpm            BIGINT,
    max_concurrent INTEGER,
    expires_at     BIGINT,
    enabled        BOOLEAN NOT NULL DEFAULT TRUE,
    capture_bodies BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    last_used_at   BIGINT,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX virtual_keys_user ON virtual_keys (user_id);

CREATE TABLE budgets (
    id           VARCHAR(64) PRIMARY KEY NOT NULL,
    scope        VARCHAR(16) NOT NULL CHECK (scope IN ('key', 'user', 'team', 'tenant')),
    scope_id     VARCHAR(64) NOT NULL,
    amount_nanos BIGINT NOT NULL,
    period       VARCHAR(16) NOT NULL CHECK (period IN ('daily', 'weekly', 'monthly', 'total')),
    time_zone    VARCHAR(64) NOT NULL DEFAULT 'UTC',
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (scope, scope_id, period)
);

CREATE TABLE price_overrides (
    model                   VARCHAR(255) PRIMARY KEY NOT NULL,
    input_per_million       DOUBLE PRECISION NOT NULL,
    output_per_million      DOUBLE PRECISION NOT NULL,
    cached_read_per_million DOUBLE PRECISION,
    cache_write_per_million DOUBLE PRECISION,
    reasoning_per_million   DOUBLE PRECISION,
    per_image               DOUBLE PRECISION,
    per_second              DOUBLE PRECISION,
    updated_at              BIGINT NOT NULL
);

CREATE TABLE providers (
    name               VARCHAR(255) PRIMARY KEY NOT NULL,
    definition         TEXT NOT NULL,
    api_key_ciphertext TEXT,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);

CREATE TABLE routes (
    name       VARCHAR(255) PRIMARY KEY NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE request_logs (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id         VARCHAR(128) NOT NULL,
    started_at         BIGINT NOT NULL,
    key_name           TEXT NOT NULL,
    key_id             VARCHAR(64),
    user_id            VARCHAR(64),
    team_id            VARCHAR(64),
    tenant_id          VARCHAR(64),
    endpoint           TEXT NOT NULL,
    public_model       TEXT NOT NULL,
    provider           TEXT NOT NULL,
    deployment         TEXT NOT NULL,
    upstream_model     TEXT NOT NULL,
    stream             BOOLEAN NOT NULL,
    cache_hit          BOOLEAN NOT NULL,
    status             INTEGER NOT NULL,
    latency_ms         BIGINT NOT NULL,
    ttfb_ms            BIGINT NOT NULL,
    input_tokens       BIGINT NOT NULL,
    output_tokens      BIGINT NOT NULL,
    cached_read_tokens BIGINT NOT NULL,
    cache_write_tokens BIGINT NOT NULL,
    reasoning_tokens   BIGINT NOT NULL,
    metered_nanos      BIGINT NOT NULL,
    standard_nanos     BIGINT NOT NULL,
    charged_nanos      BIGINT NOT NULL,
    attempts           TEXT NOT NULL,
    error_type         TEXT,
    error_message      TEXT,
    request_body       TEXT,
    response_body      TEXT
);
CREATE INDEX request_logs_started ON request_logs (started_at);
CREATE INDEX request_logs_key ON request_logs (key_id, started_at);
CREATE INDEX request_logs_user ON request_logs (user_id, started_at);
CREATE INDEX request_logs_team ON request_logs (team_id, started_at);
CREATE INDEX request_logs_tenant ON request_logs (tenant_id, started_at);

CREATE TABLE audit_log (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash CHAR(64) NOT NULL,
    hash      CHAR(64) NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The head of the audit chain: appends lock this row, so the chain has one order even with many writers.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');
