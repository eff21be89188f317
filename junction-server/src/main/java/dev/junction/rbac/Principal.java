package dev.junction.rbac;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone or something that may use the admin API besides the configured admin keys. Immutable; holds no secret
 * (the password hash and the token hash stay in the store).
 *
 * @param id {@code prn_…}
 * @param kind a console user or a service account
 * @param name the display name
 * @param email a console user's e-mail, lowercase (how it signs in); empty for service accounts
 * @param hasPassword whether a password is set (a console user without one signs in by single sign-on only)
 * @param tokenPrefix a service account's token as it may be shown ({@code jsa-AbCd…wXyZ})
 * @param tokenExpiresAt when a service account's token stops working; empty for never
 * @param enabled whether it may sign in or call at all
 * @param bindings its roles, per tenant
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Principal(String id, Kind kind, String name, Optional<String> email, boolean hasPassword,
                        Optional<String> tokenPrefix, Optional<Instant> tokenExpiresAt, boolean enabled,
                        List<RoleBinding> bindings, Instant createdAt, Instant updatedAt) {

    /** What a principal is. */
    public enum Kind {
        /** A person, who signs in to the console. */
        USER,
        /** Automation, with an admin API token. */
        SERVICE;

        /** The name the API and the store use: {@code user}, {@code service}. */
        public String id() {
            return this == USER ? "user" : "service";
        }

        /** The kind of this name. */
        public static Optional<Kind> byId(String id) {
            return switch (id) {
                case "user" -> Optional.of(USER);
                case "service" -> Optional.of(SERVICE);
                default -> Optional.empty();
            };
        }
    }

    /** Checks that nothing is missing; copies the bindings. */
    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(tokenPrefix, "tokenPrefix");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The same principal with other bindings. */
    public Principal withBindings(List<RoleBinding> other) {
        return new Principal(id, kind, name, email, hasPassword, tokenPrefix, tokenExpiresAt, enabled, other,
                createdAt, updatedAt);
    }

    /** The name the audit trail records: {@code user:<email>} or {@code service:<name>}, with the id. */
    public String actorName() {
        return kind.id() + ":" + email.orElse(name) + " (" + id + ")";
    }
}
