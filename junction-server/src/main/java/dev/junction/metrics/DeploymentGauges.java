package dev.junction.metrics;

import dev.junction.routing.Deployment;
import dev.junction.routing.Route;
import dev.junction.routing.health.DeploymentStatus;
import dev.junction.routing.health.HealthRegistry;
import dev.junction.runtime.GatewayRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each deployment's circuit ({@code junction_deployment_circuit_state}: 1 for the state it is in, 0 for the others)
 * and attempts in flight ({@code junction_deployment_in_flight}), as this replica sees them. Refreshed before each
 * scrape from one health snapshot: the deployments of the configured routes and any other the gateway has used (a
 * deployment that leaves the configuration keeps its last series until restart; their number is bounded by the
 * configuration's history).
 */
final class DeploymentGauges {

    private static final List<String> STATES = List.of("closed", "half_open", "open");

    private final MeterRegistry registry;
    private final HealthRegistry health;
    private final Supplier<GatewayRuntime> runtime;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, DeploymentStatus> statuses = Map.of();

    DeploymentGauges(MeterRegistry registry, HealthRegistry health, Supplier<GatewayRuntime> runtime) {
        this.registry = registry;
        this.health = health;
        this.runtime = runtime;
    }

    /** Takes one health snapshot for the scrape to read, registering gauges for deployments not seen before. */
    void refresh() {
        Map<String, DeploymentStatus> now = new ConcurrentHashMap<>();
        health.snapshot().forEach(s -> now.put(s.id(), s));
        statuses = now;
        now.keySet().forEach(this::register);
        GatewayRuntime current = runtime.get();
        if (current != null) {
            for (Route route : current.config().routes().values()) {
                route.deployments().stream().map(Deployment::id).forEach(this::register);
            }
        }
    }

    private void register(String id) {
        if (!registered.add(id)) {
            return;
        }
        for (String state : STATES) {
            Gauge.builder("junction.deployment.circuit.state", this, g -> g.circuit(id).equals(state) ? 1 : 0)
                    .description("1 when the deployment's circuit is in this state on this replica, else 0")
                    .tags("deployment", id, "state", state).register(registry);
        }
        Gauge.builder("junction.deployment.in.flight", this, g -> {
            DeploymentStatus s = g.statuses.get(id);
            return s == null ? 0 : s.inFlight();
        }).description("Attempts in flight to the deployment").tags("deployment", id).register(registry);
    }

    private String circuit(String id) {
        DeploymentStatus s = statuses.get(id);
        return s == null ? "closed" : s.circuit();
    }
}
