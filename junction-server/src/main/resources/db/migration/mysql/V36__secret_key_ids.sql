-- Which secret key each stored hash was made under (issue 19, secret rotation): the id (fingerprint) of the key ring's
-- key. Null for hashes made before key ids; the gateway fills those in while it runs with a single secret key, the one
-- they must have been made under.
ALTER TABLE virtual_keys ADD COLUMN hash_key_id VARCHAR(32);
ALTER TABLE principals ADD COLUMN token_key_id VARCHAR(32);
