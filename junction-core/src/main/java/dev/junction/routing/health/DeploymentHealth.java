package dev.junction.routing.health;

import dev.junction.routing.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * Everything known about one deployment's health: its circuit, its {@code Retry-After} cool-down, its own minute
 * budget, latency, in-flight attempts and counters. Times are {@link System#nanoTime} readings passed in by the
 * caller.
 *
 * <p>Thread safe. The circuit, the cool-down and the budget change together under this object's monitor, held for a
 * few comparisons and never while logging, so a check and its reservation are one step (exactly one thread wins a
 * half-open probe). Latency, in-flight and failure-run reads take no lock.
 *
 * <p>Every outcome counts in the statistics (latency, successes, failures, last error) and frees its in-flight slot;
 * only the outcome of an attempt of the circuit's current period moves the circuit ({@link CircuitBreaker}).
 */
final class DeploymentHealth {

    private static final String READY = "ready";
    private static final String COOLING_DOWN = "cooling_down";

    private final String id;
    private final BiConsumer<String, Transition> onTransition;
    private final CircuitBreaker circuit;
    private final MinuteBudget budget = new MinuteBudget();
    private boolean cooling;
    private long coolingUntil;

    private final LatencyAverage latency = new LatencyAverage();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong transitions = new AtomicLong();
    private volatile Optional<String> lastError = Optional.empty();

    /** {@code onTransition} hears every transition, with this deployment's id, outside the monitor. */
    DeploymentHealth(String id, HealthPolicy policy, BiConsumer<String, Transition> onTransition) {
        this.id = id;
        this.onTransition = onTransition;
        this.circuit = new CircuitBreaker(policy);
    }

    /** Whether an attempt could go now; reserves nothing. */
    boolean available(long now, Deployment deployment) {
        Optional<Transition> advanced;
        boolean available;
        synchronized (this) {
            advanced = circuit.advance(now);
            available = !coolingDown(now) && circuit.permits()
                    && budget.hasRoom(now, deployment.rpm(), deployment.tpm());
        }
        advanced.ifPresent(this::record);
        return available;
    }

    /**
     * Reserves an attempt of {@code estimatedTokens} when it may go now (the probe, the budget, an in-flight slot):
     * the circuit's pass, or empty when it may not go and nothing was reserved.
     */
    Optional<CircuitBreaker.Pass> tryAcquire(long now, Deployment deployment, long estimatedTokens) {
        Optional<Transition> advanced;
        Optional<CircuitBreaker.Pass> pass = Optional.empty();
        synchronized (this) {
            advanced = circuit.advance(now);
            if (!coolingDown(now) && circuit.permits()
                    && budget.tryTake(now, deployment.rpm(), deployment.tpm(), estimatedTokens)) {
                pass = Optional.of(circuit.admit());
            }
        }
        if (pass.isPresent()) {
            inFlight.incrementAndGet();
        }
        advanced.ifPresent(this::record);
        return pass;
    }

    void succeeded(long now, CircuitBreaker.Pass pass, Duration timeToFirstByte) {
        latency.add(timeToFirstByte, now);
        successes.incrementAndGet();
        Optional<Transition> closed;
        synchronized (this) {
            closed = circuit.succeeded(now, pass);
        }
        closed.ifPresent(this::record);
    }

    /** A successful attempt's reply is delivered: its in-flight slot frees. */
    void delivered() {
        endAttempt();
    }

    /** An attempt reserved at {@code reservedAt} with {@code estimatedTokens} used {@code usedTokens}. */
    void tokensUsed(long reservedAt, long now, long estimatedTokens, long usedTokens) {
        synchronized (this) {
            budget.correct(reservedAt, now, estimatedTokens, usedTokens);
        }
    }

    void failed(long now, CircuitBreaker.Pass pass, FailureClass failure) {
        failures.incrementAndGet();
        lastError = Optional.of(failure.name());
        Optional<Transition> opened;
        Optional<Transition> rest;
        synchronized (this) {
            if (failure.deploymentFault()) {
                opened = circuit.failed(now, pass);
            } else {
                circuit.released(pass);
                opened = Optional.empty();
            }
            rest = failure.coolDown().flatMap(d -> coolDown(now, d, failure.name()));
        }
        endAttempt();
        opened.ifPresent(this::record);
        rest.ifPresent(this::record);
    }

    /**
     * An active health check's result: a success closes the circuit (the deployment answers again); a failure counts
     * like the failure of an attempt of the current period that is not the probe.
     */
    void checked(long now, Duration latencyOrZero, Optional<FailureClass> failure) {
        if (failure.isPresent()) {
            failures.incrementAndGet();
            lastError = Optional.of(failure.get().name());
            Optional<Transition> opened;
            synchronized (this) {
                opened = failure.get().deploymentFault() ? circuit.checkFailed(now) : Optional.empty();
            }
            opened.ifPresent(this::record);
            return;
        }
        latency.add(latencyOrZero, now);
        Optional<Transition> closed;
        synchronized (this) {
            closed = circuit.closeByCheck();
        }
        closed.ifPresent(this::record);
    }

    /** The upstream said its limits are used up for {@code resetIn}: rests the deployment that long. */
    void exhausted(long now, Duration resetIn) {
        Optional<Transition> rest;
        synchronized (this) {
            rest = coolDown(now, resetIn, "limit_exhausted");
        }
        rest.ifPresent(this::record);
    }

    /** Applies a change another replica saw; reported to {@code onTransition} like a local one. */
    void applyShared(long now, HealthEvent event) {
        Optional<Transition> changed;
        synchronized (this) {
            changed = switch (event.state()) {
                case HealthEvent.OPEN -> circuit.openElsewhere(now, now + event.lasting().toNanos());
                case HealthEvent.CLOSED -> circuit.closeElsewhere();
                case HealthEvent.COOLING_DOWN -> coolDown(now, event.lasting(), "cooling_down_elsewhere");
                default -> Optional.empty();
            };
        }
        changed.ifPresent(this::record);
    }

    void abandoned(CircuitBreaker.Pass pass) {
        synchronized (this) {
            circuit.released(pass);
        }
        endAttempt();
    }

    /**
     * When an attempt could go again, left alone: {@code now} when it can; the latest of the circuit's open-until,
     * the cool-down's end and the budget's freeing when blocked; empty when unknown (the probe is out, or a limit of
     * zero).
     */
    OptionalLong nextAvailable(long now, Deployment deployment) {
        Optional<Transition> advanced;
        OptionalLong next;
        synchronized (this) {
            advanced = circuit.advance(now);
            next = latest(latest(circuitFrees(now), OptionalLong.of(coolingDown(now) ? coolingUntil : now)),
                    budget.whenRoom(now, deployment.rpm(), deployment.tpm()));
        }
        advanced.ifPresent(this::record);
        return next;
    }

    /** The status at {@code now}, with times made wall-clock by {@code toInstant}. */
    DeploymentStatus status(long now, LongFunction<Instant> toInstant) {
        Optional<Transition> advanced;
        CircuitBreaker.State state;
        long openUntil;
        Optional<Instant> coolingDownUntil;
        synchronized (this) {
            advanced = circuit.advance(now);
            state = circuit.state();
            openUntil = circuit.openUntil();
            coolingDownUntil = coolingDown(now) ? Optional.of(toInstant.apply(coolingUntil)) : Optional.empty();
        }
        advanced.ifPresent(this::record);
        Optional<Instant> openEnds = state == CircuitBreaker.State.OPEN
                ? Optional.of(toInstant.apply(openUntil)) : Optional.empty();
        return new DeploymentStatus(id, state.label(), openEnds, coolingDownUntil, latency.millis(), inFlight.get(),
                successes.get(), failures.get(), circuit.consecutiveFailures(), lastError, transitions.get());
    }

    double latencyMillis() {
        return latency.millis();
    }

    long lastSampleNanos() {
        return latency.lastSampleNanos();
    }

    int inFlight() {
        return inFlight.get();
    }

    int consecutiveFailures() {
        return circuit.consecutiveFailures();
    }

    private boolean coolingDown(long now) {
        return cooling && now - coolingUntil < 0;
    }

    /** Starts or extends the cool-down; only a start is a transition. Guarded by the monitor. */
    private Optional<Transition> coolDown(long now, Duration duration, String reason) {
        if (!duration.isPositive()) {
            return Optional.empty();
        }
        long until = now + duration.toNanos();
        boolean already = coolingDown(now);
        if (already && until - coolingUntil <= 0) {
            return Optional.empty();
        }
        cooling = true;
        coolingUntil = until;
        return already ? Optional.empty()
                : Optional.of(new Transition(READY, COOLING_DOWN, reason, Optional.of(duration)));
    }

    private OptionalLong circuitFrees(long now) {
        return switch (circuit.state()) {
            case CLOSED -> OptionalLong.of(now);
            case OPEN -> OptionalLong.of(circuit.openUntil());
            case HALF_OPEN -> circuit.permits() ? OptionalLong.of(now) : OptionalLong.empty();
        };
    }

    private static OptionalLong latest(OptionalLong a, OptionalLong b) {
        if (a.isEmpty() || b.isEmpty()) {
            return OptionalLong.empty();
        }
        return a.getAsLong() - b.getAsLong() >= 0 ? a : b;
    }

    /** Frees an in-flight slot, never going below zero (an outcome without a reservation). */
    private void endAttempt() {
        inFlight.getAndUpdate(n -> Math.max(0, n - 1));
    }

    private void record(Transition transition) {
        transitions.incrementAndGet();
        onTransition.accept(id, transition);
    }
}
