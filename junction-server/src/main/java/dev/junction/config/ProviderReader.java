package dev.junction.config;

import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.mock.MockProvider;
import dev.junction.model.Dialect;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.KeyPool;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ParamRulesReader;
import dev.junction.provider.Platform;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.ProviderOperations;
import dev.junction.provider.ProviderPreset;
import dev.junction.provider.Timeouts;
import dev.junction.secret.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the providers of a configuration: the built-in mock, the catalog's presets that the environment enables
 * ({@code <PROVIDER>_API_KEY}, {@code <PROVIDER>_BASE_URL}), the file's {@code providers:} blocks over them, and one
 * stored definition at a time for {@link StoredConfigMerger}. Problems are recorded with their path
 * ({@code providers.<name>…}); nothing is thrown. Immutable; thread safe.
 */
final class ProviderReader {

    private static final Set<String> PROVIDER = Set.of("preset", "base_url", "api_key", "api_keys", "key_pool",
            "auth", "dialect", "headers", "models", "model_patterns", "params", "platform", "timeouts", "tls",
            "operations", "rerank_api");
    private static final JsonNode EMPTY = dev.junction.json.Json.object();

    /** The providers of one configuration in their order, and the layer each came from. */
    record ProviderTable(Map<String, ProviderConfig> providers, Map<String, ConfigLayers.Source> sources) {}

    private final ProviderCatalog catalog;
    private final Map<String, String> env;

    /** @param env the environment to read presets' keys and URLs from */
    ProviderReader(ProviderCatalog catalog, Map<String, String> env) {
        this.catalog = catalog;
        this.env = Map.copyOf(env);
    }

    /**
     * A reader for provider definitions stored in the database: it reads no environment, so a stored provider gets
     * its key from the store alone, never from a preset's {@code <PROVIDER>_API_KEY}.
     */
    static ProviderReader forStoredDefinitions(ProviderCatalog catalog) {
        return new ProviderReader(catalog, Map.of());
    }

    /**
     * The mock, the presets the environment enables, then the file's {@code providers} mapping (which may be absent),
     * later ones winning for the same name.
     */
    ProviderTable read(JsonNode providersNode, Timeouts timeouts, Problems problems) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        Map<String, ConfigLayers.Source> sources = new LinkedHashMap<>();
        providers.put(MockProvider.NAME, MockProvider.config());
        sources.put(MockProvider.NAME, ConfigLayers.Source.BUILTIN);
        envProviders(timeouts).forEach(p -> {
            providers.put(p.name(), p);
            sources.put(p.name(), ConfigLayers.Source.ENV);
        });
        if (problems.isMapping(providersNode, "providers")) {
            for (var entry : providersNode.properties()) {
                fileProvider(entry.getKey(), entry.getValue(), timeouts, providers, problems).ifPresent(p -> {
                    providers.put(p.name(), p);
                    sources.put(p.name(), ConfigLayers.Source.FILE);
                });
            }
        }
        return new ProviderTable(providers, sources);
    }

    /**
     * Reads one stored provider exactly as a {@code providers.<name>} block of the file, with its key put back.
     * Stored definitions get no {@code ${VAR}} substitution, and must not hold the key themselves (it is stored
     * encrypted beside them); a key pool's keys come opened from their sealed form in the definition. Problems are
     * recorded with the path {@code providers.<name>}; empty when it has any.
     *
     * @param known providers already configured, which the definition cannot redefine
     */
    Optional<ProviderConfig> storedProvider(String name, JsonNode definition, Optional<Secret> apiKey,
                                            Timeouts defaultTimeouts, Map<String, ProviderConfig> known,
                                            Problems problems) {
        int before = problems.list().size();
        String path = "providers." + name;
        if (known.containsKey(name)) {
            problems.add(path + ": already configured; a stored provider cannot redefine it");
            return Optional.empty();
        }
        if (definition.isObject() && definition.has("api_key")) {
            problems.add(path + ".api_key: not part of a stored definition; the key is stored encrypted beside it");
        }
        if (definition.path("platform").has("client_secret")) { // stored definitions are kept and listed in clear
            problems.add(path + ".platform.client_secret: not part of a stored definition; configure a provider "
                    + "that authenticates with Microsoft Entra ID in the configuration file");
        }
        JsonNode withKey = definition;
        if (definition instanceof ObjectNode object && apiKey.isPresent()) {
            withKey = object.deepCopy().put("api_key", apiKey.get().reveal());
        }
        Optional<ProviderConfig> provider = fileProvider(name, withKey, defaultTimeouts, Map.of(), problems);
        return problems.list().size() > before ? Optional.empty() : provider;
    }

    /** Presets enabled by their environment variables. */
    private List<ProviderConfig> envProviders(Timeouts timeouts) {
        List<ProviderConfig> out = new ArrayList<>();
        for (ProviderPreset preset : catalog.all()) {
            if (preset.onPlatform()) {
                continue; // needs its region, project or resource from a providers: block
            }
            Optional<Secret> key = envKey(preset);
            Optional<String> baseUrl = envValue(preset.envPrefix() + "_BASE_URL");
            if (key.isPresent() || baseUrl.isPresent()) {
                out.add(fromPreset(preset, preset.id(), baseUrl.orElse(preset.baseUrl()), key, timeouts));
            }
        }
        return out;
    }

    /** The preset's key from {@code <PREFIX>_API_KEY}, or from an alias prefix's. */
    private Optional<Secret> envKey(ProviderPreset preset) {
        Optional<String> key = envValue(preset.envPrefix() + "_API_KEY");
        for (String alias : preset.envAliases()) {
            key = key.or(() -> envValue(alias + "_API_KEY"));
        }
        return key.map(Secret::of);
    }


    private static ProviderConfig fromPreset(ProviderPreset preset, String name, String baseUrl, Optional<Secret> key,
                                             Timeouts timeouts) {
        return new ProviderConfig(name, preset.dialect(), baseUrl, key, preset.auth(), Map.of(), preset.params(),
                timeouts, preset.models(), preset.modelPatterns(), Optional.empty(), Platform.DIRECT,
                preset.operations());
    }

    private Optional<ProviderConfig> fileProvider(String name, JsonNode node, Timeouts defaultTimeouts,
                                                  Map<String, ProviderConfig> known, Problems problems) {
        String path = "providers." + name;
        if (name.equals(MockProvider.NAME)) {
            problems.add(path + ": 'mock' is built in and cannot be redefined");
            return Optional.empty();
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            problems.add(path + ": provider names may contain letters, digits, '_', '.' and '-' only");
        }
        if (node == null || node.isNull()) {
            node = EMPTY;
        }
        if (!problems.isMapping(node, path)) {
            return Optional.empty();
        }
        problems.onlyKeys(node, path, PROVIDER);
        String presetId = problems.string(node, "preset", path).orElse(name);
        Optional<ProviderPreset> preset = catalog.find(presetId);
        if (node.has("preset") && preset.isEmpty()) {
            problems.add(path + ".preset: unknown preset '" + presetId + "' (known: " + String.join(", ",
                    catalog.all().stream().map(ProviderPreset::id).toList()) + ")");
        }
        if (preset.isPresent() && preset.get().onPlatform()) {
            node = PresetPlatforms.complete(node, preset.get(), path, problems);
        }
        ProviderConfig fromEnv = known.get(name);
        Optional<String> baseUrl = problems.string(node, "base_url", path);
        boolean bedrock = node.path("platform").path("type").asString("").equals("bedrock"); // has its endpoint
        boolean vertex = node.path("platform").path("type").asString("").equals("vertex"); // has its endpoint
        if (baseUrl.isEmpty() && preset.isEmpty() && fromEnv == null && !bedrock && !vertex) {
            problems.add(path + ".base_url: required for a provider that is not in the catalog");
        }
        baseUrl.ifPresent(url -> {
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                problems.add(path + ".base_url: expected an http:// or https:// URL, got '" + url + "'");
            }
        });
        Optional<Secret> key = problems.string(node, "api_key", path).filter(k -> !k.isBlank()).map(Secret::of)
                .or(() -> fromEnv == null ? preset.flatMap(this::envKey)
                        : fromEnv.apiKey());
        AuthStyle auth = preset.map(ProviderPreset::auth).orElse(new AuthStyle.Bearer());
        Optional<String> authText = problems.string(node, "auth", path);
        if (authText.isPresent()) {
            try {
                auth = AuthStyle.parse(authText.get());
            } catch (IllegalArgumentException e) {
                problems.add(path + ".auth: " + e.getMessage());
            }
        }
        Dialect dialect = preset.map(ProviderPreset::dialect).orElse(Dialect.OPENAI_CHAT);
        Optional<String> dialectText = problems.string(node, "dialect", path);
        if (dialectText.isPresent()) {
            try {
                dialect = ProviderCatalog.dialect(dialectText.get());
            } catch (IllegalArgumentException e) {
                problems.add(path + ".dialect: " + e.getMessage());
            }
        }
        if (preset.isEmpty() && authText.isEmpty()) {
            auth = switch (dialect) { // each dialect's native way of sending a key
                case OPENAI_CHAT, OPENAI_RESPONSES, COHERE -> new AuthStyle.Bearer();
                case OLLAMA -> new AuthStyle.None();
                case ELEVENLABS -> new AuthStyle.Header("xi-api-key");
                case DEEPGRAM -> new AuthStyle.Header("authorization"); // "Token <key>", set by its adapter
                case ANTHROPIC -> new AuthStyle.Header("x-api-key");
                case GEMINI -> new AuthStyle.Header("x-goog-api-key");
                case BEDROCK_CONVERSE -> new AuthStyle.None(); // signed by dialect.bedrock, not a static key
            };
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headersNode = node.get("headers");
        if (problems.isMapping(headersNode, path + ".headers")) {
            headersNode.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        }
        ParamRules presetRules = preset.map(ProviderPreset::params).orElse(ParamRules.NONE);
        ParamRules rules = presetRules.then(ParamRulesReader.read(node.get("params"), path + ".params",
                problems::add));
        List<String> models = new ArrayList<>(preset.map(ProviderPreset::models).orElse(List.of()));
        problems.strings(node, "models", path).stream().filter(m -> !models.contains(m)).forEach(models::add);
        List<String> patterns = new ArrayList<>(preset.map(ProviderPreset::modelPatterns).orElse(List.of()));
        patterns.addAll(problems.strings(node, "model_patterns", path));
        Platform platform = PlatformReader.platform(node, path, dialect, env, problems);
        if (platform instanceof BedrockPlatform) { // signed or bearer by dialect.bedrock; a preset's key never goes
            auth = new AuthStyle.None();
            key = Optional.empty();
        }
        String url = baseUrl.orElseGet(() -> platform instanceof BedrockPlatform b ? b.endpoint()
                : fromEnv != null ? fromEnv.baseUrl()
                : preset.map(ProviderPreset::baseUrl).orElse("http://invalid"));
        ProviderOperations operations = preset.map(ProviderPreset::operations).orElse(ProviderOperations.NONE)
                .with(operations(node, path, problems));
        KeyPool pool = KeyPoolReader.read(node, path, problems);
        if (!pool.keys().isEmpty()) {
            key = Optional.of(pool.keys().getFirst().secret());
        }
        return Optional.of(new ProviderConfig(name, dialect, url, key, auth, headers, rules,
                ConfigLoader.timeouts(node.get("timeouts"), path + ".timeouts", defaultTimeouts, problems), models, patterns,
                TlsReader.caBundle(node, path, problems), platform, pool, operations));
    }

    /**
     * A provider entry's {@code operations} (model patterns by operation: {@code images: ["dall-e-*"]}) and {@code
     * rerank_api} ({@code cohere}, {@code jina}, {@code voyage} or {@code tei}).
     */
    private static ProviderOperations operations(JsonNode node, String path, Problems problems) {
        JsonNode ops = node.get("operations");
        Map<String, List<String>> models = new LinkedHashMap<>();
        if (ops != null && problems.isMapping(ops, path + ".operations")) {
            for (String op : ops.propertyNames()) {
                if (dev.junction.routing.OperationKind.ofWireName(op).isEmpty()) {
                    problems.add(path + ".operations." + op + ": unknown operation");
                } else {
                    models.put(op, problems.strings(ops, op, path + ".operations"));
                }
            }
        }
        Optional<String> rerank = problems.string(node, "rerank_api", path);
        rerank.filter(r -> dev.junction.rerank.RerankApi.ofName(r).isEmpty()).ifPresent(r -> problems.add(path
                + ".rerank_api: expected cohere, jina, voyage or tei, got '" + r + "'"));
        return new ProviderOperations(models, rerank);
    }

    private Optional<String> envValue(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
