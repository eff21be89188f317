package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.json.Json;
import dev.junction.rbac.Grants;
import dev.junction.rbac.Permission;
import dev.junction.rbac.Principal;
import dev.junction.rbac.TenantScope;
import dev.junction.store.GovernanceStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/admin/me}: who the caller is and what it may do, per permission ({@code "*"} for every tenant,
 * else the tenants' ids), so that the console can hide or disable what the caller cannot use. Every authenticated
 * caller may ask.
 */
final class MeResource {

    private MeResource() {}

    /** The endpoint. */
    static AdminRoute route(AuditedWrites writes) {
        return AdminRoute.of(GET, "/api/admin/me", call -> {
            call.query(Set.of());
            Actor actor = call.actor();
            return writes.read(s -> describe(s, actor.name(), actor.principalId())).thenApply(Reply::ok);
        });
    }

    /**
     * The caller's identity and permissions, read now. Blocking: on a database thread.
     *
     * @param actor the name the audit trail records
     * @param principalId the console user or service account; empty for an admin key (the owner)
     */
    static ObjectNode describe(GovernanceStore s, String actor, Optional<String> principalId) {
        ObjectNode body = Json.object().put("actor", actor);
        Optional<Principal> principal = principalId.flatMap(id -> s.principals().get(id));
        Grants grants = principal.map(p -> PrincipalAccess.grants(s, p)).orElse(principalId.isPresent()
                ? Grants.NONE : Grants.OWNER);
        principal.ifPresentOrElse(p -> body.set("principal", PrincipalJson.render(p)), () -> body.putNull("principal"));
        ObjectNode permissions = body.putObject("permissions");
        for (Map.Entry<Permission, TenantScope> e : new java.util.TreeMap<>(grants.all()).entrySet()) {
            if (e.getValue() instanceof TenantScope.All) {
                permissions.put(e.getKey().id(), "*");
            } else if (e.getValue() instanceof TenantScope.Only only && !only.tenants().isEmpty()) {
                ArrayNode tenants = permissions.putArray(e.getKey().id());
                new TreeSet<>(only.tenants()).forEach(tenants::add);
            }
        }
        return body;
    }
}
