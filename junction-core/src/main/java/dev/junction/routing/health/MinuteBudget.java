package dev.junction.routing.health;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A deployment's own requests-per-minute and tokens-per-minute accounting over a sliding minute (one-second
 * buckets). Every attempt counts as a request with its estimated tokens when it is reserved, and its tokens are
 * corrected to the ones it used once they are known ({@link #correct}); the limits come from the deployment's
 * configuration at each call, so a reload that changes them applies at once.
 *
 * <p>A request fits while the minute holds fewer than {@code rpm} requests and its tokens fit under {@code tpm};
 * a request larger than the whole {@code tpm} still goes into a minute that holds no tokens, since it could never
 * fit otherwise and the upstream is the judge of it.
 *
 * <p>Not thread safe: its owner guards it.
 */
final class MinuteBudget {

    private final SlidingWindow minute = new SlidingWindow(Duration.ofMinutes(1));

    /** Whether one more request (of unknown size) may go now. */
    boolean hasRoom(long now, OptionalInt rpm, OptionalInt tpm) {
        if (rpm.isEmpty() && tpm.isEmpty()) {
            return true;
        }
        SlidingWindow.Totals used = minute.totals(now);
        return used.count() < limit(rpm) && used.weight() < limit(tpm);
    }

    /** Counts a request of {@code tokens} when it fits; returns whether it did. */
    boolean tryTake(long now, OptionalInt rpm, OptionalInt tpm, long tokens) {
        long estimate = Math.max(0, tokens);
        if (rpm.isPresent() || tpm.isPresent()) {
            SlidingWindow.Totals used = minute.totals(now);
            long tokenLimit = limit(tpm);
            boolean tokensFit = used.weight() < tokenLimit
                    && (used.weight() == 0 || estimate <= tokenLimit - used.weight());
            if (used.count() >= limit(rpm) || !tokensFit) {
                return false;
            }
        }
        minute.add(now, estimate);
        return true;
    }

    /**
     * An attempt counted at {@code takenAt} with {@code estimatedTokens} used {@code usedTokens}: the minute counts
     * those instead. When the attempt outlasted the minute (a long stream), its estimate has left already, and the
     * tokens it used count now, in the minute that saw them produced.
     */
    void correct(long takenAt, long now, long estimatedTokens, long usedTokens) {
        long used = Math.max(0, usedTokens);
        if (!minute.reweigh(takenAt, now, used - Math.max(0, estimatedTokens)) && used > 0) {
            minute.addWeight(now, used);
        }
    }

    /** When a request (of unknown size) fits again: {@code now} when it does; empty for a limit of zero. */
    OptionalLong whenRoom(long now, OptionalInt rpm, OptionalInt tpm) {
        return minute.whenBelow(now, limit(rpm), limit(tpm));
    }

    private static long limit(OptionalInt configured) {
        return configured.isPresent() ? configured.getAsInt() : Long.MAX_VALUE;
    }
}
