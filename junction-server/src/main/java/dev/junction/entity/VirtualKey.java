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
 * An API key the gateway issued to a user. The key itself is shown once and never stored: the store keeps its hash
 * (to find the key on each request) and a display prefix (to recognise it in the admin UI). Immutable.
 *
 * @param id {@code key_…}
 * @param userId its owner; never changes
 * @param name what the owner calls it
 * @param displayPrefix the start and end of the key, e.g. {@code jk-AbCd…wXyZ}
 * @param keyHash the key's hash, hex; never changes
 * @param allowedModels the public models it may use; empty for all
 * @param ipAllow the CIDR ranges it may be used from; empty for anywhere
 * @param tags free-form tags, reported in the request log
 * @param metadata free-form labels
 * @param limits the key's own rate limits
 * @param expiresAt when it stops working, if ever
 * @param enabled whether it works at all
 * @param captureBodies whether the request log keeps the bodies of its requests
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param revokedAt when it was revoked: disabled for good, it can never be enabled again
 * @param disabledCapabilities the operations it may not be used for (images, rerank, …); empty for none
 * @param ownerPrincipalId the console user or service account that issued it ({@code prn_…}); empty for a key issued
 *     with an admin key or the CLI. A principal that may manage only its own keys reaches only these; never changes
 */
public record VirtualKey(String id, String userId, String name, String displayPrefix, String keyHash,
                         List<String> allowedModels, List<String> ipAllow, List<String> tags,
                         Map<String, String> metadata, RateLimits limits, Optional<Instant> expiresAt,
                         boolean enabled, boolean captureBodies, Instant createdAt, Instant updatedAt,
                         Optional<Instant> revokedAt, Set<OperationKind> disabledCapabilities,
                         Optional<String> ownerPrincipalId) {

    /** Copies the collections. */
    public VirtualKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(keyHash, "keyHash");
        allowedModels = List.copyOf(allowedModels);
        ipAllow = List.copyOf(ipAllow);
        tags = List.copyOf(tags);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        disabledCapabilities = Set.copyOf(disabledCapabilities);
        Objects.requireNonNull(ownerPrincipalId, "ownerPrincipalId");
    }

    /** A key no principal issued (an admin key's or the CLI's). */
    public VirtualKey(String id, String userId, String name, String displayPrefix, String keyHash,
                      List<String> allowedModels, List<String> ipAllow, List<String> tags,
                      Map<String, String> metadata, RateLimits limits, Optional<Instant> expiresAt,
                      boolean enabled, boolean captureBodies, Instant createdAt, Instant updatedAt,
                      Optional<Instant> revokedAt, Set<OperationKind> disabledCapabilities) {
        this(id, userId, name, displayPrefix, keyHash, allowedModels, ipAllow, tags, metadata, limits, expiresAt,
                enabled, captureBodies, createdAt, updatedAt, revokedAt, disabledCapabilities, Optional.empty());
    }

    /** A key that may be used for every operation. */
    public VirtualKey(String id, String userId, String name, String displayPrefix, String keyHash,
                      List<String> allowedModels, List<String> ipAllow, List<String> tags,
                      Map<String, String> metadata, RateLimits limits, Optional<Instant> expiresAt,
                      boolean enabled, boolean captureBodies, Instant createdAt, Instant updatedAt,
                      Optional<Instant> revokedAt) {
        this(id, userId, name, displayPrefix, keyHash, allowedModels, ipAllow, tags, metadata, limits, expiresAt,
                enabled, captureBodies, createdAt, updatedAt, revokedAt, Set.of());
    }

    /** Whether this principal issued the key. */
    public boolean issuedBy(Optional<String> principalId) {
        return principalId.isPresent() && ownerPrincipalId.equals(principalId);
    }

    /** Whether the key was revoked (it is then disabled for good). */
    public boolean revoked() {
        return revokedAt.isPresent();
    }

    /** The fields an update may change, as they are now. */
    public Spec spec() {
        return new Spec(name, allowedModels, ipAllow, tags, metadata, limits, expiresAt, enabled, captureBodies,
                disabledCapabilities);
    }

    /**
     * What a caller chooses when creating or updating a key; the store adds the id, owner, hash, prefix and times.
     *
     * @param name what the owner calls it
     * @param allowedModels the public models it may use; empty for all
     * @param ipAllow the CIDR ranges it may be used from; empty for anywhere
     * @param tags free-form tags
     * @param metadata free-form labels
     * @param limits the rate limits
     * @param expiresAt when it stops working, if ever
     * @param enabled whether it works at all
     * @param captureBodies whether the request log keeps the bodies of its requests
     * @param disabledCapabilities the operations it may not be used for; empty for none
     */
    public record Spec(String name, List<String> allowedModels, List<String> ipAllow, List<String> tags,
                       Map<String, String> metadata, RateLimits limits, Optional<Instant> expiresAt,
                       boolean enabled, boolean captureBodies, Set<OperationKind> disabledCapabilities) {

        /** Copies the collections. */
        public Spec {
            Objects.requireNonNull(name, "name");
            allowedModels = List.copyOf(allowedModels);
            ipAllow = List.copyOf(ipAllow);
            tags = List.copyOf(tags);
            metadata = Map.copyOf(metadata);
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(expiresAt, "expiresAt");
            disabledCapabilities = Set.copyOf(disabledCapabilities);
        }

        /** A spec that disables no operation. */
        public Spec(String name, List<String> allowedModels, List<String> ipAllow, List<String> tags,
                    Map<String, String> metadata, RateLimits limits, Optional<Instant> expiresAt,
                    boolean enabled, boolean captureBodies) {
            this(name, allowedModels, ipAllow, tags, metadata, limits, expiresAt, enabled, captureBodies, Set.of());
        }
    }
}
