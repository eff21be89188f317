-- The request log in monthly partitions on PostgreSQL, so that retention drops whole months instead of deleting
-- rows one batch at a time. The existing table becomes the partition of everything before next month (its rows
-- stay where they are; its indexes are kept and matched to the new parent's); the gateway's retention job creates
-- the months ahead (and drops the old ones); a default partition takes any row no month covers, so a write never
-- fails for want of one. The primary key becomes (id, started_at), as a partitioned table needs its key to hold the
-- partition column; ids keep counting from where they were.
DO $$
DECLARE
  next_id BIGINT;
  month_start TIMESTAMPTZ := date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  ix RECORD;
  pk TEXT;
  m INT;
BEGIN
  SELECT COALESCE(max(id), 0) + 1 INTO next_id FROM request_logs;
  SELECT conname INTO pk FROM pg_constraint WHERE conrelid = 'request_logs'::regclass AND contype = 'p';
  EXECUTE format('ALTER TABLE request_logs DROP CONSTRAINT %I', pk);
  ALTER TABLE request_logs ALTER COLUMN id DROP IDENTITY;
  ALTER TABLE request_logs RENAME TO request_logs_p_legacy;
  CREATE TABLE request_logs (LIKE request_logs_p_legacy INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMMENTS)
      PARTITION BY RANGE (started_at);
  EXECUTE format('ALTER TABLE request_logs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START WITH %s)',
      next_id);
  ALTER TABLE request_logs ADD PRIMARY KEY (id, started_at);
  -- The same indexes on the parent, under their names; the old table's are renamed and attached by ATTACH below.
  FOR ix IN SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'request_logs_p_legacy'::regclass LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', ix.name, left(ix.name, 50) || '_legacy');
    EXECUTE replace(replace(ix.def, 'INDEX ' || ix.name || ' ON ', 'INDEX ' || ix.name || ' ON ONLY '),
        'request_logs_p_legacy', 'request_logs');
  END LOOP;
  EXECUTE format('ALTER TABLE request_logs ATTACH PARTITION request_logs_p_legacy FOR VALUES FROM (MINVALUE) TO (%s)',
      (extract(epoch FROM month_start + interval '1 month') * 1000)::BIGINT);
  FOR m IN 1..3 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF request_logs FOR VALUES FROM (%s) TO (%s)',
        'request_logs_p' || to_char(month_start + make_interval(months => m), 'YYYYMM'),
        (extract(epoch FROM month_start + make_interval(months => m)) * 1000)::BIGINT,
        (extract(epoch FROM month_start + make_interval(months => m + 1)) * 1000)::BIGINT);
  END LOOP;
  CREATE TABLE request_logs_p_default PARTITION OF request_logs DEFAULT;
END $$;
