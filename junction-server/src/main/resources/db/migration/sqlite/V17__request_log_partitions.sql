-- PostgreSQL only: the request log in monthly partitions (see the postgresql migration of this number). SQLite and
-- MySQL/MariaDB keep one table, and retention deletes in batches.
SELECT 1;
