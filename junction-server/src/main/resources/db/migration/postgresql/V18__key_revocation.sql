-- A revoked key is disabled for good: revoked_at marks it, and the admin API refuses to enable it again. Keys
-- revoked before this column existed are found in the audit trail (the last key.revoke of a key still disabled).
ALTER TABLE virtual_keys ADD COLUMN revoked_at BIGINT;
UPDATE virtual_keys SET revoked_at = (SELECT MAX(a.at) FROM audit_log a WHERE a.action = 'key.revoke'
    AND a.entity = 'key' AND a.entity_id = virtual_keys.id)
    WHERE enabled = FALSE;
