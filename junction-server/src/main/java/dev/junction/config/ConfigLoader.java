package dev.junction.config;

import dev.junction.guard.DetectorCatalog;
import org.slf4j.LoggerFactory;

import dev.junction.mock.MockProvider;
import dev.junction.model.Dialect;
import dev.junction.provider.AuthStyle;
import dev.junction.provider.ParamRules;
import dev.junction.provider.ParamRulesReader;
import dev.junction.provider.KeyPool;
import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.ProviderOperations;
import dev.junction.provider.ProviderPreset;
import dev.junction.provider.Timeouts;
import dev.junction.routing.health.HealthPolicy;
import dev.junction.upstream.MediaFetcher;
import dev.junction.secret.Secret;
import dev.junction.dialect.bedrock.BedrockPlatform;
import dev.junction.provider.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Builds a {@link GatewayConfig} from three layers, later ones winning for the same name: the built-in mock, the
 * environment ({@code <PROVIDER>_API_KEY}, {@code <PROVIDER>_BASE_URL}, {@code JUNCTION_MASTER_KEY}) and the YAML
 * file. Unknown keys, wrong types, unset variables and dangling references are all reported in one
 * {@link ConfigException}. Routes and shared groups are read by {@link RoutesReader}.
 */
public final class ConfigLoader {

    private static final Set<String> TOP = Set.of("server", "keys", "admin_keys", "auth", "redis", "providers", "routes",
            "groups", "health", "data_dir", "database", "secret_key", "previous_secret_keys", "request_logs", "pricing",
            "responses", "timeouts", "media", "metrics", "tracing", "alerts", "analytics", "console", "guardrails",
            "cache", "extensions", "sso");
    private static final Set<String> MEDIA = Set.of("max_size", "timeout", "allow_private_networks");
    private static final Set<String> SERVER = Set.of("host", "port", "max_body_size", "drain_timeout",
            "trusted_proxies", "forwarded_header", "max_audio_body_size", "upload_dir",
            "max_form_field_size");
    private static final Set<String> KEY = Set.of("name", "key");
    private static final List<String> REDIS_SCHEMES = List.of("redis://", "rediss://", "redis-sentinel://",
            "rediss-sentinel://", "redis-cluster://", "rediss-cluster://");
    private static final Set<String> PROVIDER = Set.of("preset", "base_url", "api_key", "api_keys", "key_pool",
            "auth", "dialect", "headers", "models", "model_patterns", "params", "platform", "timeouts", "tls",
            "operations", "rerank_api");
    private static final Set<String> TIMEOUTS = Set.of("connect", "first_byte", "idle", "total");

    private final ProviderCatalog catalog;
    private final Map<String, String> env;

    /**
     * @param env the environment to read, {@code System.getenv()} in production and a plain map in tests
     */
    public ConfigLoader(ProviderCatalog catalog, Map<String, String> env) {
        this.catalog = catalog;
        this.env = Map.copyOf(env);
    }

    /** Loads the file, or the environment alone when there is none. */
    public GatewayConfig load(Optional<Path> file) {
        if (file.isEmpty()) {
            return build(Optional.empty(), "the environment", Optional.empty());
        }
        String text;
        try {
            text = Files.readString(file.get());
        } catch (IOException e) {
            throw new ConfigException(file.get().toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return loadYaml(text, file.get().toString());
    }

    /** Loads configuration from YAML text; {@code source} names it in messages. */
    public GatewayConfig loadYaml(String yaml, String source) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return build(Optional.empty(), source, Optional.of(source));
        }
        if (!root.isObject()) {
            throw new ConfigException(source, List.of("the top level must be a mapping"));
        }
        return build(Optional.of(root), source, Optional.of(source));
    }

    private GatewayConfig build(Optional<JsonNode> file, String sourceName, Optional<String> source) {
        Problems problems = new Problems();
        JsonNode root = file.map(r -> substitute(r, problems)).orElse(ObjectNodeHolder.EMPTY);
        problems.onlyKeys(root, "", TOP);

        Timeouts timeouts = timeouts(root.get("timeouts"), "timeouts", Timeouts.DEFAULTS, problems);
        ServerSettings server = server(root.get("server"), problems);
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        Map<String, ConfigLayers.Source> providerSources = new LinkedHashMap<>();
        providers.put(MockProvider.NAME, MockProvider.config());
        providerSources.put(MockProvider.NAME, ConfigLayers.Source.BUILTIN);
        envProviders(timeouts).forEach(p -> {
            providers.put(p.name(), p);
            providerSources.put(p.name(), ConfigLayers.Source.ENV);
        });
        JsonNode providersNode = root.get("providers");
        if (problems.isMapping(providersNode, "providers")) {
            for (var entry : providersNode.properties()) {
                fileProvider(entry.getKey(), entry.getValue(), timeouts, providers, problems).ifPresent(p -> {
                    providers.put(p.name(), p);
                    providerSources.put(p.name(), ConfigLayers.Source.FILE);
                });
            }
        }
        List<GatewayKey> keys = keys(root.get("keys"), problems, "keys", "JUNCTION_MASTER_KEY", "master");
        List<GatewayKey> adminKeys = keys(root.get("admin_keys"), problems, "admin_keys", "JUNCTION_ADMIN_KEY",
                "admin");
        boolean authRequired = authRequired(root.get("auth"), problems);
        RoutesReader.RouteTable routes = new RoutesReader(providers, timeouts, problems)
                .read(root.get("routes"), root.get("groups"));
        HealthPolicy health = PolicyReader.health(root.get("health"), problems);
        MediaFetcher.Limits media = media(root.get("media"), problems);
        GovernanceSettings governance = new GovernanceReader(this::envValue, problems).read(root);
        ObservabilitySettings observability = new ObservabilitySettings(
                new MetricsReader(this::envValue, problems).read(root.get("metrics")),
                new TracingReader(this::envValue, problems).read(root.get("tracing")),
                new AlertReader(this::envValue, problems).read(root.get("alerts")),
                new AnalyticsReader(this::envValue, problems).read(root.get("analytics")));
        ConsoleSettings console = new ConsoleReader(problems).read(root.get("console"));
        ExtensionSettings extensions = new ExtensionsReader(problems).read(root.get("extensions"));
        GuardrailSettings guardrails = new GuardrailsReader(problems, detectors(root.get("guardrails"), extensions))
                .read(root.get("guardrails"));
        SsoSettings sso = new SsoReader(problems).read(root.get("sso"));
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceName, problems.list());
        }
        Optional<String> redisUrl = redisUrl(root.get("redis"), problems);
        CacheSettings cache = new CacheReader(problems).read(root.get("cache"), redisUrl);
        if (!problems.isEmpty()) {
            throw new ConfigException(sourceName, problems.list());
        }
        Map<String, ConfigLayers.Source> routeSources = new LinkedHashMap<>();
        routes.routes().keySet().forEach(name -> routeSources.put(name, ConfigLayers.Source.FILE));
        ConfigLayers layers = new ConfigLayers(timeouts, routes.groups(), providerSources, routeSources, Map.of());
        return new GatewayConfig(server, keys, adminKeys, authRequired, providers, routes.routes(), routes.aliases(),
                health, redisUrl, media, governance, observability, console, source, layers, guardrails, cache,
                extensions, sso);
    }

    /**
     * The detectors policies may name: the class path's, and with a {@code guardrails:} section also those of the
     * extensions directory's plugins, read anew on every load (so a reload picks up replaced jars). A jar that cannot
     * be read is a warning, not a configuration error: the configuration fails only if a policy names what it lacks.
     */
    private static DetectorCatalog detectors(JsonNode guardrails, ExtensionSettings extensions) {
        if (guardrails == null || guardrails.isNull()) {
            return DetectorCatalog.classPath();
        }
        return DetectorCatalog.load(extensions.directory(),
                problem -> LoggerFactory.getLogger(ConfigLoader.class).atWarn().log("Detectors: {}", problem));
    }

    /**
     * A loader for provider definitions stored in the database: it reads no environment, so a stored provider gets
     * its key from the store alone, never from a preset's {@code <PROVIDER>_API_KEY}.
     */
    static ConfigLoader forStoredDefinitions(ProviderCatalog catalog) {
        return new ConfigLoader(catalog, Map.of());
    }

    /**
     * Reads one stored provider exactly as a {@code providers.<name>} block of the file, with its key put back.
     * Stored definitions get no {@code ${VAR}} substitution, and must not hold the key themselves (it is stored
     * encrypted beside them); a key pool's keys come opened from their sealed form in the definition. Problems are recorded with the path {@code providers.<name>}; empty when it has any.
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

    /** Replaces variables in every string value; unset variables are problems, listed once each. */
    private JsonNode substitute(JsonNode root, Problems problems) {
        Set<String> missing = new LinkedHashSet<>();
        JsonNode out = substituteNode(root.deepCopy(), missing);
        missing.forEach(name -> problems.add("environment variable ${" + name + "} is not set and has no default"
                + " (write ${" + name + ":-default} to give one)"));
        return out;
    }

    private JsonNode substituteNode(JsonNode node, Set<String> missing) {
        if (node.isString()) {
            return StringNode.valueOf(Substitution.apply(node.stringValue(), env, missing::add));
        }
        if (node instanceof ObjectNode o) {
            for (String name : List.copyOf(o.propertyNames())) {
                o.set(name, substituteNode(o.get(name), missing));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substituteNode(a.get(i), missing));
            }
        }
        return node;
    }

    private static MediaFetcher.Limits media(JsonNode node, Problems problems) {
        MediaFetcher.Limits d = MediaFetcher.Limits.DEFAULTS;
        if (!problems.isMapping(node, "media")) {
            return d;
        }
        problems.onlyKeys(node, "media", MEDIA);
        return new MediaFetcher.Limits(problems.size(node, "max_size", "media").orElse(d.maxBytes()),
                problems.duration(node, "timeout", "media").orElse(d.timeout()),
                problems.bool(node, "allow_private_networks", "media").orElse(d.allowPrivateNetworks()));
    }

    private ServerSettings server(JsonNode node, Problems problems) {
        ServerSettings d = ServerSettings.DEFAULTS;
        if (!problems.isMapping(node, "server")) {
            return d;
        }
        problems.onlyKeys(node, "server", SERVER);
        return new ServerSettings(problems.string(node, "host", "server").orElse(d.host()),
                problems.integer(node, "port", "server", 0, 65535).orElse(d.port()),
                problems.size(node, "max_body_size", "server").orElse(d.maxBodyBytes()),
                problems.duration(node, "drain_timeout", "server").orElse(d.drainTimeout()),
                trustedProxies(node, problems),
                problems.size(node, "max_audio_body_size", "server").orElse(d.maxAudioBodyBytes()),
                problems.string(node, "upload_dir", "server").orElse(d.uploadDir()),
                (int) Math.min(Integer.MAX_VALUE, problems.size(node, "max_form_field_size", "server")
                        .orElse((long) d.maxFormFieldBytes())));
    }

    private static TrustedProxies trustedProxies(JsonNode server, Problems problems) {
        List<String> entries = problems.strings(server, "trusted_proxies", "server");
        TrustedProxies.Header header = problems.string(server, "forwarded_header", "server").flatMap(name -> {
            for (TrustedProxies.Header h : TrustedProxies.Header.values()) {
                if (h.headerName().equalsIgnoreCase(name)) {
                    return Optional.of(h);
                }
            }
            problems.add("server.forwarded_header: expected x-forwarded-for or forwarded, got '" + name + "'");
            return Optional.empty();
        }).orElse(TrustedProxies.NONE.header());
        try {
            return TrustedProxies.of(entries, header);
        } catch (IllegalArgumentException e) {
            problems.add("server.trusted_proxies: " + e.getMessage());
            return TrustedProxies.NONE;
        }
    }

    static Timeouts timeouts(JsonNode node, String path, Timeouts base, Problems problems) {
        if (!problems.isMapping(node, path)) {
            return base;
        }
        problems.onlyKeys(node, path, TIMEOUTS);
        return new Timeouts(problems.duration(node, "connect", path).orElse(base.connect()),
                problems.duration(node, "first_byte", path).orElse(base.firstByte()),
                problems.duration(node, "idle", path).orElse(base.idle()),
                problems.duration(node, "total", path).orElse(base.total()));
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

    private Optional<String> envValue(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
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
            node = ObjectNodeHolder.EMPTY;
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
                timeouts(node.get("timeouts"), path + ".timeouts", defaultTimeouts, problems), models, patterns,
                TlsReader.caBundle(node, path, problems), platform, pool, operations));
    }

    /**
     * A provider entry's {@code operations} (model patterns by operation: {@code images: ["dall-e-*"]}) and {@code
     * rerank_api} ({@code cohere}, {@code jina}, {@code voyage} or {@code tei}).
     */
    private static ProviderOperations operations(JsonNode node, String path, Problems problems) {
        JsonNode ops = node.get("operations");
        java.util.Map<String, List<String>> models = new LinkedHashMap<>();
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

    /**
     * {@code auth.required}, else {@code JUNCTION_AUTH_REQUIRED}: whether every data-plane request needs a key even
     * when the gateway would otherwise be open (no gateway key, no admin key, no virtual key at start).
     */
    private boolean authRequired(JsonNode node, Problems problems) {
        Optional<Boolean> required = Optional.empty();
        if (problems.isMapping(node, "auth")) {
            problems.onlyKeys(node, "auth", Set.of("required"));
            required = problems.bool(node, "required", "auth");
        }
        return required.or(() -> envValue("JUNCTION_AUTH_REQUIRED").map(v -> {
            if (!v.equals("true") && !v.equals("false")) {
                problems.add("JUNCTION_AUTH_REQUIRED: expected true or false, got '" + v + "'");
            }
            return v.equals("true");
        })).orElse(false);
    }

    /** {@code redis.url}, else {@code JUNCTION_REDIS_URL}: the Redis replicas share. */
    private Optional<String> redisUrl(JsonNode node, Problems problems) {
        Optional<String> url = Optional.empty();
        if (problems.isMapping(node, "redis")) {
            problems.onlyKeys(node, "redis", Set.of("url"));
            url = problems.string(node, "url", "redis");
        }
        url = url.or(() -> envValue("JUNCTION_REDIS_URL"));
        url.filter(u -> REDIS_SCHEMES.stream().noneMatch(u::startsWith)).ifPresent(u -> problems.add(
                "redis.url: expected a redis://, rediss://, redis-sentinel://, redis-cluster:// or rediss-cluster:// "
                        + "URL"));
        return url;
    }

    /**
     * Keys from a {@code keys} (or {@code admin_keys}) list, after the one the environment variable gives, if any.
     */
    private List<GatewayKey> keys(JsonNode node, Problems problems, String section, String envName, String envKeyName) {
        List<GatewayKey> keys = new ArrayList<>();
        envValue(envName).ifPresent(k -> keys.add(new GatewayKey(envKeyName, Secret.of(k))));
        if (node == null || node.isNull()) {
            return keys;
        }
        if (!node.isArray()) {
            problems.add(section + ": expected a list of {name, key}");
            return keys;
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String path = section + "[" + i + "]";
            JsonNode k = node.get(i);
            if (!problems.isMapping(k, path)) {
                continue;
            }
            problems.onlyKeys(k, path, KEY);
            Optional<String> name = problems.requiredString(k, "name", path);
            Optional<String> value = problems.requiredString(k, "key", path);
            name.filter(n -> !names.add(n)).ifPresent(n -> problems.add(path + ".name: duplicate key name '" + n + "'"));
            value.filter(v -> v.length() < 16).ifPresent(v -> problems.add(path
                    + ".key: too short; use at least 16 characters"));
            if (name.isPresent() && value.isPresent()) {
                keys.add(new GatewayKey(name.get(), Secret.of(value.get())));
            }
        }
        return keys;
    }

    /** Shared empty node for absent sections. */
    private static final class ObjectNodeHolder {
        static final JsonNode EMPTY = dev.junction.json.Json.object();
    }
}
