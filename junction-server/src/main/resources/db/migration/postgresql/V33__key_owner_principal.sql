-- The console user or service account that issued a virtual key (issue 17): a developer manages only the keys it
-- issued. Null for keys issued with an admin key or the CLI, and for every key from before.
ALTER TABLE virtual_keys ADD COLUMN owner_principal_id TEXT;
CREATE INDEX virtual_keys_owner_principal ON virtual_keys (owner_principal_id);
