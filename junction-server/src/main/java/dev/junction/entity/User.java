package dev.junction.entity;

import dev.junction.limit.RateLimits;
import dev.junction.routing.OperationKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person or service that owns virtual keys, inside one tenant and at most one of its teams. Immutable.
 *
 * @param id {@code usr_…}
 * @param tenantId the tenant it belongs to; never changes
 * @param teamId its team (of the same tenant), when it is in one
 * @param name unique within the tenant
 * @param email a contact address
 * @param limits the user's rate limits, shared by its keys
 * @param allowedModels the public models its keys may use; empty for all
 * @param metadata free-form labels
 * @param enabled whether its keys work; a disabled user's keys are refused
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param disabledCapabilities the operations its keys may not be used for (images, rerank, …); empty for none
 */
public record User(String id, String tenantId, Optional<String> teamId, String name, Optional<String> email,
                   RateLimits limits, List<String> allowedModels, Map<String, String> metadata, boolean enabled,
                   Instant createdAt, Instant updatedAt, Set<OperationKind> disabledCapabilities) {

    /** A user who may use every operation. */
    public User(String id, String tenantId, Optional<String> teamId, String name, Optional<String> email,
                RateLimits limits, List<String> allowedModels, Map<String, String> metadata, boolean enabled,
                Instant createdAt, Instant updatedAt) {
        this(id, tenantId, teamId, name, email, limits, allowedModels, metadata, enabled, createdAt, updatedAt,
                Set.of());
    }

    /** Copies the collections. */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(limits, "limits");
        allowedModels = List.copyOf(allowedModels);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        disabledCapabilities = Set.copyOf(disabledCapabilities);
    }

    /** The fields an update may change, as they are now. */
    public Spec spec() {
        return new Spec(teamId, name, email, limits, allowedModels, metadata, enabled, disabledCapabilities);
    }

    /**
     * What a caller chooses when creating or updating a user; the store adds the id, the tenant and the times.
     *
     * @param teamId its team, which must belong to the user's tenant
     * @param name unique within the tenant
     * @param email a contact address
     * @param limits the rate limits
     * @param allowedModels the public models its keys may use; empty for all
     * @param metadata free-form labels
     * @param enabled whether its keys work
     * @param disabledCapabilities the operations its keys may not be used for; empty for none
     */
    public record Spec(Optional<String> teamId, String name, Optional<String> email, RateLimits limits,
                       List<String> allowedModels, Map<String, String> metadata, boolean enabled,
                       Set<OperationKind> disabledCapabilities) {

        /** A user who may use every operation. */
        public Spec(Optional<String> teamId, String name, Optional<String> email, RateLimits limits,
                    List<String> allowedModels, Map<String, String> metadata, boolean enabled) {
            this(teamId, name, email, limits, allowedModels, metadata, enabled, Set.of());
        }

        /** Copies the collections. */
        public Spec {
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(limits, "limits");
            allowedModels = List.copyOf(allowedModels);
            metadata = Map.copyOf(metadata);
            disabledCapabilities = Set.copyOf(disabledCapabilities);
        }
    }
}
