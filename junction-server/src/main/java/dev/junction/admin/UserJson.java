package dev.junction.admin;

import dev.junction.entity.Tenant;
import dev.junction.entity.User;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Users in the admin API's JSON, both ways. */
public final class UserJson {

    /** The fields an update may send. */
    static final Set<String> UPDATE_FIELDS = Fields.names(LimitsJson.FIELDS, "team_id", "name", "email",
            "allowed_models", "metadata", "enabled", CapabilitiesJson.FIELD);
    /** The fields a create may send: an update's and the tenant. */
    static final Set<String> CREATE_FIELDS = Fields.names(UPDATE_FIELDS, "tenant_id");

    /**
     * A user to create, as a body describes it.
     *
     * @param tenantId its tenant ({@link Tenant#DEFAULT_ID} unless the body names one)
     * @param spec the rest
     */
    public record NewUser(String tenantId, User.Spec spec) {
    }

    private UserJson() {}

    /** A user as the API shows it. */
    public static ObjectNode render(User u) {
        ObjectNode node = Json.object().put("id", u.id()).put("tenant_id", u.tenantId());
        u.teamId().ifPresentOrElse(t -> node.put("team_id", t), () -> node.putNull("team_id"));
        node.put("name", u.name());
        u.email().ifPresentOrElse(e -> node.put("email", e), () -> node.putNull("email"));
        LimitsJson.write(node, u.limits());
        StringsJson.list(node, "allowed_models", u.allowedModels());
        StringsJson.map(node, "metadata", u.metadata());
        CapabilitiesJson.write(node, u.disabledCapabilities());
        return node.put("enabled", u.enabled()).put("created_at", u.createdAt().toString()).put("updated_at", u.updatedAt().toString());
    }

    /**
     * The user a create body describes (the admin API's {@code POST /api/admin/users}, and the CLI's).
     *
     * @throws AdminError for an unknown field or a bad value
     */
    public static NewUser newUser(JsonNode body) {
        return newUser(Fields.of(body, CREATE_FIELDS));
    }

    /** The user a create body's fields describe. */
    static NewUser newUser(Fields f) {
        return new NewUser(f.string("tenant_id").orElse(Tenant.DEFAULT_ID), spec(f, Optional.empty()));
    }

    /** The spec a body describes: a new user's (name required), or {@code current} with the body's fields. */
    static User.Spec spec(Fields f, Optional<User.Spec> current) {
        Optional<String> team = f.has("team_id") ? f.string("team_id")
                : current.flatMap(User.Spec::teamId);
        String name = current.isEmpty() || f.has("name") ? f.requiredString("name") : current.get().name();
        Optional<String> email = f.has("email") ? f.string("email") : current.flatMap(User.Spec::email);
        RateLimits limits = LimitsJson.read(f, current.map(User.Spec::limits).orElse(RateLimits.NONE));
        List<String> models = f.has("allowed_models") ? f.strings("allowed_models").orElse(List.of())
                : current.map(User.Spec::allowedModels).orElse(List.of());
        Map<String, String> metadata = f.has("metadata") ? f.labels("metadata").orElse(Map.of())
                : current.map(User.Spec::metadata).orElse(Map.of());
        boolean enabled = f.bool("enabled").orElse(current.map(User.Spec::enabled).orElse(true));
        var disabled = CapabilitiesJson.read(f, current.map(User.Spec::disabledCapabilities).orElse(Set.of()));
        return new User.Spec(team, name, email, limits, models, metadata, enabled, disabled);
    }
}
