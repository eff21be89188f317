-- An entry of the request log is known by its request id and start time: the writer delivers from its journal and
-- may deliver an entry again after a crash, and the sink skips those already stored. Earlier duplicates (a spool
-- replayed twice) are removed first, keeping the first stored; the rollups keep what they counted. On the
-- partitioned table the unique index holds the partition column, as PostgreSQL requires.
DELETE FROM request_logs a USING request_logs b
    WHERE a.request_id = b.request_id AND a.started_at = b.started_at AND a.id > b.id;
CREATE UNIQUE INDEX request_logs_entry ON request_logs (request_id, started_at);
