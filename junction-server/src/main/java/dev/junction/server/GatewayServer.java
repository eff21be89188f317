package dev.junction.server;

import dev.junction.admin.AdminApi;
import dev.junction.console.ConsoleAssets;
import dev.junction.alert.AlertService;
import dev.junction.alert.GovernanceProbes;
import dev.junction.alert.GovernanceAnnouncementClaims;
import dev.junction.alert.GovernanceStoredAlerts;
import dev.junction.auth.AccessMode;
import dev.junction.cache.runtime.ResponseCache;
import dev.junction.cluster.RedisHealthSync;
import dev.junction.config.GatewayConfig;
import dev.junction.config.StoredConfigMerger;
import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.endpoint.audio.TranscriptionHandler;
import dev.junction.events.EventBus;
import dev.junction.events.HealthChanged;
import dev.junction.trace.Tracing;
import dev.junction.trace.Tracings;
import dev.junction.governance.Governance;
import dev.junction.governance.GovernanceSnapshot;
import dev.junction.json.Json;
import dev.junction.metrics.GatewayMetrics;
import dev.junction.metrics.MetricsEndpoint;
import dev.junction.model.GatewayError;
import dev.junction.observe.RequestLog;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.ErrorReplies;
import dev.junction.conversation.Conversations;
import dev.junction.pipeline.Stage;
import java.util.List;
import dev.junction.pipeline.RequestContext;
import dev.junction.provider.ProviderCatalog;
import dev.junction.routing.RouteExecutor;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.routing.strategy.Strategy;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.stage.extension.ExtensionHost;
import dev.junction.extension.PluginDirectory;
import dev.junction.stage.record.RequestLogStage;
import dev.junction.upstream.BearerTokens;
import dev.junction.upstream.HttpUpstreamClient;
import dev.junction.upstream.MediaFetcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway process: one Vert.x instance, one HTTP listener shared by all event loops, one upstream client.
 * {@link #start} binds the port; {@link #stop} drains in-flight requests and streams (up to the configured drain
 * timeout) before closing. Started from a file, it can {@link #watch} it and {@link #reload} on change: handlers read
 * the current {@link GatewayRuntime} per request, so a swap needs no restart. The configuration in effect is the
 * file's (and the environment's) merged with the providers and routes stored in the database
 * ({@link StoredConfigMerger}); it is merged again when the file is reloaded and whenever the governance snapshot's
 * stored providers or routes change. Thread safe.
 */
public final class GatewayServer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** How often expired stored responses are deleted. */
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final HttpUpstreamClient http;
    private final BearerTokens tokens = new BearerTokens();
    private final MediaFetcher media;
    /** Health and strategy state outlive configuration reloads: they are kept by deployment and group name. */
    private final HealthRegistry health;
    private final Map<String, Strategy> strategies = RouteExecutor.newStrategyState();
    private final Optional<RedisHealthSync> healthSync;
    private final HealthChecks checks;
    private final Governance governance;
    /** The stored providers and routes merged into the running configuration; guarded by {@code this}. */
    private final StoredDefinitions stored;
    private final Pipelines pipelines;
    /** The configured plugins ({@code extensions:}), swapped on reload and when their directory's jars change. */
    private final ExtensionHost plugins;
    private final Conversations conversations;
    private final EventBus events = new EventBus();
    private final AlertService alerts;
    /** Traces and logs over OTLP, started once from the first configuration (a reload does not change them). */
    private final Tracing tracing;
    private final AtomicReference<GatewayRuntime> runtime = new AtomicReference<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final OpenConnections connections = new OpenConnections();
    private volatile boolean draining;
    private boolean stopped;
    private volatile Optional<ConfigWatcher> watcher = Optional.empty();
    private final Optional<GatewayMetrics> metrics;
    private final Optional<ResponseCache> cache;
    private HttpServer server;
    private Optional<HttpServer> metricsServer = Optional.empty();

    private GatewayServer(GatewayConfig config, Clock clock, List<Stage> extensions) {
        this.governance = Governance.start(config.governance(), config.observability().analytics(),
                config.redisUrl(), clock);
        governance.startRetention(config.observability().analytics());
        this.conversations = new Conversations(governance.database(), config.governance().responses(), clock);
        this.tracing = Tracings.start(config.observability().tracing(), events);
        this.cache = ResponseCache.start(config.cache(), config.redisUrl(), config.governance().dataDir(),
                clock);
        this.stored = new StoredDefinitions(new StoredConfigMerger(ProviderCatalog.bundled(), governance.secrets()));
        this.vertx = Vertx.vertx(new VertxOptions());
        this.plugins = new ExtensionHost(config.extensions(), vertx, events, clock);
        this.pipelines = new Pipelines(this::runtime, conversations, extensions, plugins, tracing, cache);
        this.http = new HttpUpstreamClient(vertx, 1024);
        http.onUnauthorized(tokens::unauthorized); // a refused platform token is fetched anew
        this.media = new MediaFetcher(vertx, config.media());
        this.health = new HealthRegistry(config.health());
        health.addListener(e -> events.publish(new HealthChanged(clock.instant(), e)));
        this.healthSync = config.redisUrl().flatMap(url -> RedisHealthSync.start(url, health));
        this.runtime.set(new GatewayRuntime(stored.merge(config, governance.snapshot()), vertx, http, media, health,
                strategies, governance, events, tokens));
        this.checks = new HealthChecks(vertx, health);
        this.alerts = new AlertService(config.observability().alerts(), events,
                new GovernanceProbes(governance, config.redisUrl().isPresent()),
                new GovernanceStoredAlerts(governance),
                new GovernanceAnnouncementClaims(governance, governance.replicas().replicaId()), clock,
                governance.replicas().replicaId());
        alerts.start();
        this.metrics = config.observability().metrics().enabled()
                ? Optional.of(new GatewayMetrics(config.observability().metrics(), vertx, events, health,
                        governance.writer(), runtime::get))
                : Optional.empty();
        metrics.ifPresent(m -> cache.ifPresent(c -> m.observe(c.stats())));
        vertx.setPeriodic(PURGE_EVERY.toMillis(), id -> conversations.purge());
        vertx.setPeriodic(ConfigWatcher.PERIOD.toMillis(), id -> {
            if (plugins.watching()) {
                vertx.executeBlocking(() -> {
                    plugins.rescan();
                    return null;
                }, false);
            }
        });
        this.checks.schedule(runtime.get());
    }

    /** Starts a gateway and waits until it listens. */
    public static GatewayServer start(GatewayConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts a gateway whose budgets, periods and key expiry follow {@code clock}, and waits until it listens.
     */
    public static GatewayServer start(GatewayConfig config, Clock clock) {
        return start(config, clock, List.of());
    }

    /**
     * Starts a gateway whose routed requests also pass through {@code extensions}, in their order, after the
     * governance stages and right before execution (see {@link Stage} for the contract), and waits until it listens.
     */
    public static GatewayServer start(GatewayConfig config, Clock clock, List<Stage> extensions) {
        GatewayServer gateway = new GatewayServer(config, clock, List.copyOf(extensions));
        gateway.governance.onStoredConfigChange(changed -> gateway.applyStoredConfig());
        gateway.applyStoredConfig(); // a change published before the listener was in place
        try {
            gateway.listen().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            gateway.alerts.close();
            gateway.metrics.ifPresent(GatewayMetrics::close);
            gateway.healthSync.ifPresent(RedisHealthSync::close);
            gateway.cache.ifPresent(ResponseCache::close);
            gateway.plugins.close();
            gateway.vertx.close();
            gateway.governance.close();
            gateway.tracing.close();
            throw new IllegalStateException("could not listen on " + config.server().host() + ":"
                    + config.server().port() + ": " + e.getMessage(), e);
        }
        return gateway;
    }

    private Future<HttpServer> listen() {
        GatewayConfig config = runtime.get().config();
        AccessMode mode = runtime.get().callers().mode();
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.server().host())
                .setPort(config.server().port())
                .setTcpNoDelay(true)
                // No HTTP/2 over cleartext: Vert.x's h2c upgrade cuts a response larger than the flow-control window
                // (64 KiB) when clients open several upgrading connections at once (the JDK's HttpClient does);
                // cleartext clients speak HTTP/1.1, and TLS terminated in front of Junction may speak HTTP/2.
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false)
                .setMaxFormAttributeSize(config.server().maxFormFieldBytes())
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
        connections.track(server);
        // Audio uploads are streamed to files there while their request runs.
        Future<HttpServer> main = vertx.fileSystem().mkdirs(config.server().uploadDir())
                .compose(v -> server.requestHandler(router(config)).listen())
                .onSuccess(s -> StartupSummary.log(config, governance, s.actualPort(), mode));
        Optional<Integer> ownPort = config.observability().metrics().port();
        if (metrics.isEmpty() || ownPort.isEmpty()) {
            return main;
        }
        Router metricsRouter = Router.router(vertx);
        metricsRouter.get("/metrics").handler(new MetricsEndpoint(metrics.get(), runtime::get, true));
        HttpServer own = vertx.createHttpServer(new HttpServerOptions().setHost(config.server().host())
                .setPort(ownPort.get()));
        metricsServer = Optional.of(own);
        return main.compose(s -> own.requestHandler(metricsRouter).listen()
                .onSuccess(m -> LOG.atInfo().addKeyValue("port", m.actualPort()).log("Metrics served on their own port"))
                .map(s));
    }

    private Router router(GatewayConfig config) {
        Router router = Router.router(vertx);
        router.route().handler(RequestContext::attach);
        router.get("/health").handler(ctx -> json(ctx, 200, Json.object().put("status", "ok")));
        router.get("/ready").handler(this::ready);

        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes());

        // Mark each request with its client dialect first, so every answer (401s included) speaks it.
        router.route("/v1/messages*").handler(ClientDialect.ANTHROPIC::mark);
        router.route("/v1/models*").handler(ctx -> {
            if (ctx.request().getHeader("anthropic-version") != null) {
                ClientDialect.ANTHROPIC.mark(ctx);
            } else {
                ctx.next();
            }
        });
        router.route("/v1beta/*").handler(ClientDialect.GEMINI::mark);
        router.route("/v1/responses*").handler(ClientDialect.RESPONSES::mark);
        router.route("/v1/*").handler(this::track);
        router.route("/v1beta/*").handler(this::track);

        var uploads = TranscriptionHandler.intake(config.server().maxAudioBodyBytes(), config.server().uploadDir());
        MethodTable endpoints = new DataPlaneRoutes(pipelines, body, config.server().maxBodyBytes(), uploads)
                .mount(new MethodTable(router));

        new AdminApi(runtime::get, health, governance, alerts, events, cache, Optional.of(plugins)).mount(router,
                Optional.of(pipelines.playground()));
        if (metrics.isPresent() && config.observability().metrics().port().isEmpty()) {
            router.get("/metrics").handler(new MetricsEndpoint(metrics.get(), runtime::get, false));
        }
        if (config.console().enabled()) {
            new ConsoleAssets().mount(router);
        }
        router.route("/v1/*").handler(ctx -> DataPlaneRoutes.unknown(ctx, endpoints));
        router.route("/v1beta/*").handler(ctx -> DataPlaneRoutes.unknown(ctx, endpoints));
        router.route().last().handler(ctx -> json(ctx, 404, OpenAiErrors.render(
                new GatewayError.NotFound("Unknown path: " + ctx.request().path()))));
        router.route().failureHandler(ctx -> failure(ctx, config));
        return router;
    }

    /**
     * Counts the request for the drain; logs it once it is over when no pipeline did (a body too large, an unknown
     * path or method).
     */
    private void track(RoutingContext ctx) {
        if (draining) {
            ctx.response().putHeader("connection", "close");
            ErrorReplies.send(ctx, new GatewayError.Unavailable("The gateway is shutting down.",
                    Optional.of(Duration.ofSeconds(1))));
            return;
        }
        inFlight.incrementAndGet();
        RequestRecord record = RequestContext.record(ctx);
        ctx.addEndHandler(ar -> {
            inFlight.decrementAndGet();
            if (!RequestContext.piped(ctx)) {
                RequestLog.write(record.status(ctx.response().getStatusCode()));
                if (events.hasSubscribers()) {
                    events.publish(RequestLogStage.finished(record, record.logged(),
                            ClientDialect.of(ctx).name().toLowerCase(java.util.Locale.ROOT)));
                }
            }
        });
        ctx.next();
    }

    private void ready(RoutingContext ctx) {
        ObjectNode body = Readiness.body(draining, inFlight.get(), runtime.get(), governance, tracing);
        json(ctx, body.get("unready_because").isEmpty() ? 200 : 503, body);
    }

    private static void failure(RoutingContext ctx, GatewayConfig config) {
        GatewayError error = switch (ctx.statusCode()) {
            case 413 -> new GatewayError.PayloadTooLarge(config.server().maxBodyBytes());
            case 405 -> new GatewayError.MethodNotAllowed("Method " + ctx.request().method() + " is not allowed on "
                    + ctx.request().path() + ".");
            case 400 -> new GatewayError.InvalidRequest("The request could not be read.");
            default -> {
                LOG.error("Unhandled failure on {}", ctx.request().path(), ctx.failure());
                yield new GatewayError.Internal("The gateway failed to process the request.");
            }
        };
        ErrorReplies.send(ctx, error);
    }

    private static void json(RoutingContext ctx, int status, tools.jackson.databind.JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    /**
     * Reloads the configuration whenever the file's content changes (see {@link ConfigWatcher}), until {@link #stop}.
     *
     * @param load loads the file as the gateway was started from it (command-line overrides applied), reading the
     *     environment again; throws {@link dev.junction.config.ConfigException} when the file is invalid
     */
    public synchronized void watch(Path file, Supplier<GatewayConfig> load) {
        watcher.ifPresent(ConfigWatcher::stop);
        // The jars of the directory detectors the running policies use count as part of the file.
        ConfigWatcher w = new ConfigWatcher(vertx, file, load, this::reload, () -> runtime.get().config()
                .guardrails().detectorDirectory().map(PluginDirectory::fingerprint).orElse(""));
        watcher = Optional.of(w);
        w.start();
    }

    /**
     * Swaps in a new configuration: requests that start from now on use it, requests under way finish with the one
     * they started with. Deployment health and strategy state carry over (they are kept by deployment id and group
     * name). Listener settings ({@code server:}), media limits, the health policy and the metrics settings keep their
     * running values: they only change with a restart, and a difference is logged as ignored.
     */
    public synchronized void reload(GatewayConfig loaded) {
        GatewayRuntime previous = runtime.get();
        GatewayConfig running = previous.config();
        if (!loaded.server().equals(running.server())) {
            LOG.warn("The 'server' settings changed; they only take effect after a restart and were ignored");
        }
        if (!loaded.media().equals(running.media())) {
            LOG.warn("The 'media' settings changed; they only take effect after a restart and were ignored");
        }
        if (!loaded.health().equals(running.health())) {
            LOG.warn("The 'health' settings changed; they only take effect after a restart and were ignored");
        }
        if (!loaded.observability().alerts().equals(running.observability().alerts())) {
            LOG.warn("The 'alerts' settings changed; they only take effect after a restart and were ignored");
        }
        if (!loaded.observability().metrics().equals(running.observability().metrics())) {
            LOG.warn("The 'metrics' settings changed; they only take effect after a restart and were ignored");
        }
        if (!loaded.console().equals(running.console())) {
            LOG.warn("The 'console' settings changed; they only take effect after a restart and were ignored");
        }
        if (!loaded.governance().equals(running.governance())) {
            LOG.warn("The database, data directory, secret key, request-log or pricing settings changed; they only "
                    + "take effect after a restart and were ignored");
        }
        GatewayConfig fromFile = new GatewayConfig(running.server(), loaded.keys(), loaded.adminKeys(),
                loaded.authRequired(), loaded.providers(), loaded.routes(), loaded.aliases(), running.health(),
                running.redisUrl(), running.media(), running.governance(), running.observability(), running.console(),
                loaded.source(),
                loaded.layers(), loaded.guardrails(), loaded.cache(), loaded.extensions(),
                loaded.sso());
        plugins.apply(loaded.extensions());
        GatewayRuntime next = install(stored.merge(fromFile, governance.snapshot()));
        if (previous.callers().mode().closed() != next.callers().mode().closed()) {
            StartupSummary.access(next.callers().mode(), next.config().server().port());
        }
    }

    /**
     * Merges the running configuration again with the stored providers and routes, when they changed since it was
     * merged. Called on the governance's database thread when a new snapshot is published.
     */
    private synchronized void applyStoredConfig() {
        GovernanceSnapshot now = governance.snapshot();
        if (draining || !stored.changedIn(now)) {
            return;
        }
        install(stored.merge(runtime.get().config(), now));
    }

    /** Swaps in a runtime for the configuration; requests under way finish with the one they started with. */
    private GatewayRuntime install(GatewayConfig effective) {
        GatewayRuntime next = new GatewayRuntime(effective, vertx, http, media, health, strategies, governance,
                events, tokens);
        runtime.set(next);
        health.keys().retain(effective.providers().values()); // keys a reload removed; the others keep their state
        tokens.retain(next.tokenIdentities()); // token sources of providers a reload removed; the others keep theirs
        checks.schedule(next);
        LOG.atInfo().addKeyValue("routes", String.join(",", effective.routes().keySet()))
                .addKeyValue("aliases", effective.aliases().size())
                .addKeyValue("providers", String.join(",", effective.providers().keySet()))
                .addKeyValue("keys", effective.keys().size())
                .addKeyValue("config", effective.source().orElse("none"))
                .log("New configuration in effect");
        return next;
    }

    /** The runtime in effect now: what the next request uses. */
    public GatewayRuntime runtime() {
        return runtime.get();
    }

    /** The store, limits, budgets and request log of this gateway. */
    public Governance governance() {
        return governance;
    }

    /** Where this gateway publishes finished requests and health changes; subscribers must not block. */
    public EventBus events() {
        return events;
    }

    /** The alerting: its channels, rules, open incidents and delivery counters. */
    public AlertService alerts() {
        return alerts;
    }

    /** The gateway's traces ({@link Tracing#OFF} unless an OTLP endpoint is configured). */
    public Tracing tracing() {
        return tracing;
    }

    /** The stages a routed chat request arriving now runs through, in order (for diagnostics and tests). */
    public List<Stage> routedStages() {
        return pipelines.routed().stages();
    }

    /** The plugins this gateway runs ({@code extensions:}). */
    public ExtensionHost extensions() {
        return plugins;
    }

    /** The deployments' health, shared by every configuration this server runs. */
    public HealthRegistry health() {
        return health;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.actualPort();
    }

    /** The port {@code /metrics} is served on when it has a listener of its own ({@code metrics.port}). */
    public Optional<Integer> metricsPort() {
        return metricsServer.map(HttpServer::actualPort);
    }

    /**
     * Stops taking requests, lets in-flight ones finish (up to the drain timeout), then closes everything. Blocks
     * until done; a later call returns at once.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        watcher.ifPresent(ConfigWatcher::stop);
        checks.stop();
        draining = true;
        Duration drain = runtime.get().config().server().drainTimeout();
        long deadline = System.nanoTime() + drain.toNanos();
        LOG.atInfo().addKeyValue("in_flight", inFlight.get()).addKeyValue("connections", connections.size())
                .log("Draining before shutdown");
        // Idle keep-alive connections close now, busy ones once their exchange ends; the listener stays open so
        // /ready answers "draining" and a request that still arrives is refused with a 503 and Connection: close.
        connections.shutdownAll(drain);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            server.shutdown(Duration.ofSeconds(1)).await(5, TimeUnit.SECONDS);
            if (metricsServer.isPresent()) {
                metricsServer.get().close().await(5, TimeUnit.SECONDS);
            }
            metrics.ifPresent(GatewayMetrics::close);
            http.close().await(5, TimeUnit.SECONDS);
            media.close().await(5, TimeUnit.SECONDS);
            healthSync.ifPresent(RedisHealthSync::close);
            cache.ifPresent(ResponseCache::close);
            plugins.close();
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Shutdown did not complete cleanly: {}", e.toString());
        } finally {
            alerts.close();
            governance.close(); // flushes the request log after the last request has ended
            tracing.close(); // exports the last spans, briefly
        }
        LOG.atInfo().addKeyValue("abandoned", inFlight.get()).log("Junction stopped");
    }
}
