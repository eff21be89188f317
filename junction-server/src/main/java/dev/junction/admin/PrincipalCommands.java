package dev.junction.admin;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.crypto.AdminTokens;
import dev.junction.rbac.Passwords;
import dev.junction.rbac.Principal;
import dev.junction.rbac.RoleBinding;
import dev.junction.rbac.TenantScope;
import dev.junction.store.PrincipalRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating a principal, shared by the admin API and the CLI ({@code junction admins create}): the body's checks,
 * the grant rule ({@link PrincipalRules}), the audited write, and the answer with a service account's token (its
 * one showing). Thread safe.
 */
public final class PrincipalCommands {

    private static final Set<String> CREATE_FIELDS = Set.of("kind", "name", "email", "password", "bindings",
            "token_expires_in", "token_expires_at");

    private final AuditedWrites writes;
    private final AdminTokens tokens;
    private final Clock clock;

    /** Commands over these writes, making tokens with {@code tokens}. */
    public PrincipalCommands(AuditedWrites writes, AdminTokens tokens, Clock clock) {
        this.writes = writes;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Creates a principal from a {@code POST /api/admin/principals} body as {@code actor}.
     *
     * @param scope the tenants the actor's {@code principals:write} reaches
     * @param hasher hashes a password off the event loop (the CLI hashes on its own thread)
     * @return the principal as the API shows it, with {@code token} for a service account
     */
    public CompletionStage<ObjectNode> create(Actor actor, TenantScope scope, ObjectNode body,
                                              Function<Optional<String>, CompletionStage<Optional<String>>> hasher) {
        Fields f = Fields.of(body, CREATE_FIELDS);
        Principal.Kind kind = Principal.Kind.byId(f.requiredString("kind")).orElseThrow(() ->
                AdminError.invalid("'kind' must be 'user' or 'service'."));
        String name = f.requiredString("name").strip();
        List<RoleBinding> bindings = PrincipalsResource.bindings(body.get("bindings"));
        Optional<String> email = f.string("email").map(e -> e.strip().toLowerCase(Locale.ROOT));
        Optional<String> password = f.string("password");
        if (kind == Principal.Kind.USER && (email.isEmpty() || !email.get().matches("[^@\\s]+@[^@\\s]+"))) {
            throw AdminError.invalid("'email': a console user needs an e-mail address.");
        }
        if (kind == Principal.Kind.SERVICE && (email.isPresent() || password.isPresent())) {
            throw AdminError.invalid("A service account has no 'email' or 'password'; it gets a token.");
        }
        password.flatMap(Passwords::problem).ifPresent(p -> {
            throw AdminError.invalid("'password': " + p + ".");
        });
        Optional<Instant> expiry = kind == Principal.Kind.SERVICE ? expiry(f, clock) : Optional.empty();
        Optional<AdminTokens.NewToken> token = kind == Principal.Kind.SERVICE ? Optional.of(tokens.generate())
                : Optional.empty();
        return hasher.apply(password).thenCompose(hash -> writes.write(actor, s -> {
            PrincipalRules.requireGrantable(s, actor.grants(), scope, bindings);
            if (email.isPresent() && s.principals().credentialsByEmail(email.get()).isPresent()) {
                throw AdminError.conflict("A console user with the e-mail '" + email.get() + "' exists already.");
            }
            Principal p = s.principals().create(new PrincipalRepository.NewPrincipal(kind, name, email, hash,
                    token.map(AdminTokens.NewToken::hash), token.map(AdminTokens.NewToken::displayPrefix),
                    token.map(AdminTokens.NewToken::hashKeyId), expiry, bindings));
            return Outcome.changed(p, Entry.created("principal", p.id(), PrincipalJson.render(p)));
        })).thenApply(p -> {
            ObjectNode rendered = PrincipalJson.render(p);
            token.ifPresent(t -> rendered.put("token", t.plaintext().reveal()));
            return rendered;
        });
    }

    /** Hashes on the calling thread (for the CLI, which has no event loop). */
    public static CompletionStage<Optional<String>> hashHere(Optional<String> password) {
        return CompletableFuture.completedFuture(password.map(Passwords::hash));
    }

    /** A token's expiry from {@code token_expires_in} or {@code token_expires_at}. */
    static Optional<Instant> expiry(Fields f, Clock clock) {
        Optional<String> in = f.string("token_expires_in");
        Optional<Instant> at = f.instant("token_expires_at");
        if (in.isPresent() && at.isPresent()) {
            throw AdminError.invalid("Send 'token_expires_at' or 'token_expires_in', not both.");
        }
        Instant now = clock.instant();
        Optional<Instant> expiry = in.map(text -> now.plus(KeyJson.lifetime("token_expires_in", text))).or(() -> at);
        expiry.filter(t -> !t.isAfter(now)).ifPresent(t -> {
            throw AdminError.invalid("'token_expires_at' must be in the future, got " + t + ".");
        });
        return expiry;
    }
}
