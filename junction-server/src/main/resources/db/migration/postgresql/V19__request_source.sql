-- Where a request came from: 'api' (a data-plane client) or 'playground' (an operator trying a route from the
-- console, which spends no budget). The default views of spend and analytics count 'api' only; budgets too. The
-- rollups carry it as one more dimension (its value is part of dims_hash for rows written from now on; older rows
-- are all 'api'). On PostgreSQL the request log's parent table passes the column to every partition.
ALTER TABLE request_logs ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'api';
ALTER TABLE usage_rollups ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'api';
