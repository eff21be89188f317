-- Fallbacks a deployment caused: a request it failed moved on to another deployment. Counted on the rows of the
-- deployment left (the request itself counts on the row of the deployment that answered).
ALTER TABLE usage_rollups ADD COLUMN fallbacks_caused BIGINT NOT NULL DEFAULT 0;
