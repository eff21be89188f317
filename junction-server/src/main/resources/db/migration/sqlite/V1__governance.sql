-- The governance store, SQLite dialect. Keep equivalent to ../postgresql and ../mysql.
-- Ids are prefixed text made by the application, times are epoch milliseconds, money is nano-dollars,
-- lists and maps are JSON text.

CREATE TABLE store_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO store_revision (id, revision) VALUES (1, 0);

CREATE TABLE tenants (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL UNIQUE,
    markup         REAL NOT NULL DEFAULT 0,
    rpm            INTEGER,
    tpm            INTEGER,
    max_concurrent INTEGER,
    allowed_models TEXT,
    metadata       TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
INSERT INTO tenants (id, name, markup, metadata, created_at, updated_at)
VALUES ('ten_default', 'default', 0, '{}', CAST(strftime('%s', 'now') AS INTEGER) * 1000,
        CAST(strftime('%s', 'now') AS INTEGER) * 1000);

CREATE TABLE teams (
    id             TEXT PRIMARY KEY NOT NULL,
    tenant_id      TEXT NOT NULL,
    name           TEXT NOT NULL,
    markup         REAL,
    rpm            INTEGER,
    tpm            INTEGER,
    max_concurrent INTEGER,
    allowed_models TEXT,
    metadata       TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY NOT NULL,
    tenant_id      TEXT NOT NULL,
    team_id        TEXT,
    name           TEXT NOT NULL,
    email          TEXT,
    rpm            INTEGER,
    tpm            INTEGER,
    max_concurrent INTEGER,
    allowed_models TEXT,
    metadata       TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id) REFERENCES tenants (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE INDEX users_team ON users (team_id);

CREATE TABLE virtual_keys (
    id             TEXT PRIMARY KEY NOT NULL,
    user_id        TEXT NOT NULL,
    name           TEXT NOT NULL,
    display_prefix TEXT NOT NULL,
    key_hash       TEXT NOT NULL UNIQUE,
    allowed_models TEXT,
    ip_allow       TEXT NOT NULL,
    tags           TEXT NOT NULL,
    metadata       TEXT NOT NULL,
    rpm            INTEGER,
    tpm            INTEGER,
    max_concurrent INTEGER,
    expires_at     INTEGER,
    enabled        INTEGER NOT NULL DEFAULT 1,
    capture_bodies INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    last_used_at   INTEGER,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX virtual_keys_user ON virtual_keys (user_id);

CREATE TABLE budgets (
    id           TEXT PRIMARY KEY NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('key', 'user', 'team', 'tenant')),
    scope_id     TEXT NOT NULL,
    amount_nanos INTEGER NOT NULL,
    period       TEXT NOT NULL CHECK (period IN ('daily', 'weekly', 'monthly', 'total')),
    time_zone    TEXT NOT NULL DEFAULT 'UTC',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (scope, scope_id, period)
);

CREATE TABLE price_overrides (
    model                   TEXT PRIMARY KEY NOT NULL,
    input_per_million       REAL NOT NULL,
    output_per_million      REAL NOT NULL,
    cached_read_per_million REAL,
    cache_write_per_million REAL,
    reasoning_per_million   REAL,
    per_image               REAL,
    per_second              REAL,
    updated_at              INTEGER NOT NULL
);

CREATE TABLE providers (
    name               TEXT PRIMARY KEY NOT NULL,
    definition         TEXT NOT NULL,
    api_key_ciphertext TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

CREATE TABLE routes (
    name       TEXT PRIMARY KEY NOT NULL,
    definition TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE request_logs (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id         TEXT NOT NULL,
    started_at         INTEGER NOT NULL,
    key_name           TEXT NOT NULL,
    key_id             TEXT,
    user_id            TEXT,
    team_id            TEXT,
    tenant_id          TEXT,
    endpoint           TEXT NOT NULL,
    public_model       TEXT NOT NULL,
    provider           TEXT NOT NULL,
    deployment         TEXT NOT NULL,
    upstream_model     TEXT NOT NULL,
    stream             INTEGER NOT NULL,
    cache_hit          INTEGER NOT NULL,
    status             INTEGER NOT NULL,
    latency_ms         INTEGER NOT NULL,
    ttfb_ms            INTEGER NOT NULL,
    input_tokens       INTEGER NOT NULL,
    output_tokens      INTEGER NOT NULL,
    cached_read_tokens INTEGER NOT NULL,
    cache_write_tokens INTEGER NOT NULL,
    reasoning_tokens   INTEGER NOT NULL,
    metered_nanos      INTEGER NOT NULL,
    standard_nanos     INTEGER NOT NULL,
    charged_nanos      INTEGER NOT NULL,
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
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The head of the audit chain: appends lock this row, so the chain has one order even with many writers.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_hash) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000');
