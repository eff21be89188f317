package dev.junction.store;

import dev.junction.entity.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;

/**
 * The append-only, tamper-evident record of configuration changes. Each entry's hash covers the previous entry's hash
 * and its own fields, so changing or removing an entry breaks the chain from there on ({@link #verify()} finds
 * where). Appends take the store lock, so the chain has one order across all writers. Blocking and thread safe: run
 * it on a database thread ({@link Database#call}).
 *
 * <p>An append joins the caller's transaction when the caller already holds a JDBI handle on this thread, so a
 * change and its audit entry can commit together.
 */
public final class AuditTrail {

    /** The previous hash of the first entry. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final String SELECT = "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash "
            + "FROM audit_log";
    private static final int MAX_PAGE = 1000;

    private final Database database;
    private final Clock clock;

    /** The audit trail of this database, timestamped by this clock. */
    public AuditTrail(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records a change at the end of the chain.
     *
     * @param actor who made it
     * @param action {@code <entity>.<verb>}, e.g. {@code key.create}
     * @param entity the kind of thing changed
     * @param entityId its id or name
     * @param detailJson what changed, as JSON; never a secret
     * @return the entry as stored
     */
    public AuditEntry append(String actor, String action, String entity, String entityId, String detailJson) {
        Instant at = Columns.now(clock);
        return database.jdbi().inTransaction(handle -> {
            StoreRevision.lock(handle, database.dialect());
            String prevHash = handle.createQuery("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .mapTo(String.class).findOne().orElse(GENESIS_HASH);
            String hash = hash(prevHash, at, actor, action, entity, entityId, detailJson);
            long seq = handle.createUpdate("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, "
                    + "prev_hash, hash) VALUES (:at, :actor, :action, :entity, :entityId, :detail, :prevHash, :hash)")
                    .bind("at", at.toEpochMilli())
                    .bind("actor", actor)
                    .bind("action", action)
                    .bind("entity", entity)
                    .bind("entityId", entityId)
                    .bind("detail", detailJson)
                    .bind("prevHash", prevHash)
                    .bind("hash", hash)
                    .executeAndReturnGeneratedKeys("seq")
                    .mapTo(Long.class)
                    .one();
            return new AuditEntry(seq, at, actor, action, entity, entityId, detailJson, prevHash, hash);
        });
    }

    /**
     * Entries newest first.
     *
     * @param from only entries at or after this time
     * @param to only entries before this time
     * @param limit at most this many, 1 to 1000
     * @param beforeSeq only entries before this position (the last {@code seq} of the previous page)
     */
    public List<AuditEntry> list(Optional<Instant> from, Optional<Instant> to, int limit, Optional<Long> beforeSeq) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", got " + limit);
        }
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        from.ifPresent(t -> sql.append(" AND at >= :from"));
        to.ifPresent(t -> sql.append(" AND at < :to"));
        beforeSeq.ifPresent(s -> sql.append(" AND seq < :beforeSeq"));
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        return database.jdbi().withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("limit", limit);
            from.ifPresent(t -> query.bind("from", t.toEpochMilli()));
            to.ifPresent(t -> query.bind("to", t.toEpochMilli()));
            beforeSeq.ifPresent(s -> query.bind("beforeSeq", s));
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    /**
     * Walks the whole chain in order and checks every link and every hash.
     *
     * @return the position of the first entry that was changed, or that follows a removed one; empty when intact
     */
    public Optional<Long> verify() {
        return database.jdbi().inTransaction(handle -> {
            try (ResultIterator<AuditEntry> entries = handle.createQuery(SELECT + " ORDER BY seq")
                    .setFetchSize(500).map((rs, ctx) -> read(rs)).iterator()) {
                String expectedPrev = GENESIS_HASH;
                while (entries.hasNext()) {
                    AuditEntry e = entries.next();
                    String recomputed = hash(e.prevHash(), e.at(), e.actor(), e.action(), e.entity(), e.entityId(),
                            e.detailJson());
                    if (!e.prevHash().equals(expectedPrev) || !e.hash().equals(recomputed)) {
                        return Optional.of(e.seq());
                    }
                    expectedPrev = e.hash();
                }
                return Optional.<Long>empty();
            }
        });
    }

    /**
     * The hash of an entry: hex SHA-256 over the previous hash and the fields, each written as its length, a colon
     * and its text, so no two different entries share an input.
     */
    static String hash(String prevHash, Instant at, String actor, String action, String entity, String entityId,
                       String detailJson) {
        StringBuilder canonical = new StringBuilder();
        for (String field : List.of(prevHash, Long.toString(at.toEpochMilli()), actor, action, entity, entityId,
                detailJson)) {
            canonical.append(field.length()).append(':').append(field).append('\n');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), Columns.instant(rs, "at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("entity"), rs.getString("entity_id"), rs.getString("detail"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
