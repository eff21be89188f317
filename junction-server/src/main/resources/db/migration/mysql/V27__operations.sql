-- Operations beyond chat (issue 15). What a request consumed besides tokens, as JSON (unit name to quantity, e.g.
-- {"image:1024x1024:hd": 2}); null for token-only requests.
ALTER TABLE request_logs ADD COLUMN units TEXT;
-- A price override's unit prices, as JSON (unit name to US dollars per unit); per_image and per_second keep the plain
-- image and audio_second prices for older readers.
ALTER TABLE price_overrides ADD COLUMN units TEXT;
-- The operations a tenant's or a key's callers may not use, as a JSON list of wire names; null when none is disabled.
ALTER TABLE tenants ADD COLUMN disabled_capabilities TEXT;
ALTER TABLE virtual_keys ADD COLUMN disabled_capabilities TEXT;
