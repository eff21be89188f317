package dev.junction.admin;

import dev.junction.entity.Budget;
import dev.junction.entity.IpAllowList;
import dev.junction.entity.VirtualKey;
import dev.junction.json.Json;
import dev.junction.limit.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Virtual keys in the admin API's JSON, both ways. The rendered form never holds the key or its hash: only the
 * display prefix. The one-time plaintext is added by the create endpoint alone.
 */
public final class KeyJson {

    /** The name of a key created without one. */
    public static final String DEFAULT_NAME = "default";

    /** The fields an update may send. */
    static final Set<String> UPDATE_FIELDS = Fields.names(LimitsJson.FIELDS, "name", "allowed_models", "ip_allow",
            "tags", "metadata", "expires_at", "expires_in", "enabled", "capture_bodies",
            CapabilitiesJson.FIELD);
    /** The fields a create may send: an update's, the owner, and the key's budgets. */
    static final Set<String> CREATE_FIELDS = Fields.names(UPDATE_FIELDS, "user_id", "budgets");

    private static final Pattern LIFETIME = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    /**
     * A key to issue, as a body describes it.
     *
     * @param userId its owner
     * @param spec the rest
     * @param budgets the key's budgets, created with it (at most one per period)
     */
    public record NewKey(String userId, VirtualKey.Spec spec, List<Budget.Spec> budgets) {

        /** Copies the budgets. */
        public NewKey {
            budgets = List.copyOf(budgets);
        }
    }

    private KeyJson() {}

    /** A key as the API shows it: never the key itself nor its hash. */
    public static ObjectNode render(VirtualKey k) {
        ObjectNode node = Json.object().put("id", k.id()).put("user_id", k.userId()).put("name", k.name())
                .put("prefix", k.displayPrefix());
        StringsJson.list(node, "allowed_models", k.allowedModels());
        StringsJson.list(node, "ip_allow", k.ipAllow());
        StringsJson.list(node, "tags", k.tags());
        StringsJson.map(node, "metadata", k.metadata());
        LimitsJson.write(node, k.limits());
        CapabilitiesJson.write(node, k.disabledCapabilities());
        k.expiresAt().ifPresentOrElse(t -> node.put("expires_at", t.toString()), () -> node.putNull("expires_at"));
        node.put("enabled", k.enabled()).put("capture_bodies", k.captureBodies())
                .put("created_at", k.createdAt().toString()).put("updated_at", k.updatedAt().toString());
        k.revokedAt().ifPresentOrElse(t -> node.put("revoked_at", t.toString()), () -> node.putNull("revoked_at"));
        k.ownerPrincipalId().ifPresentOrElse(p -> node.put("owner_principal_id", p),
                () -> node.putNull("owner_principal_id"));
        return node;
    }

    /** A key just issued as the create answer shows it: with the key itself, once, and its budgets. */
    public static ObjectNode issued(GovernanceCommands.IssuedKey issued) {
        ObjectNode node = render(issued.key()).put("key", issued.plaintext().reveal());
        var budgets = node.putArray("budgets");
        issued.budgets().forEach(b -> budgets.add(BudgetJson.render(b, Optional.empty())));
        return node;
    }

    /**
     * The key a create body describes (the admin API's {@code POST /api/admin/keys}, and the CLI's).
     *
     * @param now the time {@code expires_in} counts from
     * @throws AdminError for an unknown field or a bad value
     */
    public static NewKey newKey(JsonNode body, Instant now) {
        return newKey(Fields.of(body, CREATE_FIELDS), now);
    }

    /** The key a create body's fields describe. */
    static NewKey newKey(Fields f, Instant now) {
        List<Budget.Spec> budgets = f.objects("budgets", BudgetJson.UPDATE_FIELDS, BudgetJson::newSpec)
                .orElse(List.of());
        if (budgets.stream().map(Budget.Spec::period).distinct().count() < budgets.size()) {
            throw AdminError.invalid("'budgets': a key has at most one budget per period.");
        }
        return new NewKey(f.requiredString("user_id"), spec(f, Optional.empty(), now), budgets);
    }

    /** The spec a body describes: a new key's, or {@code current} with the body's fields. */
    static VirtualKey.Spec spec(Fields f, Optional<VirtualKey.Spec> current, Instant now) {
        String name = f.has("name") ? f.requiredString("name")
                : current.map(VirtualKey.Spec::name).orElse(DEFAULT_NAME);
        List<String> models = f.has("allowed_models") ? f.strings("allowed_models").orElse(List.of())
                : current.map(VirtualKey.Spec::allowedModels).orElse(List.of());
        List<String> ips = f.has("ip_allow") ? ipAllow(f.strings("ip_allow").orElse(List.of()))
                : current.map(VirtualKey.Spec::ipAllow).orElse(List.of());
        List<String> tags = f.has("tags") ? f.strings("tags").orElse(List.of())
                : current.map(VirtualKey.Spec::tags).orElse(List.of());
        Map<String, String> metadata = f.has("metadata") ? f.labels("metadata").orElse(Map.of())
                : current.map(VirtualKey.Spec::metadata).orElse(Map.of());
        RateLimits limits = LimitsJson.read(f, current.map(VirtualKey.Spec::limits).orElse(RateLimits.NONE));
        Optional<Instant> expires = expiry(f, current.flatMap(VirtualKey.Spec::expiresAt), now);
        boolean enabled = f.bool("enabled").orElse(current.map(VirtualKey.Spec::enabled).orElse(true));
        boolean capture = f.bool("capture_bodies").orElse(current.map(VirtualKey.Spec::captureBodies).orElse(false));
        var disabled = CapabilitiesJson.read(f, current.map(VirtualKey.Spec::disabledCapabilities)
                .orElse(java.util.Set.of()));
        return new VirtualKey.Spec(name, models, ips, tags, metadata, limits, expires, enabled, capture, disabled);
    }

    private static List<String> ipAllow(List<String> entries) {
        try {
            IpAllowList.of(entries);
        } catch (IllegalArgumentException e) {
            throw AdminError.invalid("'ip_allow': " + e.getMessage() + ".");
        }
        return entries;
    }

    private static Optional<Instant> expiry(Fields f, Optional<Instant> current, Instant now) {
        Optional<String> in = f.string("expires_in");
        if (in.isPresent() && f.instant("expires_at").isPresent()) {
            throw AdminError.invalid("Send 'expires_at' or 'expires_in', not both.");
        }
        if (in.isPresent()) {
            return Optional.of(now.plus(lifetime("expires_in", in.get())));
        }
        if (!f.has("expires_at")) {
            return current;
        }
        Optional<Instant> at = f.instant("expires_at");
        if (at.isPresent() && !at.get().isAfter(now)) {
            throw AdminError.invalid("'expires_at' must be in the future, got " + at.get() + ".");
        }
        return at;
    }

    /**
     * A key's lifetime such as {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w} or {@code 3600s}.
     *
     * @param field the field or option it came from, for the message
     * @throws AdminError when it is not one, or is zero
     */
    public static Duration lifetime(String field, String text) {
        Matcher m = LIFETIME.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw AdminError.invalid("'" + field + "' must be a positive duration such as 30d, 12h, 90m, 2w or "
                    + "3600s, got '" + text + "'.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
