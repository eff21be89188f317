package dev.junction.upstream;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.Optional;

/** Reads how long an upstream asked us to wait from its response headers. */
public final class RetryAfter {

    private RetryAfter() {}

    /**
     * {@code retry-after-ms} (OpenAI's, milliseconds) or {@code retry-after} in seconds. An HTTP-date
     * {@code Retry-After} is rare from LLM APIs and ignored.
     */
    public static Optional<Duration> of(MultiMap headers) {
        try {
            String ms = headers.get("retry-after-ms");
            if (ms != null) {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms)));
            }
            String seconds = headers.get("retry-after");
            if (seconds != null) {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(seconds) * 1000)));
            }
        } catch (NumberFormatException e) {
            // an HTTP date: fall through
        }
        return Optional.empty();
    }
}
