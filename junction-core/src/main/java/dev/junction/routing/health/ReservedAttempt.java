package dev.junction.routing.health;

import dev.junction.routing.Deployment;

/**
 * One attempt reserved by {@link HealthTracker#tryAcquire}: the identity its outcome is reported on. Outcomes are
 * matched to their own attempt, not merely to its deployment, so an attempt begun before the deployment's circuit
 * opened cannot be taken, when it ends during the half-open probe, for the probe's result.
 *
 * <p>A reservation belongs to the tracker that made it: report its outcome to that tracker only.
 */
public interface ReservedAttempt {

    /** The deployment the attempt goes to. */
    Deployment deployment();
}
