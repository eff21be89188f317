package dev.junction.admin;

import dev.junction.entity.Tenant;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Tenants in the admin API's JSON, both ways. */
public final class TenantJson {

    /** The fields a create or update may send. */
    static final Set<String> FIELDS = Fields.names(LimitsJson.FIELDS, "name", "markup", "allowed_models",
            "metadata", CapabilitiesJson.FIELD);

    private TenantJson() {}

    /** A tenant as the API shows it. */
    public static ObjectNode render(Tenant t) {
        ObjectNode node = Json.object().put("id", t.id()).put("name", t.name()).put("markup", t.markup());
        LimitsJson.write(node, t.limits());
        StringsJson.list(node, "allowed_models", t.allowedModels());
        StringsJson.map(node, "metadata", t.metadata());
        CapabilitiesJson.write(node, t.disabledCapabilities());
        return node.put("created_at", t.createdAt().toString()).put("updated_at", t.updatedAt().toString());
    }

    /** The spec a body describes: a new tenant's (name required), or {@code current} with the body's fields. */
    static Tenant.Spec spec(Fields f, Optional<Tenant.Spec> current) {
        String name = current.isEmpty() || f.has("name") ? f.requiredString("name") : current.get().name();
        double markup = f.has("markup") ? f.number("markup", -1, 100).orElse(0)
                : current.map(Tenant.Spec::markup).orElse(0.0);
        RateLimits limits = LimitsJson.read(f, current.map(Tenant.Spec::limits).orElse(RateLimits.NONE));
        List<String> models = f.has("allowed_models") ? f.strings("allowed_models").orElse(List.of())
                : current.map(Tenant.Spec::allowedModels).orElse(List.of());
        Map<String, String> metadata = f.has("metadata") ? f.labels("metadata").orElse(Map.of())
                : current.map(Tenant.Spec::metadata).orElse(Map.of());
        var disabled = CapabilitiesJson.read(f, current.map(Tenant.Spec::disabledCapabilities).orElse(Set.of()));
        return new Tenant.Spec(name, markup, limits, models, metadata, disabled);
    }
}
