package dev.junction.cache;

import dev.junction.entity.Attribution;
import java.util.Objects;

/**
 * Who may be served an entry. Always one tenant at most: {@code tenant:<id>}, narrowed to a team
 * ({@code tenant:<id>/team:<id>}) or a key ({@code tenant:<id>/key:<id>}). A caller without a tenant has a scope of
 * its own: a configured gateway key its name ({@code gateway-key:<name>}), a virtual key without a tenant its id, and
 * an open gateway's anonymous callers share {@code open}. Immutable.
 *
 * @param id the scope's name, part of every key made in it
 */
public record CacheScope(String id) {

    /** How narrow a scope is. */
    public enum Level { TENANT, TEAM, KEY }

    public CacheScope {
        Objects.requireNonNull(id);
    }

    /**
     * The scope of a caller at {@code level}.
     *
     * @param virtualKey whether the caller used a virtual key (else a configured key, or none on an open gateway)
     */
    public static CacheScope of(Attribution caller, boolean virtualKey, Level level) {
        if (!virtualKey) {
            return caller.keyName().equals("anonymous") && caller.keyId().isEmpty() ? new CacheScope("open")
                    : new CacheScope("gateway-key:" + caller.keyName());
        }
        String key = caller.keyId().orElse(caller.keyName());
        if (caller.tenantId().isEmpty()) {
            return new CacheScope("key:" + key);
        }
        String tenant = "tenant:" + caller.tenantId().get();
        return switch (level) {
            case TENANT -> new CacheScope(tenant);
            case TEAM -> new CacheScope(caller.teamId().map(t -> tenant + "/team:" + t).orElse(tenant));
            case KEY -> new CacheScope(tenant + "/key:" + key);
        };
    }

    /** Whether this is the key scope of the virtual key {@code keyId}. */
    public boolean isKeyScopeOf(String keyId) {
        return id.equals("key:" + keyId) || id.endsWith("/key:" + keyId);
    }

    /** Whether an entry made in {@code other} belongs to this scope or a narrower one inside it. */
    public boolean covers(CacheScope other) {
        return other.id.equals(id) || other.id.startsWith(id + "/");
    }
}
