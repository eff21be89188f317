package dev.junction.metrics;

import java.time.Duration;
import java.util.Arrays;

/**
 * The explicit bucket boundaries OpenTelemetry's GenAI semantic conventions recommend for their histograms, fixed so
 * that a histogram's series are its label tuples times these buckets, never more.
 */
final class Buckets {

    /** {@code gen_ai.client.operation.duration}, in seconds. */
    static final double[] OPERATION_SECONDS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
        20.48, 40.96, 81.92};

    /** {@code gen_ai.server.time_to_first_token}, in seconds. */
    static final double[] FIRST_TOKEN_SECONDS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
        1.0, 2.5, 5.0, 7.5, 10.0};

    /** {@code gen_ai.client.token.usage}, in tokens. */
    static final double[] TOKENS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
        16777216, 67108864};

    /** The event loops' lag, in seconds. */
    static final double[] LAG_SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private Buckets() {
    }

    /** Boundaries in seconds as durations, for a Micrometer timer's service-level objectives. */
    static Duration[] durations(double[] seconds) {
        return Arrays.stream(seconds).mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9))).toArray(Duration[]::new);
    }
}
