package dev.junction.admin;

import dev.junction.alert.AlertService;
import dev.junction.auth.KeyAuthenticator;
import dev.junction.events.EventBus;
import dev.junction.governance.Governance;
import dev.junction.json.Json;
import dev.junction.live.LiveEvents;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.runtime.GatewayRuntime;
import dev.junction.session.ConsoleSessions;
import dev.junction.store.StoreConflict;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API ({@code /api/admin/*}), for operators: tenants, teams, users, virtual keys, budgets, prices, the
 * request log, spend, the audit trail, deployment health and the live event stream. Every call needs an admin key ({@code JUNCTION_ADMIN_KEY}
 * or {@code admin_keys}), sent as {@code Authorization: Bearer} or {@code X-Api-Key}; with none configured the API is
 * off. Answers are JSON; errors are {@code {"error":{"type","message"}}}. Handlers run on the event loop and hand
 * every store access to the database's threads; each write records an audit entry under the admin key's name and
 * is in force on this replica and every live one when the answer is sent, or the answer's
 * {@code X-Junction-Propagation} headers say which replica did not confirm it.
 */
public final class AdminApi {

    /** The largest request body, in bytes. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String ACTOR = StoredConfigResource.ACTOR;
    private static final String OPENAPI_PATH = "/api/admin/openapi.json";

    private final Supplier<GatewayRuntime> runtime;
    private final List<AdminRoute> routes;
    private final LiveEvents live;
    private final ExportsResource exports;
    private final ConsoleSessions sessions;
    private final dev.junction.sso.LoginState loginStates;
    private final PrincipalAccess principals;
    private final AuditedWrites writes;
    private final AccessCheck access;
    private final java.time.Clock clock;
    /** Every mounted endpoint's method and path pattern, for 405s. */
    private final List<Map.Entry<HttpMethod, Pattern>> answered;

    /**
     * @param runtime the current runtime, read per request (admin keys change with the configuration)
     * @param health the deployments' health
     * @param governance the store, ledger and key material, for the process's whole life
     * @param alerts the alerting, for its listing and test sends
     * @param events the gateway's events, for the live stream
     * @param cache the response cache, when it is on
     * @param extensions the gateway's plugins, when it runs any
     */
    public AdminApi(Supplier<GatewayRuntime> runtime, HealthRegistry health, Governance governance,
                    AlertService alerts, EventBus events, Optional<dev.junction.cache.runtime.ResponseCache> cache,
                    Optional<dev.junction.stage.extension.ExtensionHost> extensions) {
        this.runtime = runtime;
        this.live = new LiveEvents(events, governance);
        this.sessions = new ConsoleSessions(governance.database(), governance.store().consoleSessions(),
                () -> runtime.get().config().console(), governance.clock(), governance::subKeys);
        AuditedWrites writes = new AuditedWrites(governance.database(), governance.store(), governance::propagate);
        this.writes = writes;
        this.clock = governance.clock();
        this.exports = new ExportsResource(writes, governance.clock());
        this.loginStates = new dev.junction.sso.LoginState(governance.subKeys("sso-login-state"), governance.clock());
        this.principals = new PrincipalAccess(writes,
                new dev.junction.crypto.AdminTokens(governance.keyRing()), governance.clock());
        GovernanceCommands commands = new GovernanceCommands(writes, governance.virtualKeys());
        List<AdminRoute> all = new ArrayList<>();
        all.addAll(new HealthResource(runtime, health).routes());
        all.addAll(new TenantsResource(writes).routes());
        all.addAll(new TenantSettingsResource(writes, runtime).routes());
        all.addAll(new TeamsResource(writes).routes());
        all.addAll(new UsersResource(writes, commands).routes());
        all.addAll(new KeysResource(writes, commands, governance.clock()).routes());
        all.addAll(new BudgetsResource(writes, governance.ledger()).routes());
        all.addAll(new PricesResource(writes, runtime).routes());
        all.addAll(new RequestLogsResource(writes).routes());
        all.addAll(new SpendResource(writes, runtime, governance.clock()).routes());
        all.addAll(new AnalyticsResource(writes, governance.clock()).routes());
        all.addAll(new AuditResource(writes).routes());
        all.addAll(new AlertsResource(alerts).routes());
        all.addAll(new AlertChannelsResource(writes, alerts, governance.secrets()).routes());
        all.addAll(new AlertRulesResource(writes, alerts).routes());
        all.addAll(new ProviderTestResource(runtime).routes());
        all.addAll(new SettingsResource(runtime, alerts).routes());
        all.addAll(new CacheResource(cache).routes());
        all.addAll(new ExtensionsResource(extensions).routes());
        all.addAll(new SecretKeysResource(writes, governance.rotation()).routes());
        all.addAll(new PrincipalsResource(writes, principals.tokens(), governance.clock()).routes());
        all.addAll(new RolesResource(writes).routes());
        all.add(MeResource.route(writes));
        this.routes = List.copyOf(all);
        List<Map.Entry<HttpMethod, Pattern>> mounted = new ArrayList<>();
        mounted.add(Map.entry(HttpMethod.GET, Pattern.compile(Pattern.quote(OPENAPI_PATH))));
        mounted.add(Map.entry(HttpMethod.GET, Pattern.compile(Pattern.quote(LiveEvents.PATH))));
        for (String path : List.of(ExportsResource.REQUESTS, ExportsResource.COSTS)) {
            mounted.add(Map.entry(HttpMethod.GET, Pattern.compile(Pattern.quote(path))));
        }
        mounted.add(Map.entry(HttpMethod.POST, Pattern.compile(Pattern.quote(PlaygroundEndpoint.PATH))));
        for (HttpMethod m : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)) {
            mounted.add(Map.entry(m, Pattern.compile(Pattern.quote(SessionResource.PATH))));
        }
        for (String path : List.of(SsoResource.PATH, SsoResource.START, SsoResource.CALLBACK)) {
            mounted.add(Map.entry(HttpMethod.GET, Pattern.compile(Pattern.quote(path))));
        }
        routes.forEach(r -> mounted.add(Map.entry(r.method(), Pattern.compile(r.regex()))));
        StoredConfigResource.MOUNTED.forEach(e -> mounted.add(Map.entry(e.getKey(), Pattern.compile(e.getValue()))));
        this.answered = List.copyOf(mounted);
        List<Map.Entry<HttpMethod, AccessCheck.Endpointed>> decided = new ArrayList<>();
        routes.forEach(r -> decided.add(Map.entry(r.method(), new AccessCheck.Endpointed(r.path(), r.regex()))));
        decided.add(Map.entry(HttpMethod.GET, AccessCheck.Endpointed.exact(LiveEvents.PATH)));
        decided.add(Map.entry(HttpMethod.GET, AccessCheck.Endpointed.exact(ExportsResource.REQUESTS)));
        decided.add(Map.entry(HttpMethod.GET, AccessCheck.Endpointed.exact(ExportsResource.COSTS)));
        decided.add(Map.entry(HttpMethod.POST, AccessCheck.Endpointed.exact(PlaygroundEndpoint.PATH)));
        StoredConfigResource.MOUNTED.forEach(e -> decided.add(Map.entry(e.getKey(),
                AccessCheck.Endpointed.ofRegex(e.getValue()))));
        this.access = new AccessCheck(decided);
    }

    /**
     * One route's access decision, as the permission matrix test reads it.
     *
     * @param method the HTTP method
     * @param path the path template
     * @param permission the permission it needs ({@code keys:write})
     * @param reach {@code signed_in}, {@code instance}, {@code shared}, {@code tenants} or {@code path}
     * @param target for {@code path}: what the path names ({@code key}, {@code tenant}, …)
     * @param own the permission that opens the route for the caller's own keys only ({@code own_keys:read}), if any
     */
    public record RouteDecision(String method, String path, String permission, String reach,
                                Optional<String> target, Optional<String> own) {
    }

    /** Every endpoint behind the permission check, with its decision. */
    public List<RouteDecision> routeDecisions() {
        return access.endpoints().stream().map(e -> new RouteDecision(e.method().name(), e.template(),
                e.rule().permission().id(), e.rule().reach().name().toLowerCase(java.util.Locale.ROOT),
                e.rule().target().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)),
                e.rule().own().map(dev.junction.rbac.Permission::id))).toList();
    }

    /** Every endpoint this API mounts (the OpenAPI document must describe each). */
    List<AdminRoute> routes() {
        return routes;
    }

    /** Mounts the admin routes on the router, without the playground (it answers 404). */
    public void mount(Router router) {
        mount(router, Optional.empty());
    }

    /**
     * Mounts the admin routes on the router, with their own 404 and failure handling.
     *
     * @param playground the pipeline of the playground's requests ({@code POST /api/admin/playground/...})
     */
    public void mount(Router router, Optional<dev.junction.pipeline.Pipeline> playground) {
        router.get(OPENAPI_PATH).handler(AdminApi::openApi);
        new SessionResource(runtime, sessions, writes, clock).mount(router);
        new SsoResource(runtime, sessions, writes, loginStates).mount(router);
        router.route("/api/admin/*").handler(this::authenticate);
        // A route of its own: Vert.x wants a body handler first on its route. Only authenticated bodies are read.
        router.route("/api/admin/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/api/admin/*").handler(this::authorize);
        for (AdminRoute route : routes) {
            router.routeWithRegex(route.method(), route.regex()).handler(ctx -> handle(route, ctx));
        }
        router.get(LiveEvents.PATH).handler(ctx -> live.handle(ctx, Call.reach(ctx)));
        router.get(ExportsResource.REQUESTS).handler(ctx -> exports.requests(ctx, new Call(ctx, ctx.get(ACTOR))));
        router.get(ExportsResource.COSTS).handler(ctx -> exports.costs(ctx, new Call(ctx, ctx.get(ACTOR))));
        playground.ifPresent(p -> router.post(PlaygroundEndpoint.PATH).handler(new PlaygroundEndpoint(p)));
        new StoredConfigResource(runtime).mount(router);
        router.route("/api/admin/*").handler(this::unknown);
        router.route("/api/admin/*").failureHandler(AdminApi::failure);
    }

    /** A known path asked with another method is 405 with {@code Allow}; any other path is 404. */
    private void unknown(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        List<String> allowed = answered.stream().filter(e -> e.getValue().matcher(path).matches())
                .map(e -> e.getKey().name()).distinct().toList();
        if (allowed.isEmpty()) {
            error(ctx, 404, "not_found", "Unknown admin path: " + method + " " + path);
            return;
        }
        ctx.response().putHeader("allow", String.join(", ", allowed));
        error(ctx, 405, "method_not_allowed", "Method " + method + " is not allowed on " + path + "; use "
                + String.join(" or ", allowed) + ".");
    }

    /** The OpenAPI document of this API, bundled in the jar; served without a key (it holds no secrets). */
    private static void openApi(RoutingContext ctx) {
        try (var in = AdminApi.class.getResourceAsStream("/dev/junction/admin/openapi.json")) {
            if (in == null) {
                error(ctx, 500, "internal", "The OpenAPI document is missing from the build.");
                return;
            }
            ctx.response().putHeader("content-type", "application/json").end(Buffer.buffer(in.readAllBytes()));
        } catch (java.io.IOException e) {
            error(ctx, 500, "internal", "The OpenAPI document could not be read.");
        }
    }

    /**
     * Lets in a request with an admin key ({@code Authorization: Bearer} or {@code X-Api-Key}), or with a live
     * console session's cookie; a session's writes must also carry its CSRF token ({@code X-CSRF-Token}).
     */
    private void authenticate(RoutingContext ctx) {
        GatewayRuntime current = runtime.get();
        KeyAuthenticator admins = new KeyAuthenticator(current.config().adminKeys());
        if (!admins.enforcing()) {
            error(ctx, 403, "admin_disabled", "The admin API is off: set JUNCTION_ADMIN_KEY or admin_keys.");
            return;
        }
        String authorization = ctx.request().getHeader("authorization");
        String apiKey = ctx.request().getHeader("x-api-key");
        Optional<String> token = SessionResource.token(ctx);
        if (authorization == null && apiKey == null && token.isPresent()) {
            resumeSession(ctx, token.get(), current);
            return;
        }
        Optional<String> address = address(ctx, current);
        Optional<KeyAuthenticator.Caller> caller = admins.authenticate(authorization, apiKey);
        if (caller.isPresent()) {
            ctx.put(ACTOR, Actor.of(caller.get().keyName(), Optional.empty(), dev.junction.rbac.Grants.OWNER,
                    address));
            ctx.next();
            return;
        }
        String presented = apiKey != null ? apiKey.strip()
                : authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        if (!dev.junction.crypto.AdminTokens.looksLikeToken(presented)) {
            error(ctx, 401, "unauthorized", "Invalid or missing admin key.");
            return;
        }
        ctx.request().pause();
        Future.fromCompletionStage(principals.byToken(presented, address), ctx.vertx().getOrCreateContext())
                .onComplete(done -> {
                    ctx.request().resume();
                    if (done.failed()) {
                        LOG.error("Could not look up a service account token", done.cause());
                        error(ctx, 500, "internal", "The token could not be checked; the gateway's log has the "
                                + "details.");
                    } else if (done.result().isEmpty()) {
                        error(ctx, 401, "unauthorized", "Invalid, expired or disabled service account token.");
                    } else {
                        ctx.put(ACTOR, done.result().get());
                        ctx.next();
                    }
                });
    }

    /** The caller's address behind the configured trusted proxies, for the audit trail. */
    private static Optional<String> address(RoutingContext ctx, GatewayRuntime current) {
        String address = dev.junction.pipeline.ClientAddress.of(ctx.request(), current.config().server()
                .trustedProxies());
        return address.isEmpty() ? Optional.empty() : Optional.of(address);
    }

    /**
     * The one permission check every admin route passes, before its resource runs: the route's decision in
     * {@link RoutePermissions} against the caller's grants. A caller without the permission gets 403; a path that
     * names another tenant's thing gets 404, as if it did not exist. The scope the caller's permission reaches is
     * left for the resource ({@link Call#scope()}), which narrows its lists and creations to it.
     */
    private void authorize(RoutingContext ctx) {
        Actor actor = ctx.get(ACTOR);
        Optional<AccessCheck.Match> match = access.match(ctx.request().method(), ctx.request().path());
        if (match.isEmpty()) {
            // Not a route of the table: an unknown path (404/405), which only an owner reaches as such.
            if (actor.grants() == dev.junction.rbac.Grants.OWNER) {
                ctx.next();
            } else {
                unknown(ctx);
            }
            return;
        }
        AccessRule rule = match.get().endpoint().rule();
        dev.junction.rbac.TenantScope scope = actor.grants().scope(rule.permission());
        dev.junction.rbac.TenantScope own = rule.own().map(actor.grants()::scope)
                .orElse(dev.junction.rbac.TenantScope.NONE);
        switch (rule.reach()) {
            case SIGNED_IN -> {
                ctx.put(Call.SCOPE, scope);
                ctx.next();
                return;
            }
            case INSTANCE -> {
                if (!(scope instanceof dev.junction.rbac.TenantScope.All)) {
                    forbidden(ctx, rule, true);
                    return;
                }
            }
            case SHARED, TENANTS, PATH -> {
                if (scope.isEmpty() && own.isEmpty()) {
                    forbidden(ctx, rule, false);
                    return;
                }
            }
        }
        ctx.put(Call.SCOPE, scope);
        ctx.put(Call.OWN_SCOPE, own);
        if (rule.reach() != AccessRule.Reach.PATH || scope instanceof dev.junction.rbac.TenantScope.All) {
            ctx.next();
            return;
        }
        TenantOf.Kind kind = rule.target().orElseThrow();
        String id = match.get().param(rule.param());
        Future.fromCompletionStage(writes.read(s -> TenantOf.inReach(s, writes.database(), rule, id, scope, own,
                actor.principalId())), ctx.vertx().getOrCreateContext()).onComplete(done -> {
                    if (done.failed()) {
                        fail(ctx, done.cause());
                    } else if (!done.result()) {
                        error(ctx, 404, "not_found", "There is no " + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + " '" + id + "'.");
                    } else {
                        ctx.next();
                    }
                });
    }

    private static void forbidden(RoutingContext ctx, AccessRule rule, boolean instance) {
        error(ctx, 403, "forbidden", "This needs the permission " + rule.permission().id()
                + rule.own().map(p -> " (or " + p.id() + ", for the keys you issued)").orElse("")
                + (instance ? " over the whole instance (a binding to every tenant)." : "."));
    }

    /** The request stays paused while the store is asked, so that the body handler after this gets its body. */
    private void resumeSession(RoutingContext ctx, String token, GatewayRuntime current) {
        ctx.request().pause();
        Future.fromCompletionStage(sessions.resume(token, current.config().adminKeys()),
                ctx.vertx().getOrCreateContext()).onComplete(done -> {
                    if (done.failed()) {
                        ctx.request().resume();
                        LOG.error("Could not read a console session", done.cause());
                        error(ctx, 500, "internal", "The console session could not be read; the gateway's log has "
                                + "the details.");
                        return;
                    }
                    if (done.result().isEmpty()) {
                        ctx.request().resume();
                        error(ctx, 401, "session_expired", "The console session is over; sign in again.");
                        return;
                    }
                    HttpMethod method = ctx.request().method();
                    boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD
                            || method == HttpMethod.OPTIONS;
                    if (!safe && !sessions.csrfMatches(token, ctx.request().getHeader("x-csrf-token"))) {
                        ctx.request().resume();
                        error(ctx, 403, "csrf_failed", "This change needs the session's X-CSRF-Token header "
                                + "(GET /api/admin/session gives it).");
                        return;
                    }
                    var session = done.result().get();
                    Optional<String> address = address(ctx, current);
                    if (session.principalId().isEmpty()) {
                        ctx.put(ACTOR, Actor.of(session.actor(), Optional.empty(), dev.junction.rbac.Grants.OWNER,
                                address));
                        ctx.next(); // the body handler that follows resumes the request
                        return;
                    }
                    Future.fromCompletionStage(principals.byPrincipal(session.principalId().get(), address),
                            ctx.vertx().getOrCreateContext()).onComplete(found -> {
                                if (found.failed() || found.result().isEmpty()) {
                                    ctx.request().resume();
                                    error(ctx, 401, "session_expired", "The console session is over; sign in "
                                            + "again.");
                                    return;
                                }
                                ctx.put(ACTOR, found.result().get());
                                ctx.next();
                            });
                });
    }

    /** Runs a handler and answers on this event loop when its work is done, wherever that work ran. */
    private static void handle(AdminRoute route, RoutingContext ctx) {
        Actor actor = ctx.get(ACTOR);
        CompletionStage<Reply> reply;
        try {
            reply = route.handler().handle(new Call(ctx, actor));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        Future.fromCompletionStage(reply, ctx.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                fail(ctx, done.cause());
                return;
            }
            actor.confirmation().ifPresent(c -> PropagationHeaders.set(ctx.response(), c));
            if (done.result().body().isPresent()) {
                send(ctx, done.result().status(), done.result().body().get());
            } else {
                ctx.response().setStatusCode(done.result().status()).end();
            }
        });
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            error(ctx, 413, "payload_too_large", "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
        } else if (ctx.failure() != null) {
            fail(ctx, ctx.failure());
        } else {
            error(ctx, ctx.statusCode() == 405 ? 405 : 400, "invalid_request", "The request could not be read.");
        }
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        switch (cause) {
            case AdminError e -> error(ctx, e.kind().status(), e.kind().type(), e.getMessage());
            case StoreConflict e -> error(ctx, 409, "conflict", e.getMessage());
            default -> {
                LOG.error("Admin request {} {} failed", ctx.request().method(), ctx.request().path(), cause);
                error(ctx, 500, "internal", "The admin API failed to process the request; the gateway's log has "
                        + "the details.");
            }
        }
    }

    static void error(RoutingContext ctx, int status, String type, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("type", type).put("message", message);
        send(ctx, status, body);
    }

    static void send(RoutingContext ctx, int status, JsonNode body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
