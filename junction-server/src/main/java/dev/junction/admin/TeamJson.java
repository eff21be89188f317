package dev.junction.admin;

import dev.junction.entity.Team;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Teams in the admin API's JSON, both ways. */
public final class TeamJson {

    /** The fields an update may send. */
    static final Set<String> UPDATE_FIELDS = Fields.names(LimitsJson.FIELDS, "name", "markup", "allowed_models",
            "metadata", "enabled", CapabilitiesJson.FIELD);
    /** The fields a create may send: an update's and the tenant. */
    static final Set<String> CREATE_FIELDS = Fields.names(UPDATE_FIELDS, "tenant_id");

    private TeamJson() {}

    /** A team as the API shows it; {@code markup} is {@code null} when the tenant's applies. */
    public static ObjectNode render(Team t) {
        ObjectNode node = Json.object().put("id", t.id()).put("tenant_id", t.tenantId()).put("name", t.name());
        if (t.markup().isPresent()) {
            node.put("markup", t.markup().getAsDouble());
        } else {
            node.putNull("markup");
        }
        LimitsJson.write(node, t.limits());
        StringsJson.list(node, "allowed_models", t.allowedModels());
        StringsJson.map(node, "metadata", t.metadata());
        CapabilitiesJson.write(node, t.disabledCapabilities());
        return node.put("enabled", t.enabled()).put("created_at", t.createdAt().toString()).put("updated_at", t.updatedAt().toString());
    }

    /** The spec a body describes: a new team's (name required), or {@code current} with the body's fields. */
    static Team.Spec spec(Fields f, Optional<Team.Spec> current) {
        String name = current.isEmpty() || f.has("name") ? f.requiredString("name") : current.get().name();
        OptionalDouble markup = f.has("markup") ? f.number("markup", -1, 100)
                : current.map(Team.Spec::markup).orElse(OptionalDouble.empty());
        RateLimits limits = LimitsJson.read(f, current.map(Team.Spec::limits).orElse(RateLimits.NONE));
        List<String> models = f.has("allowed_models") ? f.strings("allowed_models").orElse(List.of())
                : current.map(Team.Spec::allowedModels).orElse(List.of());
        Map<String, String> metadata = f.has("metadata") ? f.labels("metadata").orElse(Map.of())
                : current.map(Team.Spec::metadata).orElse(Map.of());
        boolean enabled = f.bool("enabled").orElse(current.map(Team.Spec::enabled).orElse(true));
        var disabled = CapabilitiesJson.read(f, current.map(Team.Spec::disabledCapabilities).orElse(Set.of()));
        return new Team.Spec(name, markup, limits, models, metadata, enabled, disabled);
    }
}
