-- A random identity for the store, made once: the replicas of one store use it to find each other on a shared Redis.
CREATE TABLE store_identity (
    id  INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    uid TEXT NOT NULL
);
INSERT INTO store_identity (id, uid) VALUES (1, lower(hex(randomblob(16))));
