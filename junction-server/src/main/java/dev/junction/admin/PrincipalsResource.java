package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.crypto.AdminTokens;
import dev.junction.rbac.Passwords;
import dev.junction.rbac.Principal;
import dev.junction.rbac.RoleBinding;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/principals}: console users and service accounts. Create, list, read, change (name, enabled,
 * bindings), delete; set or clear a console user's password; issue a service account's token (shown once; a new one
 * replaces the old at once). Passwords are hashed on a worker thread. See {@link PrincipalRules} for who may see
 * and change whom.
 */
final class PrincipalsResource {

    private static final Set<String> UPDATE_FIELDS = Set.of("name", "enabled", "bindings");
    private static final String ENTITY = "principal";

    private final AuditedWrites writes;
    private final AdminTokens tokens;
    private final Clock clock;
    private final PrincipalCommands commands;

    PrincipalsResource(AuditedWrites writes, AdminTokens tokens, Clock clock) {
        this.writes = writes;
        this.tokens = tokens;
        this.clock = clock;
        this.commands = new PrincipalCommands(writes, tokens, clock);
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/principals", this::list),
                AdminRoute.of(POST, "/api/admin/principals", this::create),
                AdminRoute.of(GET, "/api/admin/principals/{id}", this::get),
                AdminRoute.of(PATCH, "/api/admin/principals/{id}", this::update),
                AdminRoute.of(DELETE, "/api/admin/principals/{id}", this::delete),
                AdminRoute.of(PUT, "/api/admin/principals/{id}/password", this::password),
                AdminRoute.of(POST, "/api/admin/principals/{id}/token", this::token));
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        return writes.read(s -> s.principals().list()).thenApply(all -> Reply.list(all.stream()
                .filter(p -> PrincipalRules.visible(call.scope(), p)).toList(), PrincipalJson::render));
    }

    private CompletionStage<Reply> get(Call call) {
        String id = call.param("id");
        return writes.read(s -> s.principals().get(id)).thenApply(p -> Reply.ok(PrincipalJson.render(p
                .filter(found -> PrincipalRules.visible(call.scope(), found))
                .orElseThrow(() -> AdminError.notFound(ENTITY, id)))));
    }

    private CompletionStage<Reply> create(Call call) {
        return commands.create(call.actor(), call.scope(), call.object(), password -> hash(call, password))
                .thenApply(Reply::created);
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields f = call.body(UPDATE_FIELDS);
        Optional<List<RoleBinding>> bindings = f.has("bindings") ? Optional.of(bindings(call.object().get("bindings")))
                : Optional.empty();
        return writes.write(call.actor(), s -> {
            Principal before = manageable(call, s.principals().get(id), id);
            bindings.ifPresent(b -> PrincipalRules.requireGrantable(s, call.actor().grants(), call.scope(), b));
            String name = f.string("name").map(String::strip).orElse(before.name());
            boolean enabled = f.bool("enabled").orElse(before.enabled());
            List<RoleBinding> after = bindings.orElse(before.bindings());
            if (name.equals(before.name()) && enabled == before.enabled() && after.equals(before.bindings())) {
                return Outcome.unchanged(before);
            }
            Principal changed = s.principals().update(id, name, enabled, after).orElseThrow();
            return Outcome.changed(changed, Entry.updated(ENTITY, id, PrincipalJson.render(before),
                    PrincipalJson.render(changed)));
        }).thenApply(p -> Reply.ok(PrincipalJson.render(p)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String id = call.param("id");
        return writes.write(call.actor(), s -> {
            Principal before = manageable(call, s.principals().get(id), id);
            s.principals().delete(id);
            return Outcome.changed(before, Entry.deleted(ENTITY, id, PrincipalJson.render(before)));
        }).thenApply(p -> Reply.noContent());
    }

    private CompletionStage<Reply> password(Call call) {
        String id = call.param("id");
        Fields f = call.body(Set.of("password"));
        if (!f.has("password")) {
            throw AdminError.invalid("'password' is required (null clears it: single sign-on only).");
        }
        Optional<String> password = f.string("password");
        password.flatMap(Passwords::problem).ifPresent(p -> {
            throw AdminError.invalid("'password': " + p + ".");
        });
        return hash(call, password).thenCompose(hash -> writes.write(call.actor(), s -> {
            Principal before = manageable(call, s.principals().get(id), id);
            if (before.kind() != Principal.Kind.USER) {
                throw AdminError.invalid("A service account has no password; issue a token instead.");
            }
            s.principals().setPassword(id, hash);
            Principal after = s.principals().get(id).orElseThrow();
            ObjectNode detail = dev.junction.json.Json.object().put("password", hash.isPresent() ? "set" : "cleared");
            return Outcome.changed(after, new Entry("principal.password", ENTITY, id, detail));
        })).thenApply(p -> Reply.ok(PrincipalJson.render(p)));
    }

    private CompletionStage<Reply> token(Call call) {
        String id = call.param("id");
        boolean hasBody = call.ctx().body() != null && call.ctx().body().length() > 0;
        Fields f = hasBody ? call.body(Set.of("token_expires_in", "token_expires_at")) : null;
        Optional<Instant> expiry = f == null ? Optional.empty() : expiry(f);
        AdminTokens.NewToken token = tokens.generate();
        return writes.write(call.actor(), s -> {
            Principal before = manageable(call, s.principals().get(id), id);
            if (before.kind() != Principal.Kind.SERVICE) {
                throw AdminError.invalid("A console user has no token; set a password instead.");
            }
            s.principals().setToken(id, token.hash(), token.displayPrefix(), token.hashKeyId(), expiry);
            Principal after = s.principals().get(id).orElseThrow();
            return Outcome.changed(after, new Entry("principal.token", ENTITY, id, dev.junction.json.Json.object()
                    .put("token_prefix", token.displayPrefix())));
        }).thenApply(p -> {
            ObjectNode body = PrincipalJson.render(p);
            body.put("token", token.plaintext().reveal());
            return Reply.created(body);
        });
    }

    private static Principal manageable(Call call, Optional<Principal> found, String id) {
        Principal p = found.filter(x -> PrincipalRules.visible(call.scope(), x))
                .orElseThrow(() -> AdminError.notFound(ENTITY, id));
        if (!PrincipalRules.manageable(call.scope(), p)) {
            throw AdminError.invalid("The principal '" + id + "' also works in tenants outside yours; only an "
                    + "administrator of all of them may change it.");
        }
        return p;
    }

    private Optional<Instant> expiry(Fields f) {
        return PrincipalCommands.expiry(f, clock);
    }

    /** Argon2id takes tens of milliseconds: on a worker thread, never the event loop. */
    private static CompletionStage<Optional<String>> hash(Call call, Optional<String> password) {
        if (password.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return call.ctx().vertx().executeBlocking(() -> Optional.of(Passwords.hash(password.get())), false)
                .toCompletionStage();
    }

    static List<RoleBinding> bindings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw AdminError.invalid("'bindings' must be a list of {\"role\", \"tenant_id\"} objects.");
        }
        List<RoleBinding> out = new ArrayList<>();
        for (JsonNode item : node) {
            Fields b = Fields.of(item, Set.of("role", "tenant_id"));
            String role = b.requiredString("role");
            out.add(b.string("tenant_id").map(t -> RoleBinding.in(role, t)).orElseGet(() -> RoleBinding.everywhere(role)));
        }
        return List.copyOf(new java.util.LinkedHashSet<>(out));
    }
}
