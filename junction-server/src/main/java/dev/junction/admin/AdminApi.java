package dev.junction.admin;

import dev.junction.auth.KeyAuthenticator;
import dev.junction.json.Json;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.health.DeploymentStatus;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.server.GatewayRuntime;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API ({@code /api/admin/*}), for operators: deployment health today. Every call needs an admin key
 * ({@code JUNCTION_ADMIN_KEY} or {@code admin_keys}), sent as {@code Authorization: Bearer} or {@code X-Api-Key};
 * with none configured the API is off. Answers are JSON; errors are {@code {"error":{"type","message"}}}.
 */
public final class AdminApi {

    private final Supplier<GatewayRuntime> runtime;
    private final HealthRegistry health;

    public AdminApi(Supplier<GatewayRuntime> runtime, HealthRegistry health) {
        this.runtime = runtime;
        this.health = health;
    }

    /** Mounts the admin routes on the router. */
    public void mount(Router router) {
        router.get("/api/admin/openapi.json").handler(AdminApi::openApi);
        router.route("/api/admin/*").handler(this::authenticate);
        router.get("/api/admin/health/deployments").handler(this::deployments);
        router.postWithRegex("/api/admin/health/deployments/(?<id>.+)/reset").handler(this::reset);
        new StoredConfigResource(runtime).mount(router);
        router.route("/api/admin/*").handler(ctx -> error(ctx, 404, "not_found",
                "Unknown admin path: " + ctx.request().method() + " " + ctx.request().path()));
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

    private void authenticate(RoutingContext ctx) {
        KeyAuthenticator admins = new KeyAuthenticator(runtime.get().config().adminKeys());
        if (!admins.enforcing()) {
            error(ctx, 403, "admin_disabled", "The admin API is off: set JUNCTION_ADMIN_KEY or admin_keys.");
            return;
        }
        var admin = admins.authenticate(ctx.request().getHeader("authorization"), ctx.request().getHeader("x-api-key"));
        if (admin.isEmpty()) {
            error(ctx, 401, "unauthorized", "Invalid or missing admin key.");
            return;
        }
        ctx.put(StoredConfigResource.ACTOR, admin.get().keyName());
        ctx.next();
    }

    /** Every deployment of the configured routes, and any other the gateway has used, with its health. */
    private void deployments(RoutingContext ctx) {
        Map<String, DeploymentStatus> seen = new LinkedHashMap<>();
        health.snapshot().forEach(s -> seen.put(s.id(), s));
        Map<String, Deployment> configured = new TreeMap<>();
        Map<String, TreeSet<String>> routesOf = new TreeMap<>();
        for (Route route : runtime.get().config().routes().values()) {
            for (Deployment d : route.deployments()) {
                configured.putIfAbsent(d.id(), d);
                routesOf.computeIfAbsent(d.id(), k -> new TreeSet<>()).add(route.name());
            }
        }
        TreeSet<String> ids = new TreeSet<>(configured.keySet());
        ids.addAll(seen.keySet());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("deployments");
        for (String id : ids) {
            ObjectNode d = list.addObject().put("id", id);
            Deployment deployment = configured.get(id);
            if (deployment != null) {
                d.put("provider", deployment.provider()).put("model", deployment.model());
            }
            ArrayNode routes = d.putArray("routes");
            routesOf.getOrDefault(id, new TreeSet<>()).forEach(routes::add);
            DeploymentStatus s = seen.get(id);
            if (s == null) {
                d.put("circuit", "closed").put("requests", 0);
                continue;
            }
            d.put("circuit", s.circuit());
            s.openUntil().ifPresent(t -> d.put("open_until", t.toString()));
            s.coolingDownUntil().ifPresent(t -> d.put("cooling_down_until", t.toString()));
            if (!Double.isNaN(s.latencyMillis())) {
                d.put("latency_ms", Math.round(s.latencyMillis() * 10) / 10.0);
            }
            d.put("in_flight", s.inFlight()).put("successes", s.successes()).put("failures", s.failures())
                    .put("consecutive_failures", s.consecutiveFailures()).put("transitions", s.transitions());
            s.lastError().ifPresent(e -> d.put("last_error", e));
        }
        send(ctx, 200, body);
    }

    private void reset(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        boolean known = health.reset(id);
        send(ctx, 200, Json.object().put("id", id).put("reset", known));
    }

    private static void error(RoutingContext ctx, int status, String type, String message) {
        ObjectNode body = Json.object();
        body.putObject("error").put("type", type).put("message", message);
        send(ctx, status, body);
    }

    private static void send(RoutingContext ctx, int status, ObjectNode body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }
}
