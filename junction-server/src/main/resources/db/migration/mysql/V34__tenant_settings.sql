-- Per-tenant settings (issue 17), beside the tenant's markup and disabled capabilities: the providers its traffic may
-- use (a JSON list of provider names; null for all), the routing strategy its requests use in every route (null for
-- each route's own), how its request bodies are captured ('off', 'on', 'redacted'; null for as the key and the
-- configuration say) and how many days its request-log entries are kept (null for the gateway's retention).
ALTER TABLE tenants ADD COLUMN allowed_providers TEXT;
ALTER TABLE tenants ADD COLUMN routing_strategy VARCHAR(32);
ALTER TABLE tenants ADD COLUMN capture_policy VARCHAR(32);
ALTER TABLE tenants ADD COLUMN retention_days INTEGER;
