-- An entry of the request log is known by its request id and start time: the writer delivers from its journal and
-- may deliver an entry again after a crash, and the sink skips those already stored. Earlier duplicates (a spool
-- replayed twice) are removed first, keeping the first stored; the rollups keep what they counted.
DELETE FROM request_logs WHERE id NOT IN (SELECT MIN(id) FROM request_logs GROUP BY request_id, started_at);
CREATE UNIQUE INDEX request_logs_entry ON request_logs (request_id, started_at);
