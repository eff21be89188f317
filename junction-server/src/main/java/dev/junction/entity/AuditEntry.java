package dev.junction.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change recorded in the tamper-evident audit trail. Immutable.
 *
 * @param seq its position; increasing, possibly with gaps
 * @param at when it was recorded
 * @param actor who made the change (an admin key's name, {@code system}, …)
 * @param action what was done, {@code <entity>.<verb>}, e.g. {@code key.create}
 * @param entity the kind of thing changed, e.g. {@code key}
 * @param entityId the id or name of the thing changed
 * @param detailJson what changed, as JSON (never a secret)
 * @param prevHash the hash of the entry before it; 64 zeros for the first
 * @param hash the hex SHA-256 of {@code prevHash} and this entry's fields
 * @param tenantId the tenant the change touched, when it touched one (and was recorded with it)
 * @param clientAddress the address the change came from (the client behind trusted proxies), when known
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String entity, String entityId,
                         String detailJson, String prevHash, String hash, Optional<String> tenantId,
                         Optional<String> clientAddress) {

    /** Checks that nothing is missing. */
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(detailJson, "detailJson");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }
}
