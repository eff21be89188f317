package dev.junction.config;

import dev.junction.guard.DetectorCatalog;
import org.slf4j.LoggerFactory;

import dev.junction.provider.ProviderCatalog;
import dev.junction.provider.ProviderConfig;
import dev.junction.provider.ProviderOperations;
import dev.junction.provider.Timeouts;
import dev.junction.routing.health.HealthPolicy;
import dev.junction.upstream.MediaFetcher;
import dev.junction.secret.Secret;
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
 * {@link ConfigException}. Providers are read by {@link ProviderReader}, routes and shared groups by
 * {@link RoutesReader}.
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
    private static final Set<String> TIMEOUTS = Set.of("connect", "first_byte", "idle", "total");

    private final ProviderReader providerReader;
    private final Map<String, String> env;

    /**
     * @param env the environment to read, {@code System.getenv()} in production and a plain map in tests
     */
    public ConfigLoader(ProviderCatalog catalog, Map<String, String> env) {
        this.providerReader = new ProviderReader(catalog, env);
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
        ProviderReader.ProviderTable providerTable = providerReader.read(root.get("providers"), timeouts, problems);
        Map<String, ProviderConfig> providers = providerTable.providers();
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
        ConfigLayers layers = new ConfigLayers(timeouts, routes.groups(), providerTable.sources(), routeSources, Map.of());
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
     * Reads one stored provider exactly as a {@code providers.<name>} block of the file, with its key put back
     * ({@link ProviderReader#storedProvider}).
     *
     * @param known providers already configured, which the definition cannot redefine
     */
    Optional<ProviderConfig> storedProvider(String name, JsonNode definition, Optional<Secret> apiKey,
                                            Timeouts defaultTimeouts, Map<String, ProviderConfig> known,
                                            Problems problems) {
        return providerReader.storedProvider(name, definition, apiKey, defaultTimeouts, known, problems);
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

    private Optional<String> envValue(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
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
