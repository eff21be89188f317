-- The response cache in the request log (issue 16): what the cache did for a request (exact or semantic for a hit,
-- miss, bypass; null when it did not apply) and, for a hit, the metered cost of the upstream call it saved. The request log's
-- parent table passes the columns to every partition.
ALTER TABLE request_logs ADD COLUMN cache_outcome VARCHAR(16);
ALTER TABLE request_logs ADD COLUMN cache_saved_nanos BIGINT NOT NULL DEFAULT 0;
