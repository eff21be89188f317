package dev.junction.routing.health;

/**
 * What strategies may read of the deployments' health, by deployment id. Reads are cheap and never block; values
 * may be a moment stale under concurrency.
 */
public interface HealthView {

    /**
     * The moving average (EWMA) of the time to first byte of recent successful attempts, in milliseconds;
     * {@link Double#NaN} when there is none yet.
     */
    double latencyMillis(String deploymentId);

    /** Nanosecond timestamp ({@link System#nanoTime}) of the last latency sample; {@code Long.MIN_VALUE} when none. */
    long lastSampleNanos(String deploymentId);

    /** Attempts in flight now. */
    int inFlight(String deploymentId);

    /** Failures since the last success. */
    int consecutiveFailures(String deploymentId);

    /** A view with nothing recorded, for tests and for routes that keep no health. */
    HealthView EMPTY = new HealthView() {
        @Override
        public double latencyMillis(String deploymentId) {
            return Double.NaN;
        }

        @Override
        public long lastSampleNanos(String deploymentId) {
            return Long.MIN_VALUE;
        }

        @Override
        public int inFlight(String deploymentId) {
            return 0;
        }

        @Override
        public int consecutiveFailures(String deploymentId) {
            return 0;
        }
    };
}
