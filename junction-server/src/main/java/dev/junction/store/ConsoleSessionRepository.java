package dev.junction.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The console's sessions. They are not governance state: writes do not move the {@link StoreRevision} (a sign-in
 * must not make every replica reload its snapshot), and every replica reads them here, so a session opened on one
 * works on all and a sign-out ends it on all. Blocking and thread safe: run it on a database thread
 * ({@link Database#call}).
 */
public final class ConsoleSessionRepository {

    private static final String SELECT = "SELECT token_hash, actor, key_fingerprint, created_at, last_seen_at, "
            + "expires_at, principal_id FROM console_sessions";

    private final Database database;

    ConsoleSessionRepository(Database database) {
        this.database = database;
    }

    /** Stores a new session. */
    public void insert(StoredConsoleSession session) {
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO console_sessions (token_hash, actor, "
                + "key_fingerprint, created_at, last_seen_at, expires_at, principal_id) VALUES (:hash, :actor, :fingerprint, "
                + ":created, :seen, :expires, :principal)")
                .bind("hash", session.tokenHash()).bind("actor", session.actor())
                .bind("fingerprint", session.keyFingerprint()).bind("created", session.createdAt().toEpochMilli())
                .bind("seen", session.lastSeenAt().toEpochMilli()).bind("expires", session.expiresAt().toEpochMilli())
                .bind("principal", session.principalId().orElse(null)).execute());
    }

    /** The session whose token has this digest. */
    public Optional<StoredConsoleSession> find(String tokenHash) {
        return database.jdbi().withHandle(handle -> handle.createQuery(SELECT + " WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new StoredConsoleSession(rs.getString("token_hash"), rs.getString("actor"),
                        rs.getString("key_fingerprint"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")),
                        java.util.Optional.ofNullable(rs.getString("principal_id"))))
                .findOne());
    }

    /** Records a call of the session. */
    public void touch(String tokenHash, Instant at) {
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE console_sessions SET last_seen_at = :at "
                + "WHERE token_hash = :hash AND last_seen_at < :at").bind("hash", tokenHash)
                .bind("at", at.toEpochMilli()).execute());
    }

    /**
     * Ends the session.
     *
     * @return whether it existed
     */
    public boolean delete(String tokenHash) {
        return database.jdbi().withHandle(handle -> handle.createUpdate(
                "DELETE FROM console_sessions WHERE token_hash = :hash").bind("hash", tokenHash).execute() > 0);
    }

    /**
     * Removes every session that is over: past its end, or idle since before this instant.
     *
     * @return how many were removed
     */
    public int deleteEnded(Instant now, Instant idleSince) {
        return database.jdbi().withHandle(handle -> handle.createUpdate("DELETE FROM console_sessions WHERE "
                + "expires_at <= :now OR last_seen_at < :idle").bind("now", now.toEpochMilli())
                .bind("idle", idleSince.toEpochMilli()).execute());
    }
}
