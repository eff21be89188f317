package dev.junction.config;

import dev.junction.config.ConfigLayers.Source;
import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import dev.junction.crypto.SecretBox;
import dev.junction.json.Json;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.Route;
import dev.junction.secret.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the effective configuration: a configuration's own providers and routes (built in, environment, file) plus
 * the providers and routes stored in the database. Stored definitions are read by the same readers as the file's
 * {@code providers.<name>} and {@code routes.<name>} blocks; their API keys are opened with the {@link SecretBox}.
 * An entity the configuration already declares wins over a stored one of the same name. A stored definition that
 * does not validate (a provider whose key cannot be decrypted, a route naming a provider that is gone) is left out and
 * listed in {@link ConfigLayers#skipped()}: merging never fails. Stateless and thread safe; merging is CPU work only
 * (no I/O), cheap enough for an event loop.
 */
public final class StoredConfigMerger {

    private final ProviderReader loader;
    private final SecretBox secrets;

    /** A merger that reads presets from {@code catalog} and opens stored keys with {@code secrets}. */
    public StoredConfigMerger(ProviderCatalog catalog, SecretBox secrets) {
        this.loader = ProviderReader.forStoredDefinitions(catalog);
        this.secrets = secrets;
    }

    /**
     * The associated data a stored provider's key is sealed with ({@code provider:<name>}): a ciphertext copied to
     * another provider does not open.
     */
    public static String keyBinding(String providerName) {
        return "provider:" + providerName;
    }

    /**
     * The associated data a stored provider's header value is sealed with ({@code provider:<name>:header:<lower-case
     * header>}): header values often carry credentials (Azure's {@code api-key}, tenant tokens), so they are encrypted
     * at rest like the key.
     */
    public static String headerBinding(String providerName, String header) {
        return keyBinding(providerName) + ":header:" + header.toLowerCase(java.util.Locale.ROOT);
    }

    /** A definition whose header values are sealed (in place), for storing. */
    public static JsonNode sealHeaders(JsonNode definition, String providerName, SecretBox secrets) {
        JsonNode headers = definition.path("headers");
        if (headers instanceof tools.jackson.databind.node.ObjectNode h) {
            for (String name : List.copyOf(h.propertyNames())) {
                JsonNode value = h.get(name);
                if (value.isString()) {
                    h.put(name, secrets.seal(value.stringValue(), headerBinding(providerName, name)));
                }
            }
        }
        return definition;
    }

    /**
     * The associated data a stored provider's pooled key is sealed with ({@code provider:<name>:pool:<key name>}).
     */
    public static String poolKeyBinding(String providerName, String keyName) {
        return keyBinding(providerName) + ":pool:" + keyName;
    }

    /**
     * A definition whose key pool ({@code api_keys}) is sealed in place, for storing: every entry becomes
     * {@code {key, name, weight}} with its name made explicit ({@code key-<n>} unless given, as the configuration
     * file names them) and its key sealed under that name. Entries that are not keys are left for the reader to
     * report.
     */
    public static JsonNode sealKeys(JsonNode definition, String providerName, SecretBox secrets) {
        if (!(definition.path("api_keys") instanceof ArrayNode keys)) {
            return definition;
        }
        for (int i = 0; i < keys.size(); i++) {
            JsonNode entry = keys.get(i);
            ObjectNode object;
            if (entry.isString()) {
                object = Json.object().put("key", entry.stringValue());
                keys.set(i, object);
            } else if (entry instanceof ObjectNode o) {
                object = o;
            } else {
                continue;
            }
            if (!object.path("name").isString() || object.path("name").stringValue().isBlank()) {
                object.put("name", "key-" + (i + 1));
            }
            JsonNode key = object.get("key");
            if (key != null && key.isString() && !key.stringValue().isBlank()) {
                object.put("key", secrets.seal(key.stringValue().strip(),
                        poolKeyBinding(providerName, object.get("name").stringValue())));
            }
        }
        return definition;
    }

    /** A stored definition with its sealed pooled keys opened. */
    private JsonNode openKeys(JsonNode definition, String providerName) {
        if (!(definition.path("api_keys") instanceof ArrayNode keys)) {
            return definition;
        }
        for (JsonNode entry : keys) {
            if (entry instanceof ObjectNode object && object.path("key").isString()
                    && SecretBox.isSealed(object.get("key").stringValue())) {
                object.put("key", secrets.open(object.get("key").stringValue(),
                        poolKeyBinding(providerName, object.path("name").asString(""))).reveal());
            }
        }
        return definition;
    }

    /** A stored definition with its sealed header values opened, for reading as the YAML block it mirrors. */
    private JsonNode openHeaders(JsonNode definition, String providerName) {
        JsonNode headers = definition.path("headers");
        if (!(headers instanceof tools.jackson.databind.node.ObjectNode h)) {
            return definition;
        }
        for (String name : List.copyOf(h.propertyNames())) {
            JsonNode value = h.get(name);
            if (value.isString() && SecretBox.isSealed(value.stringValue())) {
                h.put(name, secrets.open(value.stringValue(), headerBinding(providerName, name)).reveal());
            }
        }
        return definition;
    }

    /**
     * Merges stored providers and routes into a configuration. Any stored entries {@code config} already holds (it may
     * itself be a merge) are replaced, so merging the running configuration again with new lists is correct.
     */
    public GatewayConfig merge(GatewayConfig config, List<StoredProvider> storedProviders,
                               List<StoredRoute> storedRoutes) {
        ConfigLayers layers = config.layers();
        Map<String, Source> providerSources = new LinkedHashMap<>(layers.providers());
        providerSources.values().removeIf(Source.STORE::equals);
        Map<String, Source> routeSources = new LinkedHashMap<>(layers.routes());
        routeSources.values().removeIf(Source.STORE::equals);
        Map<String, ProviderConfig> providers = new LinkedHashMap<>(config.providers());
        providers.keySet().retainAll(providerSources.keySet());
        Map<String, Route> routes = new LinkedHashMap<>(config.routes());
        routes.keySet().retainAll(routeSources.keySet());
        Map<String, String> aliases = new LinkedHashMap<>(config.aliases());
        aliases.values().retainAll(routeSources.keySet());

        Map<String, List<String>> skipped = new LinkedHashMap<>();
        for (StoredProvider stored : storedProviders) {
            Problems problems = new Problems();
            provider(stored, providers, layers, problems).ifPresentOrElse(p -> {
                providers.put(p.name(), p);
                providerSources.put(p.name(), Source.STORE);
            }, () -> skipped.put("providers." + stored.name(), problems.list()));
        }

        Map<String, JsonNode> definitions = new LinkedHashMap<>();
        for (StoredRoute stored : storedRoutes) {
            parse(stored.definitionJson()).ifPresentOrElse(node -> definitions.put(stored.name(), node),
                    () -> skipped.put("routes." + stored.name(), List.of("routes." + stored.name()
                            + ": the stored definition is not JSON")));
        }
        var read = new RoutesReader(providers, layers.timeouts(), new Problems())
                .readStored(new RoutesReader.RouteTable(routes, aliases, layers.sharedGroups()), definitions);
        read.skipped().forEach((name, problems) -> skipped.put("routes." + name, problems));
        read.table().routes().keySet().forEach(name -> routeSources.putIfAbsent(name, Source.STORE));

        ConfigLayers merged = new ConfigLayers(layers.timeouts(), layers.sharedGroups(), providerSources, routeSources,
                skipped);
        return config.withEntities(providers, read.table().routes(), read.table().aliases(), merged);
    }

    private Optional<ProviderConfig> provider(StoredProvider stored, Map<String, ProviderConfig> known,
                                              ConfigLayers layers, Problems problems) {
        String path = "providers." + stored.name();
        Optional<Source> declared = Optional.ofNullable(layers.providers().get(stored.name()))
                .filter(source -> source != Source.STORE);
        if (declared.isPresent()) {
            problems.add(path + ": " + declaredBy(declared.get()) + ", which wins");
            return Optional.empty();
        }
        Optional<JsonNode> definition = parse(stored.definitionJson());
        if (definition.isEmpty()) {
            problems.add(path + ": the stored definition is not JSON");
            return Optional.empty();
        }
        Optional<Secret> key;
        JsonNode opened;
        try {
            key = stored.apiKeyCiphertext().map(sealed -> secrets.open(sealed, keyBinding(stored.name())));
            opened = openKeys(openHeaders(definition.get(), stored.name()), stored.name());
        } catch (IllegalStateException e) {
            problems.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
        return loader.storedProvider(stored.name(), opened, key, layers.timeouts(), known, problems);
    }

    /** Why a provider name is taken, in the words an admin sees. */
    private static String declaredBy(Source source) {
        return switch (source) {
            case BUILTIN -> "a built-in provider has this name";
            case ENV -> "the environment enables a provider of this name";
            case FILE, STORE -> "the configuration file declares this name";
        };
    }

    private static Optional<JsonNode> parse(String json) {
        return Json.tryParse(json).filter(node -> !node.isMissingNode());
    }
}
