package dev.junction.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import dev.junction.json.Json;
import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.health.DeploymentStatus;
import dev.junction.provider.ProviderConfig;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.routing.health.KeyStatus;
import dev.junction.runtime.GatewayRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/admin/health/deployments}: every deployment's health as this replica sees it, and a reset for one the
 * operator knows is fixed. In memory only; answers at once.
 */
final class HealthResource {

    private final Supplier<GatewayRuntime> runtime;
    private final HealthRegistry health;

    HealthResource(Supplier<GatewayRuntime> runtime, HealthRegistry health) {
        this.runtime = runtime;
        this.health = health;
    }

    /** The endpoints. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.of(GET, "/api/admin/health/deployments", this::deployments),
                AdminRoute.spanningSlashes(POST, "/api/admin/health/deployments/{id}/reset", this::reset),
                AdminRoute.of(GET, "/api/admin/health/keys", this::keys),
                AdminRoute.of(POST, "/api/admin/health/keys/{provider}/{key}/reset", this::resetKey));
    }

    /** Every pooled key of the configured providers and its state (never the key itself). */
    private CompletionStage<Reply> keys(Call call) {
        call.query(Set.of());
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("keys");
        for (KeyStatus s : health.keys().statuses(runtime.get().config().providers().values())) {
            ObjectNode k = list.addObject().put("provider", s.provider()).put("key", s.key())
                    .put("weight", s.weight()).put("state", s.state());
            s.until().ifPresent(t -> k.put("until", t.toString()));
            k.put("picks", s.picks()).put("rate_limits", s.rateLimits()).put("refusals", s.refusals());
        }
        return CompletableFuture.completedFuture(Reply.ok(body));
    }

    private CompletionStage<Reply> resetKey(Call call) {
        String provider = call.param("provider");
        String key = call.param("key");
        ProviderConfig config = runtime.get().config().providers().get(provider);
        boolean known = config != null && health.keys().reset(config, key);
        if (!known) {
            return CompletableFuture.failedFuture(AdminError.notFound("pooled key", provider + "/" + key));
        }
        return CompletableFuture.completedFuture(Reply.ok(Json.object().put("provider", provider).put("key", key)
                .put("reset", true)));
    }

    /** Every deployment of the configured routes, and any other the gateway has used, with its health. */
    private CompletionStage<Reply> deployments(Call call) {
        call.query(Set.of());
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
            status(d, s);
        }
        return CompletableFuture.completedFuture(Reply.ok(body));
    }

    private static void status(ObjectNode d, DeploymentStatus s) {
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

    private CompletionStage<Reply> reset(Call call) {
        String id = call.param("id");
        boolean known = health.reset(id);
        return CompletableFuture.completedFuture(Reply.ok(Json.object().put("id", id).put("reset", known)));
    }
}
