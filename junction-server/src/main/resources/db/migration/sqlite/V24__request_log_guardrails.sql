-- The guardrails' results of a request: every distinct policy/detector/ENTITY_TYPE:action@direction, comma-separated
-- (never a matched value); null when no policy applied or nothing was found.
ALTER TABLE request_logs ADD COLUMN guardrails TEXT;
