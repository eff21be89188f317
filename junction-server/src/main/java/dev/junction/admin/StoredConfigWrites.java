package dev.junction.admin;

import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.json.Json;
import dev.junction.store.Database;
import dev.junction.store.GovernanceStore;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store writes behind {@link StoredConfigResource}: each change and its audit entry commit in one transaction
 * (the repositories and the audit trail join the transaction open on the calling thread). Audit details never hold a
 * secret. Blocking: call it on a database thread ({@link Database#call}), never on an event loop.
 */
final class StoredConfigWrites {

    /** What a provider write did to its key, for the audit trail. */
    enum KeyChange { REPLACED, KEPT, POOL, NONE }

    private final Database database;
    private final GovernanceStore store;

    StoredConfigWrites(Database database, GovernanceStore store) {
        this.database = database;
        this.store = store;
    }

    /**
     * Creates the provider, or replaces its definition; an empty {@code sealedKey} keeps the key already stored,
     * unless the definition holds a key pool.
     *
     * @param pooled whether the definition holds a key pool (sealed in it), which replaces any single key
     * @param auditDefinition the definition as the audit trail may show it (header values and keys masked)
     * @param tenantId the tenant it belongs to; empty for a provider every tenant shares
     * @return whether it was created
     * @throws dev.junction.store.StoreConflict when another writer created it at the same moment
     * @throws AdminError when the tenant does not exist
     */
    boolean putProvider(String actor, String name, String definitionJson, Optional<String> sealedKey,
                        boolean pooled, JsonNode auditDefinition, Optional<String> tenantId) {
        return database.jdbi().inTransaction(handle -> {
            if (tenantId.isPresent() && store.tenants().get(tenantId.get()).isEmpty()) {
                throw AdminError.invalid("'tenant_id': there is no tenant '" + tenantId.get() + "'.");
            }
            Optional<StoredProvider> current = store.providers().get(name);
            Optional<String> key = pooled ? sealedKey
                    : sealedKey.or(() -> current.flatMap(StoredProvider::apiKeyCiphertext));
            StoredProvider provider = new StoredProvider(name, definitionJson, key, tenantId);
            if (current.isEmpty()) {
                store.providers().create(provider);
            } else {
                store.providers().update(provider);
            }
            KeyChange change = pooled ? KeyChange.POOL : sealedKey.isPresent() ? KeyChange.REPLACED
                    : key.isPresent() ? KeyChange.KEPT : KeyChange.NONE;
            ObjectNode detail = Json.object().put("created", current.isEmpty())
                    .put("api_key", change.name().toLowerCase(Locale.ROOT));
            tenantId.ifPresent(t -> detail.put("tenant_id", t));
            detail.set("definition", auditDefinition);
            store.audit().append(actor, "provider.put", "provider", name, Json.write(detail));
            return current.isEmpty();
        });
    }

    /**
     * Deletes the provider.
     *
     * @return whether it existed
     */
    boolean deleteProvider(String actor, String name) {
        return database.jdbi().inTransaction(handle -> {
            boolean deleted = store.providers().delete(name);
            if (deleted) {
                store.audit().append(actor, "provider.delete", "provider", name, "{}");
            }
            return deleted;
        });
    }

    /**
     * Creates the route, or replaces its definition.
     *
     * @return whether it was created
     * @throws dev.junction.store.StoreConflict when another writer created it at the same moment
     */
    boolean putRoute(String actor, String name, JsonNode definition) {
        return database.jdbi().inTransaction(handle -> {
            StoredRoute route = new StoredRoute(name, Json.write(definition));
            boolean created = store.routes().get(name).isEmpty();
            if (created) {
                store.routes().create(route);
            } else {
                store.routes().update(route);
            }
            ObjectNode detail = Json.object().put("created", created);
            detail.set("definition", definition);
            store.audit().append(actor, "route.put", "route", name, Json.write(detail));
            return created;
        });
    }

    /**
     * Deletes the route.
     *
     * @return whether it existed
     */
    boolean deleteRoute(String actor, String name) {
        return database.jdbi().inTransaction(handle -> {
            boolean deleted = store.routes().delete(name);
            if (deleted) {
                store.audit().append(actor, "route.delete", "route", name, "{}");
            }
            return deleted;
        });
    }
}
