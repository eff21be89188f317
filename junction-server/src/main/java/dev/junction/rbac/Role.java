package dev.junction.rbac;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named set of permissions: one of the built-in roles ({@link DefaultRoles}) or a custom one an operator stored.
 * Immutable.
 *
 * @param name lowercase letters, digits and dashes, such as {@code tenant-admin}
 * @param description what the role is for
 * @param permissions what it allows
 * @param builtIn whether it is one of {@link DefaultRoles} (those cannot be changed or deleted)
 */
public record Role(String name, String description, Set<Permission> permissions, boolean builtIn) {

    /** What a role's name may be. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** Checks the name; copies the permissions. */
    public Role {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a role name is lowercase letters, digits and dashes, got " + name);
        }
        Objects.requireNonNull(description, "description");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** Whether the role allows this. */
    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }
}
