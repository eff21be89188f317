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
 * <p>Outcomes are matched to their attempt: {@link #admit} hands every attempt a {@link Pass} naming the circuit's
 * current <em>period</em> (a fresh one begins with every change of state), and only an outcome of the current period
 * moves the circuit. So an attempt begun before the circuit opened changes nothing when it ends while the circuit is
 * open, half-open (only the probe's own outcome closes or re-opens it) or closed again (it cannot re-open a circuit
 * that has just recovered, nor count in its fresh window). Such stale outcomes still count in the deployment's
 * statistics, which its owner keeps.
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

    /** What the circuit let through: an attempt of {@code period}, the half-open probe or not. */
    record Pass(Period period, boolean probe) {
    }

    /** One stretch of the circuit in one state; compared by identity only. */
    static final class Period {
    }

    private final HealthPolicy policy;
    private final SlidingWindow window;
    private State state = State.CLOSED;
    private Period period = new Period();
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
        enter(State.HALF_OPEN);
        return transition(State.OPEN, "cool_down_elapsed", Optional.empty());
    }

    /** Whether an attempt may go: closed, or half-open with the probe free. */
    boolean permits() {
        return state == State.CLOSED || state == State.HALF_OPEN && !probeOut;
    }

    /** Lets an attempt through, taking the probe when half-open; call only when {@link #permits()}. */
    Pass admit() {
        boolean probe = state == State.HALF_OPEN;
        if (probe) {
            probeOut = true;
        }
        return new Pass(period, probe);
    }

    /**
     * An attempt succeeded: resets the failure run; the probe's success closes the circuit. An attempt of an earlier
     * period changes nothing.
     */
    Optional<Transition> succeeded(long now, Pass pass) {
        if (!current(pass)) {
            return Optional.empty();
        }
        consecutiveFailures = 0;
        return switch (state) {
            case CLOSED -> {
                window.add(now, 0);
                yield Optional.empty();
            }
            case HALF_OPEN -> pass.probe() ? close() : Optional.empty();
            case OPEN -> Optional.empty();
        };
    }

    /**
     * An attempt failed by the deployment's fault: may open the circuit, and the probe's failure re-opens it. An
     * attempt of an earlier period changes nothing.
     */
    Optional<Transition> failed(long now, Pass pass) {
        if (!current(pass)) {
            return Optional.empty();
        }
        consecutiveFailures++;
        return switch (state) {
            case CLOSED -> {
                window.add(now, 1);
                yield judge(now);
            }
            case HALF_OPEN -> pass.probe() ? open(now, State.HALF_OPEN, "probe_failed") : Optional.empty();
            case OPEN -> Optional.empty();
        };
    }

    /**
     * An active health check failed by the deployment's fault: counts like a failure of an attempt of the current
     * period that is not the probe (so it may open a closed circuit, while a half-open one waits for its probe).
     */
    Optional<Transition> checkFailed(long now) {
        return failed(now, new Pass(period, false));
    }

    /** An attempt ended without a verdict on the deployment: frees the probe if it was the probe. */
    void released(Pass pass) {
        if (current(pass) && pass.probe() && state == State.HALF_OPEN) {
            probeOut = false;
        }
    }

    private boolean current(Pass pass) {
        return pass.period() == period;
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
        enter(State.OPEN);
        openUntil = until;
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
        enter(State.CLOSED);
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
        enter(State.OPEN);
        openUntil = now + policy.coolDown().toNanos();
        return transition(from, reason, Optional.of(policy.coolDown()));
    }

    private Optional<Transition> close() {
        enter(State.CLOSED);
        window.clear();
        return transition(State.HALF_OPEN, "probe_succeeded", Optional.empty());
    }

    /** Changes the state, which begins a new period: attempts let through before no longer move the circuit. */
    private void enter(State next) {
        state = next;
        period = new Period();
        probeOut = false;
    }

    private Optional<Transition> transition(State from, String reason, Optional<Duration> lasting) {
        return Optional.of(new Transition(from.label(), state.label(), reason, lasting));
    }
}
