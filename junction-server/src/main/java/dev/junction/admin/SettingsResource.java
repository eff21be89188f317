package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;

import dev.junction.alert.AlertService;
import dev.junction.alert.channel.Channel;
import dev.junction.config.AlertSettings;
import dev.junction.config.AnalyticsSettings;
import dev.junction.config.GatewayConfig;
import dev.junction.config.GatewayKey;
import dev.junction.config.GovernanceSettings;
import dev.junction.config.MetricsSettings;
import dev.junction.config.TracingSettings;
import dev.junction.json.Json;
import dev.junction.provider.Timeouts;
import dev.junction.routing.health.HealthPolicy;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.secret.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/admin/settings}: what the gateway runs with (its listeners, store, Redis, keys by name, console
 * sessions, limits, observability), with every secret replaced by {@value #MASK}. Built field by field from the
 * effective configuration, so a setting shows only when it is rendered here on purpose; credentials that live inside
 * other values (a password in a database or Redis URL, a token in a query string or an address's user part) are
 * masked in place. As a last guard, every secret value the configuration knows of is searched for in the answer and
 * masked wherever it still appears.
 */
final class SettingsResource {

    static final String MASK = "***";

    /** Query or JDBC-property names whose values are credentials. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:[a-z0-9_.-]*(?:pass|secret|token|key|auth|sig|credential)[a-z0-9_.-]*)=)([^&;#]*)");
    /** The password of a URL's user part ({@code scheme://user:password@host}). */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*:)([^/@?#]*)(@)");
    /** A user part with no password, which may itself be a token ({@code https://token@host}). */
    private static final Pattern BARE_USER = Pattern.compile("(//)([^/@:?#]+)(@)");

    private final Supplier<GatewayRuntime> runtime;
    private final AlertService alerts;

    SettingsResource(Supplier<GatewayRuntime> runtime, AlertService alerts) {
        this.runtime = runtime;
        this.alerts = alerts;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.of(GET, "/api/admin/settings", this::get));
    }

    private CompletionStage<Reply> get(Call call) {
        call.query(Set.of());
        return CompletableFuture.completedFuture(Reply.ok(render(runtime.get().config(), alerts.channels())));
    }

    /** The settings of {@code config}, masked; package-private for tests. */
    static ObjectNode render(GatewayConfig config, List<Channel> channels) {
        ObjectNode body = Json.object();
        body.put("config_file", config.source().orElse(null));

        var server = config.server();
        ObjectNode s = body.putObject("server").put("host", server.host()).put("port", server.port())
                .put("max_body_size", server.maxBodyBytes()).put("drain_timeout", duration(server.drainTimeout()))
                .put("forwarded_header", server.trustedProxies().header().headerName());
        server.trustedProxies().entries().forEach(s.putArray("trusted_proxies")::add);

        MetricsSettings metrics = config.observability().metrics();
        ArrayNode listeners = body.putArray("listeners");
        listeners.addObject().put("name", "gateway").put("host", server.host()).put("port", server.port())
                .put("serves", "data plane, admin API" + (config.console().enabled() ? ", console" : "")
                        + (metrics.enabled() && metrics.port().isEmpty() ? ", metrics" : ""));
        metrics.port().filter(p -> metrics.enabled()).ifPresent(p -> listeners.addObject().put("name", "metrics")
                .put("host", server.host()).put("port", p).put("serves", "metrics"));

        ObjectNode auth = body.putObject("auth").put("required", config.authRequired());
        keys(auth.putArray("gateway_keys"), config.keys());
        keys(auth.putArray("admin_keys"), config.adminKeys());

        GovernanceSettings g = config.governance();
        ObjectNode store = body.putObject("store").put("kind", storeKind(g.database().url()))
                .put("url", maskUrl(g.database().url())).put("user", g.database().user().orElse(null))
                .put("password", g.database().password().map(p -> MASK).orElse(null))
                .put("pool_size", g.database().poolSize()).put("data_dir", g.dataDir().toString())
                .put("secret_key", g.secretKey().isPresent() ? "configured (" + MASK + ")"
                        : "key file in the data directory");
        store.put("note", "secrets are sealed with the secret key; it is never shown");

        ObjectNode redis = body.putObject("redis").put("enabled", config.redisUrl().isPresent());
        redis.put("url", config.redisUrl().map(SettingsResource::maskUrl).orElse(null));

        var console = config.console();
        body.putObject("console").put("enabled", console.enabled())
                .put("session_idle_timeout", duration(console.idleTimeout()))
                .put("session_max_age", duration(console.maxAge()));

        ObjectNode limits = body.putObject("limits");
        limits.put("max_body_size", server.maxBodyBytes());
        limits.put("max_audio_body_size", server.maxAudioBodyBytes());
        timeouts(limits.putObject("timeouts"), config.layers().timeouts());
        var media = config.media();
        limits.putObject("media").put("max_size", media.maxBytes()).put("timeout", duration(media.timeout()))
                .put("allow_private_networks", media.allowPrivateNetworks());
        HealthPolicy h = config.health();
        limits.putObject("health").put("consecutive_failures", h.consecutiveFailures())
                .put("error_rate", h.errorRate()).put("min_requests", h.minRequests())
                .put("window", duration(h.window())).put("cool_down", duration(h.coolDown()))
                .put("rate_limit_cool_down", duration(h.rateLimitCoolDown()));

        var logs = g.requestLogs();
        body.putObject("request_logs").put("capture_bodies", logs.captureBodies())
                .put("max_body_size", logs.maxBodyBytes()).put("queue_size", logs.queueSize())
                .put("batch_size", logs.batchSize()).put("flush_interval", duration(logs.flushInterval()))
                .put("spool_dir", logs.spoolDir().toString()).put("spool_max_size", logs.spoolMaxBytes())
                .putObject("journal").put("fsync", logs.journalSync().policy().name().toLowerCase(java.util.Locale.ROOT))
                .put("fsync_interval", duration(logs.journalSync().interval()))
                .put("max_wait", duration(logs.journalMaxWait()));
        ObjectNode pricing = body.putObject("pricing").put("overrides", g.pricing().overrides().size())
                .put("default_max_tokens", g.pricing().defaultMaxTokens());
        ObjectNode markups = pricing.putObject("route_markups");
        g.pricing().routeMarkups().forEach(markups::put);
        body.putObject("responses").put("retention", duration(g.responses().retention()))
                .put("max_stored_size", g.responses().maxStoredBytes());

        ObjectNode obs = body.putObject("observability");
        obs.putObject("metrics").put("enabled", metrics.enabled()).put("token", metrics.token().map(t -> MASK)
                .orElse(null)).put("port", metrics.port().orElse(null)).put("key_names", metrics.keyNames());
        TracingSettings t = config.observability().tracing();
        ObjectNode tracing = obs.putObject("tracing").put("enabled", t.enabled())
                .put("traces_endpoint", t.tracesEndpoint().map(SettingsResource::maskUrl).orElse(null))
                .put("logs_endpoint", t.logsEndpoint().map(SettingsResource::maskUrl).orElse(null))
                .put("service_name", t.serviceName()).put("sample_ratio", t.sampleRatio()).put("logs", t.logs())
                .put("queue_size", t.queueSize());
        ObjectNode headers = tracing.putObject("headers");
        t.headers().keySet().stream().sorted().forEach(name -> headers.put(name, MASK));
        ObjectNode attributes = tracing.putObject("resource_attributes");
        t.resourceAttributes().forEach(attributes::put);
        AlertSettings a = config.observability().alerts();
        ObjectNode alerting = obs.putObject("alerts").put("evaluate_every", duration(a.evaluateEvery()))
                .put("rules", a.rules().size());
        alerting.putObject("delivery").put("queue", a.delivery().queueSize()).put("retries", a.delivery().retries())
                .put("backoff", duration(a.delivery().backoff())).put("timeout", duration(a.delivery().timeout()));
        ArrayNode channelList = alerting.putArray("channels");
        for (Channel c : channels) {
            channelList.addObject().put("name", c.name()).put("type", c.type()).put("url", c.maskedUrl())
                    .put("signed", c.signed());
        }
        AnalyticsSettings an = config.observability().analytics();
        obs.putObject("analytics").put("request_log_retention", forever(an.requestLogRetention()))
                .put("rollup_retention_minute", forever(an.minuteRollupRetention()))
                .put("rollup_retention_hour", forever(an.hourRollupRetention()))
                .put("rollup_retention_day", forever(an.dayRollupRetention()))
                .put("retention_interval", duration(an.retentionInterval()))
                .put("delete_batch_size", an.deleteBatchSize());

        body.putObject("counts").put("providers", config.providers().size()).put("routes", config.routes().size())
                .put("aliases", config.aliases().size());

        scrub(body, secrets(config));
        return body;
    }

    private static void keys(ArrayNode array, List<GatewayKey> keys) {
        keys.forEach(k -> array.addObject().put("name", k.name()).put("key", MASK));
    }

    private static void timeouts(ObjectNode node, Timeouts t) {
        node.put("connect", duration(t.connect())).put("first_byte", duration(t.firstByte()))
                .put("idle", duration(t.idle())).put("total", duration(t.total()));
    }

    /** {@code sqlite}, {@code postgresql}, {@code mariadb} or {@code mysql}, from a JDBC URL. */
    static String storeKind(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (String kind : List.of("sqlite", "postgresql", "mariadb", "mysql")) {
            if (lower.startsWith("jdbc:" + kind + ":")) {
                return kind;
            }
        }
        return "other";
    }

    /** A URL with the password of its user part, a bare user part and credential-like parameters masked. */
    static String maskUrl(String url) {
        String masked = USER_INFO.matcher(url).replaceAll("$1" + MASK + "$3");
        masked = BARE_USER.matcher(masked).replaceAll(m -> m.group(2).equals(MASK) ? m.group()
                : "$1" + MASK + "$3");
        return SECRET_PARAM.matcher(masked).replaceAll("$1" + MASK);
    }

    /** Every secret value of the configuration, for the last guard. */
    private static List<String> secrets(GatewayConfig config) {
        List<String> out = new ArrayList<>();
        config.keys().forEach(k -> out.add(k.key().reveal()));
        config.adminKeys().forEach(k -> out.add(k.key().reveal()));
        config.providers().values().forEach(p -> {
            p.apiKey().map(Secret::reveal).ifPresent(out::add);
            p.keys().keys().forEach(k -> out.add(k.secret().reveal()));
            out.addAll(p.headers().values());
        });
        var g = config.governance();
        g.database().password().map(Secret::reveal).ifPresent(out::add);
        g.secretKey().map(Secret::reveal).ifPresent(out::add);
        g.previousSecretKeys().forEach(k -> out.add(k.reveal()));
        config.observability().metrics().token().map(Secret::reveal).ifPresent(out::add);
        out.addAll(config.observability().tracing().headers().values());
        for (AlertSettings.Channel c : config.observability().alerts().channels().values()) {
            out.add(c.url().reveal());
            c.secret().map(Secret::reveal).ifPresent(out::add);
        }
        config.redisUrl().ifPresent(url -> {
            var m = USER_INFO.matcher(url);
            if (m.find()) {
                out.add(m.group(2));
            }
        });
        // Short values would mask ordinary words ("true", a port); a real credential is longer.
        out.removeIf(v -> v == null || v.strip().length() < 6);
        return out;
    }

    /** Masks any of {@code secrets} wherever it still appears in a string of the tree. */
    private static void scrub(JsonNode node, List<String> secrets) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode child = object.get(name);
                if (child.isString()) {
                    object.put(name, scrubbed(child.stringValue(), secrets));
                } else {
                    scrub(child, secrets);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isString()) {
                    array.set(i, Json.MAPPER.getNodeFactory().stringNode(scrubbed(child.stringValue(), secrets)));
                } else {
                    scrub(child, secrets);
                }
            }
        }
    }

    private static String scrubbed(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    private static String forever(Optional<Duration> d) {
        return d.map(SettingsResource::duration).orElse("forever");
    }

    /** A duration in the configuration's units: 500ms, 30s, 10m, 12h, 30d. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
