package dev.junction.routing.health;

import dev.junction.model.GatewayError;
import dev.junction.routing.Deployment;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The deployments' health as the route executor records and consults it: circuit breaking, {@code Retry-After}
 * cool-downs, each deployment's own RPM and TPM limits, in-flight counts and latency. Thread safe; every method is
 * cheap and never blocks (event loops call it on every attempt). State is kept by deployment id, so it survives a
 * configuration reload for deployments that keep their id.
 *
 * <p>Outcomes are reported on the {@link ReservedAttempt} that {@link #tryAcquire} returned, so each is matched to its
 * own attempt: only the half-open probe's own outcome closes or re-opens a circuit, and an attempt begun before the
 * circuit last changed state counts in the statistics (latency, successes, failures) but moves the circuit no more.
 */
public interface HealthTracker extends HealthView {

    /**
     * Whether the deployment may be tried now: its circuit is closed (or half-open with the probe free), no
     * cool-down is running, and it is under its own RPM/TPM limits. Reserves nothing.
     */
    boolean available(Deployment deployment);

    /**
     * Reserves an attempt right before it is sent: checks availability again, takes the half-open probe if that is
     * the state, and counts the attempt (and {@code estimatedTokens}) against the deployment's RPM and TPM, until
     * the tokens it used are known: those of the delivered reply, none for a failed or abandoned attempt. Returns
     * the reservation, or empty when it may not be tried after all (then nothing was reserved). Every reservation
     * ends in exactly one of {@link #succeeded} (and then {@link #delivered}), {@link #failed} or {@link #abandoned};
     * a further report on the same reservation changes nothing.
     */
    Optional<ReservedAttempt> tryAcquire(Deployment deployment, long estimatedTokens);

    /**
     * The attempt succeeded; {@code timeToFirstByte} feeds the latency average. The probe's success closes a
     * half-open circuit. The attempt stays in flight until {@link #delivered}: a stream keeps the upstream busy long
     * after its first byte.
     */
    void succeeded(ReservedAttempt attempt, Duration timeToFirstByte);

    /**
     * A successful attempt's reply has been delivered in full (a stream has ended): its in-flight slot frees, and the
     * deployment's TPM counts the {@code usedTokens} the reply reported instead of the estimate.
     */
    void delivered(ReservedAttempt attempt, long usedTokens);

    /**
     * The attempt failed. Errors that are the deployment's fault (connection, timeout, 5xx, rejected credentials)
     * count towards opening its circuit (the probe's re-opens a half-open one); a rate limit or an upstream
     * {@code Retry-After} starts a cool-down of that length (a default when none was given) instead; the client's own
     * errors count as neither.
     */
    void failed(ReservedAttempt attempt, GatewayError error);

    /**
     * The upstream said, on a successful reply, that the deployment has no requests or tokens left until
     * {@code resetIn} has passed: rest it that long rather than send it requests that will get 429s.
     */
    void exhausted(Deployment deployment, Duration resetIn);

    /** The attempt ended without an outcome (the client left): frees its slot (and the probe), judges nothing. */
    void abandoned(ReservedAttempt attempt);

    /** When the first of these deployments becomes available again ({@link System#nanoTime} based), if known. */
    OptionalLong nextAvailableNanos(Collection<Deployment> deployments);

    /** The state of every deployment seen so far, for the admin API. */
    List<DeploymentStatus> snapshot();

    /** The providers' key pools: which keys rest or were refused; the same ring for the tracker's lifetime. */
    KeyRing keys();
}
