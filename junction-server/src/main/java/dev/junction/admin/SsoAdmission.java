package dev.junction.admin;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.Tenant;
import dev.junction.rbac.Principal;
import dev.junction.rbac.RoleBinding;
import dev.junction.sso.GroupMapping;
import dev.junction.store.GovernanceStore;
import dev.junction.store.PrincipalRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a verified ID token lets into the console: the console user of its e-mail, made at the first sign-in when
 * just-in-time creation is on, with the role bindings its groups map to, replaced at every sign-in (so a group
 * removed at the issuer takes the role away at the next sign-in). A token with no mapped group, an unverified or
 * missing e-mail, or a disabled user is refused with the reason. Changes are audited as {@code sso:oidc}. Thread
 * safe.
 */
final class SsoAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(SsoAdmission.class);

    /** The outcome of a sign-in: a principal to open a session for, or the reason to refuse. */
    sealed interface Result {
    }

    /** Let in. */
    record Admitted(Principal principal) implements Result {
    }

    /** Refused, with a reason for the user's own eyes. */
    record Refused(String reason) implements Result {
    }

    private final AuditedWrites writes;

    SsoAdmission(AuditedWrites writes) {
        this.writes = writes;
    }

    /** Admits or refuses the signed-in user of these claims. */
    CompletableFuture<Result> admit(JWTClaimsSet claims, GroupMapping mapping, boolean allowJit,
                                    Optional<String> address) {
        Optional<String> email = claim(claims, "email").map(e -> e.strip().toLowerCase(Locale.ROOT))
                .filter(e -> e.matches("[^@\\s]+@[^@\\s]+"));
        if (email.isEmpty()) {
            return CompletableFuture.completedFuture(new Refused("Your identity provider sent no e-mail address, "
                    + "and the console signs users in by e-mail. Ask an administrator to add the 'email' scope."));
        }
        if (Boolean.FALSE.equals(claims.getClaim("email_verified"))) {
            return CompletableFuture.completedFuture(new Refused("Your identity provider says the address "
                    + email.get() + " is not verified; verify it there and sign in again."));
        }
        List<String> groups = mapping.groups(claims);
        String name = claim(claims, "name").or(() -> claim(claims, "preferred_username")).orElse(email.get());
        Actor actor = Actor.of("sso:oidc", Optional.empty(), dev.junction.rbac.Grants.OWNER, address);
        return writes.write(actor, s -> admit(s, email.get(), name, groups, mapping, allowJit));
    }

    private static Outcome<Result> admit(GovernanceStore s, String email, String name, List<String> groups,
                                         GroupMapping mapping, boolean allowJit) {
        var roles = PrincipalAccess.roles(s);
        List<RoleBinding> bindings = mapping.bindings(groups, ref -> s.tenants().get(ref)
                .or(() -> s.tenants().findByName(ref)).map(Tenant::id)).stream().filter(b -> {
                    boolean known = roles.apply(b.role()).isPresent();
                    if (!known) {
                        LOG.warn("sso.oidc.role_mappings names the role '{}', which does not exist; it is skipped",
                                b.role());
                    }
                    return known;
                }).toList();
        if (bindings.isEmpty()) {
            LOG.info("Single sign-on refused for {}: none of its {} groups is mapped to a role", email,
                    groups.size());
            return Outcome.unchanged(new Refused("You signed in as " + email + ", but none of your groups is "
                    + "mapped to a role on this gateway. Ask an administrator to map one of your groups in "
                    + "sso.oidc.role_mappings."));
        }
        Optional<PrincipalRepository.Credentials> existing = s.principals().credentialsByEmail(email);
        if (existing.isPresent()) {
            Principal p = existing.get().principal();
            if (!p.enabled()) {
                return Outcome.unchanged(new Refused("The console user " + email + " is disabled."));
            }
            if (new HashSet<>(p.bindings()).equals(new HashSet<>(bindings))) {
                return Outcome.unchanged(new Admitted(p));
            }
            Principal after = s.principals().update(p.id(), p.name(), true, bindings).orElseThrow();
            return Outcome.changed(new Admitted(after), Entry.updated("principal", p.id(), PrincipalJson.render(p),
                    PrincipalJson.render(after)));
        }
        if (!allowJit) {
            return Outcome.unchanged(new Refused("There is no console user for " + email + ", and this gateway "
                    + "does not create them at sign-in. Ask an administrator to add you."));
        }
        Principal created = s.principals().create(new PrincipalRepository.NewPrincipal(Principal.Kind.USER, name,
                Optional.of(email), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                bindings));
        LOG.info("Single sign-on created the console user {} ({})", created.id(), email);
        return Outcome.changed(new Admitted(created), Entry.created("principal", created.id(),
                PrincipalJson.render(created)));
    }

    private static Optional<String> claim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }
}
