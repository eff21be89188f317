package dev.junction.routing.health;

import dev.junction.routing.Deployment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link HealthRegistry}'s reservation: the deployment state it was made in, the circuit's pass, and where the
 * attempt is in its life (reserved → succeeded → delivered, or reserved → failed or abandoned). Each step is taken
 * once: a second report of an outcome finds the step already taken and changes nothing. Thread safe.
 */
final class RegisteredAttempt implements ReservedAttempt {

    private static final int RESERVED = 0;
    private static final int SUCCEEDED = 1;
    private static final int ENDED = 2;

    private final Deployment deployment;
    private final DeploymentHealth health;
    private final CircuitBreaker.Pass pass;
    private final long reservedAtNanos;
    private final long estimatedTokens;
    private final AtomicInteger stage = new AtomicInteger(RESERVED);

    RegisteredAttempt(Deployment deployment, DeploymentHealth health, CircuitBreaker.Pass pass, long reservedAtNanos,
                      long estimatedTokens) {
        this.deployment = deployment;
        this.health = health;
        this.pass = pass;
        this.reservedAtNanos = reservedAtNanos;
        this.estimatedTokens = estimatedTokens;
    }

    /** Corrects the tokens the deployment's minute counted for this attempt to {@code usedTokens}. */
    void used(long now, long usedTokens) {
        health.tokensUsed(reservedAtNanos, now, estimatedTokens, usedTokens);
    }

    @Override
    public Deployment deployment() {
        return deployment;
    }

    /** The deployment state the attempt was reserved in; its outcome goes there. */
    DeploymentHealth health() {
        return health;
    }

    /** What the circuit let through: the period it was admitted in, and whether it is the half-open probe. */
    CircuitBreaker.Pass pass() {
        return pass;
    }

    /** Whether this call is the one that records the success (the attempt was reserved and nothing else since). */
    boolean succeed() {
        return stage.compareAndSet(RESERVED, SUCCEEDED);
    }

    /** Whether this call is the one that records the delivery of a successful attempt. */
    boolean deliver() {
        return stage.compareAndSet(SUCCEEDED, ENDED);
    }

    /** Whether this call is the one that ends the attempt without success (failed or abandoned). */
    boolean end() {
        return stage.compareAndSet(RESERVED, ENDED);
    }

    @Override
    public String toString() {
        return "attempt at " + deployment.id() + (pass.probe() ? " (probe)" : "");
    }
}
