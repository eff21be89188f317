package dev.junction.admin;

import dev.junction.entity.CapturePolicy;
import dev.junction.entity.Tenant;
import dev.junction.entity.TenantSettings;
import dev.junction.json.Json;
import dev.junction.routing.strategy.Strategies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's settings in the admin API's JSON, both ways: its disabled capabilities and markup (fields of the tenant)
 * and its {@link TenantSettings}. Every field is checked with a message that names it. Stateless.
 */
final class TenantSettingsJson {

    /** The fields a change may send. */
    static final Set<String> FIELDS = Set.of(CapabilitiesJson.FIELD, "allowed_providers", "routing_strategy",
            "markup", "capture_policy", "retention_days");

    /** A tenant's changeable fields and settings, together. */
    record Settings(Tenant.Spec spec, TenantSettings settings) {
    }

    private TenantSettingsJson() {}

    /** A tenant's settings as the API shows them. */
    static ObjectNode render(Tenant t) {
        ObjectNode node = Json.object().put("tenant_id", t.id());
        CapabilitiesJson.write(node, t.disabledCapabilities());
        TenantSettings s = t.settings();
        StringsJson.list(node, "allowed_providers", s.allowedProviders());
        s.routingStrategy().ifPresentOrElse(v -> node.put("routing_strategy", v),
                () -> node.putNull("routing_strategy"));
        node.put("markup", t.markup());
        s.capture().ifPresentOrElse(p -> node.put("capture_policy", p.wireName()),
                () -> node.putNull("capture_policy"));
        if (s.retentionDays().isPresent()) {
            node.put("retention_days", s.retentionDays().getAsInt());
        } else {
            node.putNull("retention_days");
        }
        return node.put("updated_at", t.updatedAt().toString());
    }

    /**
     * The tenant's settings with the body's fields changed.
     *
     * @param providers the providers the running configuration has, by name; an allowed provider must be one
     * @throws AdminError naming a field that is not valid
     */
    static Settings read(Fields f, Tenant current, Set<String> providers) {
        Tenant.Spec spec = current.spec();
        double markup = f.has("markup") ? f.number("markup", -1, 100).orElse(0) : spec.markup();
        var disabled = CapabilitiesJson.read(f, spec.disabledCapabilities());
        TenantSettings was = current.settings();
        List<String> allowed = f.has("allowed_providers") ? providers(f, providers) : was.allowedProviders();
        Optional<String> strategy = f.has("routing_strategy") ? strategy(f) : was.routingStrategy();
        Optional<CapturePolicy> capture = f.has("capture_policy") ? capture(f) : was.capture();
        OptionalInt retention = f.has("retention_days") ? retention(f) : was.retentionDays();
        return new Settings(new Tenant.Spec(spec.name(), markup, spec.limits(), spec.allowedModels(), spec.metadata(),
                disabled), new TenantSettings(allowed, strategy, capture, retention));
    }

    private static List<String> providers(Fields f, Set<String> known) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(f.strings("allowed_providers").orElse(List.of())));
        for (String name : names) {
            if (!known.contains(name)) {
                throw AdminError.invalid("'allowed_providers' names '" + name + "', which is not a provider of this "
                        + "gateway; it has " + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
        return names;
    }

    private static Optional<String> strategy(Fields f) {
        Optional<String> name = f.string("routing_strategy");
        if (name.isPresent() && !Strategies.NAMES.contains(name.get())) {
            throw AdminError.invalid("'routing_strategy' must be one of " + String.join(", ", Strategies.NAMES)
                    + " (or null for each route's own), got '" + name.get() + "'.");
        }
        return name;
    }

    private static Optional<CapturePolicy> capture(Fields f) {
        Optional<String> name = f.string("capture_policy");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CapturePolicy.ofWireName(name.get()).orElseThrow(() -> AdminError.invalid(
                "'capture_policy' must be off, on or redacted (or null for as the keys and the configuration say), "
                        + "got '" + name.get() + "'.")));
    }

    private static OptionalInt retention(Fields f) {
        var days = f.integer("retention_days", 1);
        if (days.isEmpty()) {
            return OptionalInt.empty();
        }
        if (days.getAsLong() > TenantSettings.MAX_RETENTION_DAYS) {
            throw AdminError.invalid("'retention_days' must be at most " + TenantSettings.MAX_RETENTION_DAYS
                    + ", got " + days.getAsLong() + ".");
        }
        return OptionalInt.of((int) days.getAsLong());
    }
}
