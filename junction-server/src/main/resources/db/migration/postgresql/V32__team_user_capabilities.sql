-- The operations a team's or a user's callers may not use (issue 15), as a JSON list of wire names, like tenants' and
-- keys' since V27; null when none is disabled.
ALTER TABLE teams ADD COLUMN disabled_capabilities TEXT;
ALTER TABLE users ADD COLUMN disabled_capabilities TEXT;
