package dev.junction.admin;

import dev.junction.json.Json;
import dev.junction.rbac.Principal;
import dev.junction.rbac.RoleBinding;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Principals in the admin API's JSON: never a password hash or a token, only the token's display prefix. */
public final class PrincipalJson {

    private PrincipalJson() {}

    /** A principal as the API shows it. */
    public static ObjectNode render(Principal p) {
        ObjectNode node = Json.object().put("id", p.id()).put("kind", p.kind().id()).put("name", p.name());
        p.email().ifPresentOrElse(e -> node.put("email", e), () -> node.putNull("email"));
        if (p.kind() == Principal.Kind.USER) {
            node.put("has_password", p.hasPassword());
        } else {
            p.tokenPrefix().ifPresentOrElse(t -> node.put("token_prefix", t), () -> node.putNull("token_prefix"));
            p.tokenExpiresAt().ifPresentOrElse(t -> node.put("token_expires_at", t.toString()),
                    () -> node.putNull("token_expires_at"));
        }
        node.put("enabled", p.enabled());
        ArrayNode bindings = node.putArray("bindings");
        for (RoleBinding b : p.bindings()) {
            ObjectNode binding = bindings.addObject().put("role", b.role());
            b.tenantId().ifPresentOrElse(t -> binding.put("tenant_id", t), () -> binding.putNull("tenant_id"));
        }
        return node.put("created_at", p.createdAt().toString()).put("updated_at", p.updatedAt().toString());
    }
}
