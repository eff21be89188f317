-- The guardrails' results of a request: every distinct policy/detector/ENTITY_TYPE:action@direction, comma-separated
-- (never a matched value); null when no policy applied or nothing was found. On PostgreSQL the request log's parent
-- table passes the column to every partition.
ALTER TABLE request_logs ADD COLUMN guardrails VARCHAR(1000);
