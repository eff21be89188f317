package dev.junction.routing.health;

import dev.junction.model.GatewayError;
import dev.junction.routing.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The gateway's {@link HealthTracker}: one {@link DeploymentHealth} per deployment id, created the first time a
 * deployment is consulted and kept for the life of the process (deployments are few; one removed from the
 * configuration keeps its bounded state).
 *
 * <p>Failures are judged by {@link FailureClass#of}: the deployment's faults (bad gateway, unavailable, timeout, an
 * upstream 404) count towards its circuit, a rate limit rests it for its {@code Retry-After} or
 * {@link HealthPolicy#rateLimitCoolDown()}, and the client's errors count as neither. Every transition (a circuit
 * opening, going half-open, closing, re-opening; a cool-down starting) is counted in the deployment's status and
 * logged on the {@code dev.junction.routing.health} logger with the key-values {@code deployment}, {@code from},
 * {@code to}, {@code reason} (and {@code for_ms} when its length is known): WARN when a circuit opens, INFO
 * otherwise.
 *
 * <p>Thread safe, non-blocking and cheap: each call touches one deployment's state under its own monitor for a few
 * comparisons. Times come from the nano clock given at construction ({@link System#nanoTime} in production); the
 * wall-clock instants of {@link #snapshot()} are derived from a base taken at construction.
 */
public final class HealthRegistry implements HealthTracker {

    private static final Logger LOG = LoggerFactory.getLogger("dev.junction.routing.health");

    private final HealthPolicy policy;
    private final LongSupplier nanoClock;
    private final long baseNanos;
    private final Instant baseInstant;
    private final ConcurrentHashMap<String, DeploymentHealth> deployments = new ConcurrentHashMap<>();
    private final KeyRing keys;
    private final java.util.List<java.util.function.Consumer<HealthEvent>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A registry on the system's nano clock. */
    public HealthRegistry(HealthPolicy policy) {
        this(policy, System::nanoTime);
    }

    /** A registry on {@code nanoClock}, a monotonic clock in nanoseconds (tests pass a fake one). */
    public HealthRegistry(HealthPolicy policy, LongSupplier nanoClock) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.baseNanos = nanoClock.getAsLong();
        this.baseInstant = Instant.now();
        this.keys = new KeyRing(nanoClock, baseNanos, baseInstant);
    }

    @Override
    public KeyRing keys() {
        return keys;
    }

    @Override
    public boolean available(Deployment deployment) {
        return health(deployment).available(nanoClock.getAsLong(), deployment);
    }

    @Override
    public Optional<ReservedAttempt> tryAcquire(Deployment deployment, long estimatedTokens) {
        DeploymentHealth health = health(deployment);
        long now = nanoClock.getAsLong();
        return health.tryAcquire(now, deployment, estimatedTokens)
                .map(pass -> new RegisteredAttempt(deployment, health, pass, now, estimatedTokens));
    }

    @Override
    public void succeeded(ReservedAttempt attempt, Duration timeToFirstByte) {
        RegisteredAttempt own = own(attempt);
        if (own.succeed()) {
            own.health().succeeded(nanoClock.getAsLong(), own.pass(), timeToFirstByte);
        }
    }

    @Override
    public void failed(ReservedAttempt attempt, GatewayError error) {
        RegisteredAttempt own = own(attempt);
        if (own.end()) {
            long now = nanoClock.getAsLong();
            own.used(now, 0);
            own.health().failed(now, own.pass(), FailureClass.of(error, policy.rateLimitCoolDown()));
        }
    }

    @Override
    public void abandoned(ReservedAttempt attempt) {
        RegisteredAttempt own = own(attempt);
        if (own.end()) {
            own.used(nanoClock.getAsLong(), 0);
            own.health().abandoned(own.pass());
        }
    }

    @Override
    public void delivered(ReservedAttempt attempt, long usedTokens) {
        RegisteredAttempt own = own(attempt);
        if (own.deliver()) {
            own.used(nanoClock.getAsLong(), usedTokens);
            own.health().delivered();
        }
    }

    private static RegisteredAttempt own(ReservedAttempt attempt) {
        if (attempt instanceof RegisteredAttempt own) {
            return own;
        }
        throw new IllegalArgumentException("not reserved by this health registry: " + attempt);
    }

    /**
     * {@inheritDoc} A deployment is blocked until the latest of its circuit's open-until, its cool-down's end and
     * the moment its own minute frees up; the answer is the earliest over {@code deployments}, the current time when
     * one is available now, and empty when none can say (each is waiting for its half-open probe to return).
     */
    @Override
    public OptionalLong nextAvailableNanos(Collection<Deployment> deployments) {
        long now = nanoClock.getAsLong();
        OptionalLong earliest = OptionalLong.empty();
        for (Deployment deployment : deployments) {
            OptionalLong next = health(deployment).nextAvailable(now, deployment);
            if (next.isPresent() && (earliest.isEmpty() || next.getAsLong() - earliest.getAsLong() < 0)) {
                earliest = next;
            }
        }
        return earliest;
    }

    /** {@inheritDoc} Sorted by deployment id. */
    @Override
    public List<DeploymentStatus> snapshot() {
        long now = nanoClock.getAsLong();
        return deployments.values().stream()
                .map(health -> health.status(now, this::toInstant))
                .sorted(Comparator.comparing(DeploymentStatus::id))
                .toList();
    }

    /**
     * Forgets a deployment's health (an operator's "it is fixed, send traffic again"): its circuit closes, cool-downs
     * and counts are dropped. Attempts under way finish against the forgotten state, so the fresh one hears nothing
     * of them. Returns whether it was known.
     */
    public boolean reset(String deploymentId) {
        return deployments.remove(deploymentId) != null;
    }

    /** Forgets every deployment's health. */
    public void resetAll() {
        deployments.clear();
    }

    @Override
    public double latencyMillis(String deploymentId) {
        DeploymentHealth health = deployments.get(deploymentId);
        return health == null ? Double.NaN : health.latencyMillis();
    }

    @Override
    public long lastSampleNanos(String deploymentId) {
        DeploymentHealth health = deployments.get(deploymentId);
        return health == null ? Long.MIN_VALUE : health.lastSampleNanos();
    }

    @Override
    public int inFlight(String deploymentId) {
        DeploymentHealth health = deployments.get(deploymentId);
        return health == null ? 0 : health.inFlight();
    }

    @Override
    public int consecutiveFailures(String deploymentId) {
        DeploymentHealth health = deployments.get(deploymentId);
        return health == null ? 0 : health.consecutiveFailures();
    }

    private DeploymentHealth health(Deployment deployment) {
        DeploymentHealth health = deployments.get(deployment.id());
        if (health != null) {
            return health;
        }
        return byId(deployment.id());
    }

    private DeploymentHealth byId(String id) {
        return deployments.computeIfAbsent(id, key -> new DeploymentHealth(key, policy, this::transitioned));
    }

    private void transitioned(String deployment, Transition transition) {
        log(deployment, transition);
        if (!listeners.isEmpty()) {
            HealthEvent.of(deployment, transition).ifPresent(e -> listeners.forEach(l -> l.accept(e)));
        }
    }

    /**
     * Records an active health check of the deployment (a request of the gateway's own, not a client's): success
     * closes its circuit, a failure counts like a failed attempt. Takes no in-flight slot and no rate-limit budget.
     */
    public void checked(Deployment deployment, Duration latency, Optional<GatewayError> error) {
        health(deployment).checked(nanoClock.getAsLong(), latency,
                error.map(e -> FailureClass.of(e, policy.rateLimitCoolDown())));
    }

    @Override
    public void exhausted(Deployment deployment, Duration resetIn) {
        health(deployment).exhausted(nanoClock.getAsLong(), resetIn);
    }

    /**
     * Hears every local change worth sharing with other replicas (a circuit opening or closing, a cool-down
     * starting); changes applied with {@link #apply} are not repeated to it. Called on the thread that saw the change;
     * the listener must not block.
     */
    public void addListener(java.util.function.Consumer<HealthEvent> listener) {
        listeners.add(listener);
    }

    /** Applies a change another replica saw: opens or closes the circuit, or starts a cool-down, here too. */
    public void apply(HealthEvent event) {
        byId(event.deployment()).applyShared(nanoClock.getAsLong(), event);
    }

    private Instant toInstant(long nanos) {
        return baseInstant.plusNanos(nanos - baseNanos);
    }

    private static void log(String deployment, Transition transition) {
        LoggingEventBuilder event = transition.opens() ? LOG.atWarn() : LOG.atInfo();
        event = event.addKeyValue("deployment", deployment)
                .addKeyValue("from", transition.from())
                .addKeyValue("to", transition.to())
                .addKeyValue("reason", transition.reason());
        if (transition.lasting().isPresent()) {
            event = event.addKeyValue("for_ms", transition.lasting().get().toMillis());
        }
        event.log(transition.opens() ? "Deployment circuit opened" : "Deployment health changed");
    }
}
