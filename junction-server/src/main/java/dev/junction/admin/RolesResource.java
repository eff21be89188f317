package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.junction.admin.AuditedWrites.Entry;
import dev.junction.admin.AuditedWrites.Outcome;
import dev.junction.json.Json;
import dev.junction.rbac.DefaultRoles;
import dev.junction.rbac.Permission;
import dev.junction.rbac.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/roles}: the built-in roles and the custom ones, and storing or deleting a custom role (the
 * built-in six cannot be changed). Deleting a role deletes its bindings.
 */
final class RolesResource {

    private static final Set<String> FIELDS = Set.of("description", "permissions");

    private final AuditedWrites writes;

    RolesResource(AuditedWrites writes) {
        this.writes = writes;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/roles", this::list),
                AdminRoute.of(PUT, "/api/admin/roles/{name}", this::put),
                AdminRoute.of(DELETE, "/api/admin/roles/{name}", this::delete));
    }

    /** A role as the API shows it. */
    static ObjectNode render(Role r) {
        ObjectNode node = Json.object().put("name", r.name()).put("description", r.description())
                .put("built_in", r.builtIn());
        ArrayNode permissions = node.putArray("permissions");
        r.permissions().stream().map(Permission::id).sorted().forEach(permissions::add);
        return node;
    }

    private CompletionStage<Reply> list(Call call) {
        call.query(Set.of());
        return writes.read(s -> {
            List<Role> all = new ArrayList<>(DefaultRoles.ALL);
            all.addAll(s.roles().list());
            return all;
        }).thenApply(all -> Reply.list(all, RolesResource::render));
    }

    private CompletionStage<Reply> put(Call call) {
        String name = call.param("name");
        if (DefaultRoles.named(name).isPresent()) {
            throw AdminError.conflict("'" + name + "' is a built-in role; it cannot be changed.");
        }
        if (!Role.NAME.matcher(name).matches()) {
            throw AdminError.invalid("A role's name is lowercase letters, digits and dashes, got '" + name + "'.");
        }
        Fields f = call.body(FIELDS);
        JsonNode list = call.object().get("permissions");
        if (list == null || !list.isArray()) {
            throw AdminError.invalid("'permissions' must be a list such as [\"keys:read\", \"logs:read\"].");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (JsonNode id : list) {
            permissions.add(Permission.byId(id.asString("")).orElseThrow(() -> AdminError.invalid(
                    "'permissions': there is no permission '" + id.asString("") + "'.")));
        }
        Role role = new Role(name, f.string("description").orElse(""), permissions, false);
        return writes.write(call.actor(), s -> {
            var before = s.roles().get(name);
            if (before.isPresent() && before.get().equals(role)) {
                return Outcome.unchanged(role);
            }
            s.roles().put(role);
            return Outcome.changed(role, before.map(b -> Entry.updated("role", name, render(b), render(role)))
                    .orElseGet(() -> Entry.created("role", name, render(role))));
        }).thenApply(r -> Reply.ok(render(r)));
    }

    private CompletionStage<Reply> delete(Call call) {
        String name = call.param("name");
        return writes.write(call.actor(), s -> {
            Role before = s.roles().get(name).orElseThrow(() -> AdminError.notFound("custom role", name));
            s.roles().delete(name);
            return Outcome.changed(before, Entry.deleted("role", name, render(before)));
        }).thenApply(r -> Reply.noContent());
    }
}
