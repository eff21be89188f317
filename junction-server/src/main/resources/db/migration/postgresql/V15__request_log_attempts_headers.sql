-- Per-attempt detail (deployment, provider, status, reason, start offset, duration, first/retry/fallback) and the
-- response headers the client got (the gateway's own and rate-limit ones, bounded), each as a JSON text column
-- written with the row. Rows logged before keep them NULL; their attempts summary string stays readable.
ALTER TABLE request_logs ADD COLUMN attempt_log TEXT;
ALTER TABLE request_logs ADD COLUMN response_headers TEXT;
