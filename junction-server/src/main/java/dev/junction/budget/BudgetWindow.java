package dev.junction.budget;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One window of a budget period: the span in which spending adds up before it starts again from zero.
 *
 * @param start the first instant of the window (inclusive)
 * @param end the instant the next window starts (exclusive); empty for {@link BudgetPeriod#TOTAL}, which never ends
 */
public record BudgetWindow(Instant start, Optional<Instant> end) {

    /** The one window of {@link BudgetPeriod#TOTAL}: from {@link Instant#EPOCH}, without end. */
    public static final BudgetWindow ALL_TIME = new BudgetWindow(Instant.EPOCH, Optional.empty());

    /** Checks that the window does not end before it starts. */
    public BudgetWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isPresent() && !end.get().isAfter(start)) {
            throw new IllegalArgumentException("a budget window must end after it starts: " + start + ".." + end.get());
        }
    }
}
