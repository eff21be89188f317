package dev.junction.admin;

import dev.junction.crypto.AdminTokens;
import dev.junction.rbac.DefaultRoles;
import dev.junction.rbac.Grants;
import dev.junction.rbac.Principal;
import dev.junction.rbac.Role;
import dev.junction.store.GovernanceStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Turns a service account's token, or a console user's session, into an {@link Actor} with the grants of its role
 * bindings, read from the store on every call (a disabled principal, a removed binding or an expired token take
 * effect at once). Store work runs on the database's threads; thread safe.
 */
final class PrincipalAccess {

    private final AuditedWrites store;
    private final AdminTokens tokens;
    private final Clock clock;

    PrincipalAccess(AuditedWrites store, AdminTokens tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The token material of service accounts. */
    AdminTokens tokens() {
        return tokens;
    }

    /** The service account of this token, if it is enabled and its token has not expired. */
    CompletableFuture<Optional<Actor>> byToken(String token, Optional<String> address) {
        if (!AdminTokens.looksLikeToken(token)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<String> hashes = tokens.hashes(token);
        return store.read(s -> hashes.stream().map(hash -> s.principals().byTokenHash(hash))
                .flatMap(Optional::stream).findFirst()
                .filter(p -> p.kind() == Principal.Kind.SERVICE && p.enabled())
                .filter(p -> p.tokenExpiresAt().map(t -> clock.instant().isBefore(t)).orElse(true))
                .map(p -> actor(s, p, address)));
    }

    /** The console user of a session, if it still exists and is enabled. */
    CompletableFuture<Optional<Actor>> byPrincipal(String principalId, Optional<String> address) {
        return store.read(s -> s.principals().get(principalId).filter(Principal::enabled)
                .map(p -> actor(s, p, address)));
    }

    /** What the principal may do now. Blocking: on a database thread. */
    static Grants grants(GovernanceStore s, Principal p) {
        return Grants.of(p.bindings(), roles(s));
    }

    /** Finds a role by name, built-in first, then the stored ones. Blocking: on a database thread. */
    static Function<String, Optional<Role>> roles(GovernanceStore s) {
        List<Role> custom = s.roles().list();
        return name -> DefaultRoles.named(name).or(() -> custom.stream().filter(r -> r.name().equals(name))
                .findFirst());
    }

    private static Actor actor(GovernanceStore s, Principal p, Optional<String> address) {
        return Actor.of(p.actorName(), Optional.of(p.id()), grants(s, p), address);
    }
}
