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

    private static final String SELECT = "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, "
            + "tenant_id, client_address FROM audit_log";
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
        return append(new Origin(actor, Optional.empty(), Optional.empty()), action, entity, entityId, detailJson);
    }

    /**
     * Who made a change, the tenant it touched and where it came from.
     *
     * @param actor who made it
     * @param tenantId the tenant the change touched, if it touched one
     * @param clientAddress the client's address, when known
     */
    public record Origin(String actor, Optional<String> tenantId, Optional<String> clientAddress) {
    }

    /**
     * Records a change at the end of the chain, with its tenant and client address (both covered by the hash when
     * present; an entry without them hashes as entries always did).
     *
     * @return the entry as stored
     */
    public AuditEntry append(Origin origin, String action, String entity, String entityId, String detailJson) {
        String actor = origin.actor();
        Optional<String> tenantId = origin.tenantId();
        Optional<String> address = origin.clientAddress().map(a -> a.length() > 64 ? a.substring(0, 64) : a);
        Instant at = Columns.now(clock);
        return database.jdbi().inTransaction(handle -> {
            StoreRevision.lock(handle, database.dialect());
            String prevHash = handle.createQuery("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .mapTo(String.class).findOne().orElse(GENESIS_HASH);
            String hash = hash(prevHash, at, actor, action, entity, entityId, detailJson, tenantId, address);
            long seq = handle.createUpdate("INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, "
                    + "prev_hash, hash, tenant_id, client_address) VALUES (:at, :actor, :action, :entity, :entityId, "
                    + ":detail, :prevHash, :hash, :tenantId, :address)")
                    .bind("at", at.toEpochMilli())
                    .bind("actor", actor)
                    .bind("action", action)
                    .bind("entity", entity)
                    .bind("entityId", entityId)
                    .bind("detail", detailJson)
                    .bind("prevHash", prevHash)
                    .bind("hash", hash)
                    .bind("tenantId", tenantId.orElse(null))
                    .bind("address", address.orElse(null))
                    .executeAndReturnGeneratedKeys("seq")
                    .mapTo(Long.class)
                    .one();
            return new AuditEntry(seq, at, actor, action, entity, entityId, detailJson, prevHash, hash, tenantId,
                    address);
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
        return list(from, to, limit, beforeSeq, Optional.empty());
    }

    /**
     * Entries newest first, as {@link #list(Optional, Optional, int, Optional)}, but only those recorded with one of
     * these tenants when {@code tenants} is given (an entry without a tenant is then left out).
     */
    public List<AuditEntry> list(Optional<Instant> from, Optional<Instant> to, int limit, Optional<Long> beforeSeq,
                                 Optional<java.util.Set<String>> tenants) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE + ", got " + limit);
        }
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        from.ifPresent(t -> sql.append(" AND at >= :from"));
        to.ifPresent(t -> sql.append(" AND at < :to"));
        beforeSeq.ifPresent(s -> sql.append(" AND seq < :beforeSeq"));
        tenants.ifPresent(t -> sql.append(t.isEmpty() ? " AND 1 = 0" : " AND tenant_id IN (<tenants>)"));
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        return database.jdbi().withHandle(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("limit", limit);
            from.ifPresent(t -> query.bind("from", t.toEpochMilli()));
            to.ifPresent(t -> query.bind("to", t.toEpochMilli()));
            beforeSeq.ifPresent(s -> query.bind("beforeSeq", s));
            tenants.filter(t -> !t.isEmpty()).ifPresent(t -> query.bindList("tenants", List.copyOf(t)));
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
                            e.detailJson(), e.tenantId(), e.clientAddress());
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
        return hash(prevHash, at, actor, action, entity, entityId, detailJson, Optional.empty(), Optional.empty());
    }

    /** The hash with the tenant and address, each added as {@code t=} / {@code a=} fields only when present. */
    static String hash(String prevHash, Instant at, String actor, String action, String entity, String entityId,
                       String detailJson, Optional<String> tenantId, Optional<String> clientAddress) {
        StringBuilder canonical = new StringBuilder();
        java.util.List<String> fields = new java.util.ArrayList<>(List.of(prevHash, Long.toString(at.toEpochMilli()),
                actor, action, entity, entityId, detailJson));
        tenantId.ifPresent(t -> fields.add("t=" + t));
        clientAddress.ifPresent(a -> fields.add("a=" + a));
        for (String field : fields) {
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
                rs.getString("prev_hash"), rs.getString("hash"), Columns.optionalString(rs, "tenant_id"),
                Columns.optionalString(rs, "client_address"));
    }
}
