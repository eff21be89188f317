-- A random identity for the store, made once: the replicas of one store use it to find each other on a shared Redis.
CREATE TABLE store_identity (
    id  INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    uid VARCHAR(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO store_identity (id, uid) VALUES (1, replace(UUID(), '-', ''));
