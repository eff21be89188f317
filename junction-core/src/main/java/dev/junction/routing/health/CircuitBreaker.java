package dev.junction.routing.health;

import java.time.Duration;
import java.util.Optional;

/**
 * One deployment's circuit: closed (attempts flow) → open (none for the cool-down) → half-open (exactly one probe)
 * → closed when the probe succeeds, open again when it fails. A closed circuit opens after
 * {@link HealthPolicy#consecutiveFailures()} failures in a row, or when the sliding {@link HealthPolicy#window()}
 * holds at least {@link HealthPolicy#minRequests()} outcomes failing at {@link HealthPolicy#errorRate()} or more
 * (judged when a failure arrives: a success never opens it). Only failures that are the deployment's fault reach it;
 * the window starts afresh each time the circuit closes.
 *
 * <p>Outcomes are known by deployment, not by attempt: an outcome that arrives while the circuit is open (an attempt
 * begun before it opened) changes nothing, and one that arrives while the probe is out is taken as the probe's.
 *
 * <p>Not thread safe: its owner guards every call but {@link #consecutiveFailures()}, which may be read at any time.
 */
final class CircuitBreaker {

    /** The circuit's states, with their names in the admin API and logs. */
    enum State {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half_open");

        private final String label;

        State(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final HealthPolicy policy;
    private final SlidingWindow window;
    private State state = State.CLOSED;
    private long openUntil;
    private boolean probeOut;
    private volatile int consecutiveFailures;

    CircuitBreaker(HealthPolicy policy) {
        this.policy = policy;
        this.window = new SlidingWindow(policy.window());
    }

    State state() {
        return state;
    }

    /** When an open circuit lets its probe through ({@link System#nanoTime} based); meaningful while open. */
    long openUntil() {
        return openUntil;
    }

    /** The deployment's own faults since its last success. */
    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Moves an open circuit whose cool-down has passed to half-open; call before anything else at {@code now}. */
    Optional<Transition> advance(long now) {
        if (state != State.OPEN || now - openUntil < 0) {
            return Optional.empty();
        }
        state = State.HALF_OPEN;
        probeOut = false;
        return transition(State.OPEN, "cool_down_elapsed", Optional.empty());
    }

    /** Whether an attempt may go: closed, or half-open with the probe free. */
    boolean permits() {
        return state == State.CLOSED || state == State.HALF_OPEN && !probeOut;
    }

    /** Takes the probe when half-open; call only when {@link #permits()}. */
    void admit() {
        if (state == State.HALF_OPEN) {
            probeOut = true;
        }
    }

    /** An attempt succeeded: resets the failure run; the probe's success closes the circuit. */
    Optional<Transition> succeeded(long now) {
        consecutiveFailures = 0;
        return switch (state) {
            case CLOSED -> {
                window.add(now, 0);
                yield Optional.empty();
            }
            case HALF_OPEN -> probeOut ? close() : Optional.empty();
            case OPEN -> Optional.empty();
        };
    }

    /** An attempt failed by the deployment's fault: may open the circuit, and the probe's failure re-opens it. */
    Optional<Transition> failed(long now) {
        consecutiveFailures++;
        return switch (state) {
            case CLOSED -> {
                window.add(now, 1);
                yield judge(now);
            }
            case HALF_OPEN -> probeOut ? open(now, State.HALF_OPEN, "probe_failed") : Optional.empty();
            case OPEN -> Optional.empty();
        };
    }

    /** An attempt ended without a verdict on the deployment: frees the probe if it was out. */
    void released() {
        if (state == State.HALF_OPEN) {
            probeOut = false;
        }
    }

    /**
     * Opens the circuit until {@code until} because another replica opened it; a circuit already open for longer
     * stays as it is. Returns the transition when the state changed.
     */
    Optional<Transition> openElsewhere(long now, long until) {
        if (state == State.OPEN && openUntil - until >= 0) {
            return Optional.empty();
        }
        State from = state;
        state = State.OPEN;
        openUntil = until;
        probeOut = false;
        consecutiveFailures = Math.max(consecutiveFailures, 1);
        return from == State.OPEN ? Optional.empty()
                : transition(from, "opened_elsewhere", Optional.of(Duration.ofNanos(until - now)));
    }

    /** Closes the circuit because another replica's probe succeeded. */
    Optional<Transition> closeElsewhere() {
        return closeFor("closed_elsewhere");
    }

    /** Closes the circuit because an active health check succeeded. */
    Optional<Transition> closeByCheck() {
        return closeFor("check_passed");
    }

    private Optional<Transition> closeFor(String reason) {
        consecutiveFailures = 0;
        if (state == State.CLOSED) {
            return Optional.empty();
        }
        State from = state;
        state = State.CLOSED;
        probeOut = false;
        window.clear();
        return transition(from, reason, Optional.empty());
    }

    private Optional<Transition> judge(long now) {
        if (consecutiveFailures >= policy.consecutiveFailures()) {
            return open(now, State.CLOSED, "consecutive_failures");
        }
        SlidingWindow.Totals totals = window.totals(now);
        if (totals.count() >= policy.minRequests()
                && totals.weight() >= policy.errorRate() * totals.count()) {
            return open(now, State.CLOSED, "error_rate");
        }
        return Optional.empty();
    }

    private Optional<Transition> open(long now, State from, String reason) {
        state = State.OPEN;
        openUntil = now + policy.coolDown().toNanos();
        probeOut = false;
        return transition(from, reason, Optional.of(policy.coolDown()));
    }

    private Optional<Transition> close() {
        state = State.CLOSED;
        probeOut = false;
        window.clear();
        return transition(State.HALF_OPEN, "probe_succeeded", Optional.empty());
    }

    private Optional<Transition> transition(State from, String reason, Optional<Duration> lasting) {
        return Optional.of(new Transition(from.label(), state.label(), reason, lasting));
    }
}
