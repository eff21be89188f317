package dev.junction.entity;

import dev.junction.limit.RateLimits;
import dev.junction.routing.OperationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The top of the hierarchy: a customer or business unit, billed with its own markup. Immutable.
 *
 * @param id {@code ten_…}
 * @param name unique among tenants
 * @param markup added to the standard cost: 0.2 bills 20 % more, -0.1 gives a 10 % discount
 * @param limits the tenant's rate limits, shared by all its users
 * @param allowedModels the public models its callers may use; empty for all
 * @param metadata free-form labels
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param disabledCapabilities the operations its callers may not use (images, rerank, …); empty for none
 * @param settings its providers, routing strategy, body capture and retention
 */
public record Tenant(String id, String name, double markup, RateLimits limits, List<String> allowedModels,
                     Map<String, String> metadata, Instant createdAt, Instant updatedAt,
                     Set<OperationKind> disabledCapabilities, TenantSettings settings) {

    /** The id of the tenant every database starts with. */
    public static final String DEFAULT_ID = "ten_default";

    /** Copies the collections. */
    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        allowedModels = List.copyOf(allowedModels);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        disabledCapabilities = Set.copyOf(disabledCapabilities);
        Objects.requireNonNull(settings, "settings");
    }

    /** A tenant with the gateway's settings. */
    public Tenant(String id, String name, double markup, RateLimits limits, List<String> allowedModels,
                  Map<String, String> metadata, Instant createdAt, Instant updatedAt,
                  Set<OperationKind> disabledCapabilities) {
        this(id, name, markup, limits, allowedModels, metadata, createdAt, updatedAt, disabledCapabilities,
                TenantSettings.DEFAULTS);
    }

    /** A tenant whose callers may use every operation. */
    public Tenant(String id, String name, double markup, RateLimits limits, List<String> allowedModels,
                  Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
        this(id, name, markup, limits, allowedModels, metadata, createdAt, updatedAt, Set.of());
    }

    /** The fields an update may change, as they are now. */
    public Spec spec() {
        return new Spec(name, markup, limits, allowedModels, metadata, disabledCapabilities);
    }

    /**
     * What a caller chooses when creating or updating a tenant; the store adds the id and the times.
     *
     * @param name unique among tenants
     * @param markup see {@link Tenant#markup()}
     * @param limits the rate limits
     * @param allowedModels the public models its callers may use; empty for all
     * @param metadata free-form labels
     * @param disabledCapabilities the operations its callers may not use; empty for none
     */
    public record Spec(String name, double markup, RateLimits limits, List<String> allowedModels,
                       Map<String, String> metadata, Set<OperationKind> disabledCapabilities) {

        /** Copies the collections. */
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(limits, "limits");
            allowedModels = List.copyOf(allowedModels);
            metadata = Map.copyOf(metadata);
            disabledCapabilities = Set.copyOf(disabledCapabilities);
        }

        /** A spec that disables no operation. */
        public Spec(String name, double markup, RateLimits limits, List<String> allowedModels,
                    Map<String, String> metadata) {
            this(name, markup, limits, allowedModels, metadata, Set.of());
        }
    }
}
