-- Who may use the admin API besides the configured admin keys: console users (an e-mail and an Argon2id password
-- hash, or no password for single sign-on only) and service accounts (an admin API token, kept as a keyed hash and a
-- display prefix, with an expiry). Failed sign-ins are counted for the lockout.
CREATE TABLE principals (
    id               VARCHAR(64) PRIMARY KEY NOT NULL,
    kind             VARCHAR(16) NOT NULL,
    name             VARCHAR(255) NOT NULL,
    email            VARCHAR(255),
    password_hash    TEXT,
    token_hash       VARCHAR(64),
    token_prefix     VARCHAR(32),
    token_expires_at BIGINT,
    enabled          BOOLEAN NOT NULL DEFAULT TRUE,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    UNIQUE (email),
    UNIQUE (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Custom roles: a name and a set of permissions of the same vocabulary as the built-in roles (a JSON array).
CREATE TABLE custom_roles (
    name        VARCHAR(64) PRIMARY KEY NOT NULL,
    description TEXT NOT NULL,
    permissions TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Role bindings: a principal holds a role in one tenant, or in every tenant ('*').
CREATE TABLE role_bindings (
    principal_id VARCHAR(64) NOT NULL,
    role         VARCHAR(64) NOT NULL,
    tenant_id    VARCHAR(64) NOT NULL,
    PRIMARY KEY (principal_id, role, tenant_id),
    FOREIGN KEY (principal_id) REFERENCES principals (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A console session now belongs to a principal (empty for the configured admin keys' sessions).
ALTER TABLE console_sessions ADD COLUMN principal_id VARCHAR(64);

-- The audit trail records the tenant an action touched and the client's address; the hash covers them when set.
ALTER TABLE audit_log ADD COLUMN tenant_id VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN client_address VARCHAR(64);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, seq);
