package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.entity.VirtualKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/admin/keys}: issue, list, read, update, revoke and delete virtual keys. Only the create answer holds the
 * key itself, once; every other answer shows its display prefix. A caller that may manage only its own keys
 * ({@code own_keys:*}) lists only the keys it issued; the permission check answers 404 for another's key by id.
 */
final class KeysResource {

    private final AuditedWrites writes;
    private final GovernanceCommands commands;
    private final Clock clock;

    KeysResource(AuditedWrites writes, GovernanceCommands commands, Clock clock) {
        this.writes = writes;
        this.commands = commands;
        this.clock = clock;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/keys", this::list),
                AdminRoute.of(POST, "/api/admin/keys", this::create),
                AdminRoute.of(GET, "/api/admin/keys/{id}", this::get),
                AdminRoute.of(PATCH, "/api/admin/keys/{id}", this::update),
                AdminRoute.of(DELETE, "/api/admin/keys/{id}", this::delete),
                AdminRoute.of(POST, "/api/admin/keys/{id}/revoke", this::revoke));
    }

    private CompletionStage<Reply> list(Call call) {
        Optional<String> user = call.query(Set.of("user_id")).string("user_id");
        return writes.read(s -> {
            var keys = user.map(s.keys()::listByUser).orElseGet(s.keys()::list);
            if (call.scope() instanceof dev.junction.rbac.TenantScope.All) {
                return keys;
            }
            java.util.Map<String, String> tenantOfUser = new java.util.HashMap<>();
            s.users().list().forEach(u -> tenantOfUser.put(u.id(), u.tenantId()));
            return keys.stream().filter(k -> call.reachesKey(tenantOfUser.getOrDefault(k.userId(), ""), k))
                    .toList();
        }).thenApply(all -> Reply.list(all, KeyJson::render));
    }

    private CompletionStage<Reply> create(Call call) {
        KeyJson.NewKey request = KeyJson.newKey(call.body(KeyJson.CREATE_FIELDS), clock.instant());
        return commands.createKey(call.actor(), request).thenApply(issued -> Reply.created(KeyJson.issued(issued)));
    }

    private CompletionStage<Reply> get(Call call) {
        String id = call.param("id");
        return writes.read(s -> s.keys().get(id)).thenApply(k -> Reply.ok(KeyJson.render(
                k.orElseThrow(() -> AdminError.notFound("key", id)))));
    }

    private CompletionStage<Reply> update(Call call) {
        String id = call.param("id");
        Fields fields = call.body(KeyJson.UPDATE_FIELDS);
        return writes.write(call.actor(), s -> {
            VirtualKey before = s.keys().get(id).orElseThrow(() -> AdminError.notFound("key", id));
            VirtualKey.Spec spec = KeyJson.spec(fields, Optional.of(before.spec()), clock.instant());
            if (before.revoked() && spec.enabled()) {
                throw AdminError.conflict("Key '" + id + "' was revoked at " + before.revokedAt().get()
                        + "; a revoked key cannot be enabled again. Issue a new key instead.");
            }
            if (spec.equals(before.spec())) {
                return Outcome.unchanged(before);
            }
            VirtualKey after = s.keys().update(id, spec).orElseThrow();
            return Outcome.changed(after, Entry.updated("key", id, KeyJson.render(before), KeyJson.render(after)));
        }).thenApply(k -> Reply.ok(KeyJson.render(k)));
    }

    private CompletionStage<Reply> revoke(Call call) {
        String id = call.param("id");
        return commands.revokeKey(call.actor(), id).thenApply(k -> Reply.ok(KeyJson.render(
                k.orElseThrow(() -> AdminError.notFound("key", id)))));
    }

    private CompletionStage<Reply> delete(Call call) {
        String id = call.param("id");
        return writes.write(call.actor(), s -> {
            VirtualKey before = s.keys().get(id).orElseThrow(() -> AdminError.notFound("key", id));
            s.keys().delete(id);
            return Outcome.changed(before, Entry.deleted("key", id, KeyJson.render(before)));
        }).thenApply(k -> Reply.noContent());
    }
}
