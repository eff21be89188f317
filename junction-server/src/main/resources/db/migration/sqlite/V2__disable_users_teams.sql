-- Users and teams can be disabled: their keys stop working without being revoked one by one.
ALTER TABLE users ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
