-- Users and teams can be disabled: their keys stop working without being revoked one by one.
ALTER TABLE users ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE teams ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
