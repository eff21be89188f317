package dev.junction.provider;

import java.time.Duration;

/**
 * Time limits of one upstream attempt.
 *
 * @param connect establishing the TCP/TLS connection
 * @param firstByte from sending the request to the response head, and for streams to the first event: the limit
 *     that matters most for streams, since a stuck upstream shows up here
 * @param idle the longest gap between two stream events
 * @param total the whole attempt, body included
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {

    /** Defaults suited to LLM calls: slow first tokens are normal, silence mid-stream is not. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120),
            Duration.ofSeconds(60), Duration.ofMinutes(10));
}
