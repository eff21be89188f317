-- Facts about the store's own history. 'rollups_complete_since': from this time (epoch milliseconds) on, every
-- request-log entry is also counted in the usage rollups (their writes share a transaction), so spend and budget
-- figures may read the rollups; before it, entries written before the rollups existed are read from the log itself.
CREATE TABLE store_marks (
    name VARCHAR(64) PRIMARY KEY NOT NULL,
    at_millis BIGINT NOT NULL
);
INSERT INTO store_marks (name, at_millis) VALUES ('rollups_complete_since', CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED));
