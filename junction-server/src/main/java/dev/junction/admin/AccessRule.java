package dev.junction.admin;

import dev.junction.rbac.Permission;
import java.util.Objects;
import java.util.Optional;

/**
 * What an admin route needs: a permission, and how far it must reach. Immutable.
 *
 * @param permission the permission the route needs
 * @param reach how the permission's tenants are checked
 * @param target for {@link Reach#PATH}: the kind of thing the path names, whose tenant must be in reach
 * @param param for {@link Reach#PATH}: the path parameter that names it
 * @param own the permission that opens the route for the caller's own things only (the virtual keys it issued):
 *     in a tenant where the caller holds it but not {@code permission}, a path naming another principal's key answers
 *     404 and a list leaves those keys out; empty when the route has no such alternative
 */
record AccessRule(Permission permission, Reach reach, Optional<TenantOf.Kind> target, String param,
                  Optional<Permission> own) {

    /** How a route's permission must reach. */
    enum Reach {
        /** Any authenticated caller (its own session, {@code /me}). */
        SIGNED_IN,
        /** The permission in every tenant: instance resources (settings, providers, prices…). */
        INSTANCE,
        /** The permission in some tenant; data not owned by a tenant and holding no secret (prices, route names). */
        SHARED,
        /** The permission in some tenant; the resource narrows what it reads or writes to the caller's tenants. */
        TENANTS,
        /** The permission in the tenant of the thing the path names; another tenant's thing answers 404. */
        PATH
    }

    /** Checks that a path rule names its target. */
    AccessRule {
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(reach, "reach");
        Objects.requireNonNull(target, "target");
        if (reach == Reach.PATH && target.isEmpty()) {
            throw new IllegalArgumentException("a path rule names what its path points at");
        }
        Objects.requireNonNull(own, "own");
        if (own.isPresent() && !(reach == Reach.TENANTS || reach == Reach.PATH && target.get() == TenantOf.Kind.KEY)) {
            throw new IllegalArgumentException("only key paths and tenant-narrowed lists have an own-keys alternative");
        }
    }

    /** This rule, also open to a caller that holds {@code ownOnly} for its own keys. */
    AccessRule orOwn(Permission ownOnly) {
        return new AccessRule(permission, reach, target, param, Optional.of(ownOnly));
    }

    static AccessRule instance(Permission p) {
        return new AccessRule(p, Reach.INSTANCE, Optional.empty(), "", Optional.empty());
    }

    static AccessRule shared(Permission p) {
        return new AccessRule(p, Reach.SHARED, Optional.empty(), "", Optional.empty());
    }

    static AccessRule tenants(Permission p) {
        return new AccessRule(p, Reach.TENANTS, Optional.empty(), "", Optional.empty());
    }

    static AccessRule path(Permission p, TenantOf.Kind kind) {
        return new AccessRule(p, Reach.PATH, Optional.of(kind), "id", Optional.empty());
    }

    static AccessRule signedIn() {
        // The permission is not checked for SIGNED_IN; tenants:read is what such a route could reveal at most.
        return new AccessRule(Permission.TENANTS_READ, Reach.SIGNED_IN, Optional.empty(), "", Optional.empty());
    }
}
