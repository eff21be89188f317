package dev.junction.admin;

import dev.junction.config.ConfigLayers.Source;
import dev.junction.config.GatewayConfig;
import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.governance.GovernanceSnapshot;
import dev.junction.json.Json;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.RouteGroup;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the stored-configuration endpoints answer with: every provider and route of the running configuration with
 * the layer it came from, and stored definitions left out of it with their problems. Never shows a key: a provider's
 * {@code api_key} reads {@code set} or {@code unset}, and header values in definitions read {@code ***} (they often
 * carry credentials too). Reads only memory: the running configuration and the governance snapshot.
 */
final class StoredConfigViews {

    static final String MASK = "***";

    private StoredConfigViews() {}

    /** Every provider in effect, in matching order, then stored ones left out. */
    static ObjectNode providers(GatewayConfig config, GovernanceSnapshot snapshot) {
        Set<String> names = new LinkedHashSet<>(config.providers().keySet());
        snapshot.storedProviders().forEach(p -> names.add(p.name()));
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("providers");
        names.forEach(name -> provider(config, snapshot, name).ifPresent(list::add));
        return body;
    }

    /**
     * The providers a caller of these tenants may see: shared ones and its tenants' own (another tenant's provider
     * is not even named).
     *
     * @param reach the caller's tenants; empty for every tenant
     */
    static ObjectNode providersInReach(ObjectNode providers, Optional<Set<String>> reach) {
        if (reach.isPresent() && providers.get("providers") instanceof ArrayNode list) {
            ArrayNode kept = Json.object().putArray("providers");
            list.forEach(v -> {
                if (v instanceof ObjectNode view && providerInReach(view, reach)) {
                    kept.add(view);
                }
            });
            providers.set("providers", kept);
        }
        return providers;
    }

    /** Whether a caller of these tenants may see this provider (empty reach: every tenant). */
    static boolean providerInReach(ObjectNode provider, Optional<Set<String>> reach) {
        JsonNode tenant = provider.get("tenant_id");
        return reach.isEmpty() || tenant == null || tenant.isNull() || reach.get().contains(tenant.asString());
    }

    /** One provider, in effect or stored; empty when there is neither. */
    static Optional<ObjectNode> provider(GatewayConfig config, GovernanceSnapshot snapshot, String name) {
        Optional<StoredProvider> stored = snapshot.storedProviders().stream().filter(p -> p.name().equals(name))
                .findFirst();
        Optional<Source> source = config.layers().providerSource(name);
        if (source.isEmpty() && stored.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode view = Json.object().put("name", name).put("source", source.orElse(Source.STORE).wireName())
                .put("active", source.isPresent());
        ProviderConfig provider = config.providers().get(name);
        boolean storedView = source.isEmpty() || source.get() == Source.STORE;
        if (provider != null) {
            view.put("dialect", dialect(provider)).put("base_url", provider.baseUrl());
            strings(view.putArray("models"), provider.models());
        }
        boolean keySet = storedView ? stored.flatMap(StoredProvider::apiKeyCiphertext).isPresent()
                : provider.apiKey().isPresent();
        view.put("api_key", keySet ? "set" : "unset");
        stored.flatMap(StoredProvider::tenantId).ifPresentOrElse(t -> view.put("tenant_id", t),
                () -> view.putNull("tenant_id"));
        if (provider != null && provider.keys().pooled()) {
            ArrayNode pool = view.putArray("api_keys");
            provider.keys().keys().forEach(k -> pool.addObject().put("name", k.name()).put("weight", k.weight())
                    .put("fingerprint", k.fingerprint()));
        }
        if (storedView) {
            stored.flatMap(p -> Json.tryParse(p.definitionJson())).ifPresent(d -> view.set("definition",
                    maskSecrets(d)));
        } else if (stored.isPresent()) {
            view.put("stored_definition_ignored", true);
        }
        problems(view, config, "providers." + name);
        return Optional.of(view);
    }

    /** Every route in effect, in matching order, then stored ones left out. */
    static ObjectNode routes(GatewayConfig config, GovernanceSnapshot snapshot) {
        Set<String> names = new LinkedHashSet<>(config.routes().keySet());
        snapshot.storedRoutes().forEach(r -> names.add(r.name()));
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("routes");
        names.forEach(name -> route(config, snapshot, name).ifPresent(list::add));
        return body;
    }

    /** One route, in effect or stored; empty when there is neither. */
    static Optional<ObjectNode> route(GatewayConfig config, GovernanceSnapshot snapshot, String name) {
        Optional<StoredRoute> stored = snapshot.storedRoutes().stream().filter(r -> r.name().equals(name)).findFirst();
        Optional<Source> source = config.layers().routeSource(name);
        if (source.isEmpty() && stored.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode view = Json.object().put("name", name).put("source", source.orElse(Source.STORE).wireName())
                .put("active", source.isPresent());
        Route route = config.routes().get(name);
        if (route != null) {
            view.put("strategy", route.strategy());
            strings(view.putArray("aliases"), config.aliases().entrySet().stream()
                    .filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).toList());
            ArrayNode groups = view.putArray("groups");
            for (RouteGroup group : route.groups()) {
                ObjectNode g = groups.addObject().put("name", group.name());
                ArrayNode deployments = g.putArray("deployments");
                for (Deployment d : group.deployments()) {
                    deployments.addObject().put("id", d.id()).put("provider", d.provider()).put("model", d.model())
                            .put("weight", d.weight());
                }
            }
            ObjectNode fallback = view.putObject("fallback");
            route.fallback().statuses().stream().sorted().forEach(fallback.putArray("statuses")::add);
            fallback.put("content_policy", route.fallback().contentPolicy().orElse(null))
                    .put("context_window", route.fallback().contextWindow());
            view.putObject("retry").put("attempts", route.retry().maxAttempts());
        }
        boolean storedView = source.isEmpty() || source.get() == Source.STORE;
        if (storedView) {
            stored.flatMap(r -> Json.tryParse(r.definitionJson())).ifPresent(d -> view.set("definition", d));
        } else if (stored.isPresent()) {
            view.put("stored_definition_ignored", true);
        }
        problems(view, config, "routes." + name);
        return Optional.of(view);
    }

    /**
     * A copy of a provider definition with every header value replaced by {@value #MASK}, and its key pool's entries
     * by their names and weights (the keys left out).
     */
    static JsonNode maskSecrets(JsonNode definition) {
        if (!(definition instanceof ObjectNode object)) {
            return definition;
        }
        ObjectNode copy = object.deepCopy();
        if (object.get("headers") instanceof ObjectNode headers) {
            ObjectNode masked = copy.putObject("headers");
            headers.propertyNames().forEach(h -> masked.put(h, MASK));
        }
        if (object.get("api_keys") instanceof ArrayNode keys) {
            ArrayNode masked = copy.putArray("api_keys");
            for (int i = 0; i < keys.size(); i++) {
                JsonNode entry = keys.get(i);
                ObjectNode shown = masked.addObject().put("name", entry.path("name").isString()
                        ? entry.path("name").stringValue() : "key-" + (i + 1));
                if (entry.path("weight").isNumber()) {
                    shown.put("weight", entry.path("weight").asInt());
                }
            }
        }
        return copy;
    }

    private static void problems(ObjectNode view, GatewayConfig config, String path) {
        List<String> problems = config.layers().skipped().get(path);
        if (problems != null && !view.path("active").asBoolean()) {
            strings(view.putArray("problems"), problems);
        }
    }

    private static String dialect(ProviderConfig provider) {
        return switch (provider.dialect()) {
            case OPENAI_CHAT -> "openai";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gemini";
            case OPENAI_RESPONSES -> "openai-responses";
            case BEDROCK_CONVERSE -> "bedrock-converse";
            case COHERE -> "cohere";
            case OLLAMA -> "ollama";
            case ELEVENLABS -> "elevenlabs";
            case DEEPGRAM -> "deepgram";
        };
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
