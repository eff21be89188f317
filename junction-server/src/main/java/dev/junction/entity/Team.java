package dev.junction.entity;

import dev.junction.limit.RateLimits;
import dev.junction.routing.OperationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A group of users inside one tenant. Immutable.
 *
 * @param id {@code team_…}
 * @param tenantId the tenant it belongs to; never changes
 * @param name unique within the tenant
 * @param markup overrides the tenant's markup when present
 * @param limits the team's rate limits, shared by its users
 * @param allowedModels the public models its users may use; empty for all
 * @param metadata free-form labels
 * @param enabled whether its users' keys work; a disabled team's keys are refused
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param disabledCapabilities the operations its users may not use (images, rerank, …); empty for none
 */
public record Team(String id, String tenantId, String name, OptionalDouble markup, RateLimits limits,
                   List<String> allowedModels, Map<String, String> metadata, boolean enabled, Instant createdAt,
                   Instant updatedAt, Set<OperationKind> disabledCapabilities) {

    /** A team that may use every operation. */
    public Team(String id, String tenantId, String name, OptionalDouble markup, RateLimits limits,
                List<String> allowedModels, Map<String, String> metadata, boolean enabled, Instant createdAt,
                Instant updatedAt) {
        this(id, tenantId, name, markup, limits, allowedModels, metadata, enabled, createdAt, updatedAt, Set.of());
    }

    /** Copies the collections. */
    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(markup, "markup");
        Objects.requireNonNull(limits, "limits");
        allowedModels = List.copyOf(allowedModels);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        disabledCapabilities = Set.copyOf(disabledCapabilities);
    }

    /** The fields an update may change, as they are now. */
    public Spec spec() {
        return new Spec(name, markup, limits, allowedModels, metadata, enabled, disabledCapabilities);
    }

    /**
     * What a caller chooses when creating or updating a team; the store adds the id, the tenant and the times.
     *
     * @param name unique within the tenant
     * @param markup overrides the tenant's markup when present
     * @param limits the rate limits
     * @param allowedModels the public models its users may use; empty for all
     * @param metadata free-form labels
     * @param enabled whether its users' keys work
     * @param disabledCapabilities the operations its users may not use; empty for none
     */
    public record Spec(String name, OptionalDouble markup, RateLimits limits, List<String> allowedModels,
                       Map<String, String> metadata, boolean enabled, Set<OperationKind> disabledCapabilities) {

        /** A team that may use every operation. */
        public Spec(String name, OptionalDouble markup, RateLimits limits, List<String> allowedModels,
                    Map<String, String> metadata, boolean enabled) {
            this(name, markup, limits, allowedModels, metadata, enabled, Set.of());
        }

        /** Copies the collections. */
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(markup, "markup");
            Objects.requireNonNull(limits, "limits");
            allowedModels = List.copyOf(allowedModels);
            metadata = Map.copyOf(metadata);
            disabledCapabilities = Set.copyOf(disabledCapabilities);
        }
    }
}
