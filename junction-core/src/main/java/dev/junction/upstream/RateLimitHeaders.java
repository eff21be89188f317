package dev.junction.upstream;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an upstream's successful reply says about its rate limits: OpenAI's {@code x-ratelimit-remaining-*} and
 * {@code x-ratelimit-reset-*} ({@code 1s}, {@code 6m0s}, {@code 20ms}), Anthropic's
 * {@code anthropic-ratelimit-*-remaining} and {@code -reset} (an RFC 3339 time). A deployment with nothing left is
 * rested until the reset instead of being sent requests that will get 429s. A reset is read only for a limit with
 * nothing left ({@link #of}); it is empty otherwise.
 */
public record RateLimitHeaders(OptionalLong remainingRequests, OptionalLong remainingTokens,
                               Optional<Duration> resetRequests, Optional<Duration> resetTokens) {

    /** Nothing said. */
    public static final RateLimitHeaders NONE = new RateLimitHeaders(OptionalLong.empty(), OptionalLong.empty(),
            Optional.empty(), Optional.empty());

    /** How long to wait when a limit is exhausted but the upstream did not say when it resets. */
    static final Duration UNKNOWN_RESET = Duration.ofSeconds(1);

    private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:([\\d.]+)s)?(?:(\\d+)ms)?");

    /** Reads the headers of a reply; {@link #NONE} when there are none. */
    public static RateLimitHeaders of(MultiMap headers) {
        OptionalLong requests = number(headers, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining");
        OptionalLong tokens = number(headers, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining");
        if (requests.isEmpty() && tokens.isEmpty()) {
            return NONE;
        }
        // A reset matters only for a limit with nothing left (the common case, a limit with some left, reads no
        // duration: parsing them cost about 1% of a governed request's time).
        return new RateLimitHeaders(requests, tokens,
                exhausted(requests)
                        ? reset(headers, "x-ratelimit-reset-requests", "anthropic-ratelimit-requests-reset")
                        : Optional.empty(),
                exhausted(tokens)
                        ? reset(headers, "x-ratelimit-reset-tokens", "anthropic-ratelimit-tokens-reset")
                        : Optional.empty());
    }

    private static boolean exhausted(OptionalLong remaining) {
        return remaining.isPresent() && remaining.getAsLong() <= 0;
    }

    /** How long the deployment has nothing left, when a limit is exhausted. */
    public Optional<Duration> exhaustedFor() {
        Optional<Duration> wait = Optional.empty();
        if (exhausted(remainingRequests)) {
            wait = Optional.of(resetRequests.orElse(UNKNOWN_RESET));
        }
        if (exhausted(remainingTokens)) {
            Duration tokens = resetTokens.orElse(UNKNOWN_RESET);
            wait = Optional.of(wait.filter(w -> w.compareTo(tokens) >= 0).orElse(tokens));
        }
        return wait;
    }

    private static OptionalLong number(MultiMap headers, String... names) {
        for (String name : names) {
            String v = headers.get(name);
            if (v != null) {
                try {
                    return OptionalLong.of(Long.parseLong(v.strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<Duration> reset(MultiMap headers, String openAi, String anthropic) {
        String go = headers.get(openAi);
        if (go != null) {
            return goDuration(go.strip());
        }
        String at = headers.get(anthropic);
        if (at != null) {
            try {
                Duration until = Duration.between(Instant.now(), Instant.parse(at.strip()));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Go's duration format as OpenAI sends it: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}. */
    static Optional<Duration> goDuration(String text) {
        Matcher m = GO_DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        double seconds = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600)
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60)
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)));
        long millis = (long) (seconds * 1000) + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        return Optional.of(Duration.ofMillis(millis));
    }
}
