package dev.junction.stage.cache;

import dev.junction.model.GatewayException;
import dev.junction.pipeline.Exchange;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request asks of the cache: {@code x-junction-cache: off|exact|semantic}, {@code Cache-Control: no-cache}
 * (skip the lookup, store the fresh answer), {@code no-store} (neither read nor write), and
 * {@code x-junction-cache-ttl} (seconds an answer stored now lives). Immutable.
 *
 * @param mode the requested mode; empty when the request does not say
 */
record CacheControls(Optional<String> mode, boolean noCache, boolean noStore, Optional<Duration> ttl) {

    /** The longest TTL a request may ask for. */
    static final Duration MAX_TTL = Duration.ofDays(30);

    /** Reads the request's headers; throws a {@link GatewayException} (a 400) for a value it cannot take. */
    static CacheControls of(Exchange exchange) {
        Optional<String> mode = exchange.header("x-junction-cache").map(m -> m.strip().toLowerCase(Locale.ROOT));
        mode.ifPresent(m -> {
            if (!m.equals("off") && !m.equals("exact") && !m.equals("semantic")) {
                throw GatewayException.invalid("x-junction-cache", "The header 'x-junction-cache' takes off, exact "
                        + "or semantic, not '" + m + "'.");
            }
        });
        boolean noCache = false;
        boolean noStore = false;
        for (String directive : exchange.header("cache-control").orElse("").split(",")) {
            String d = directive.strip().toLowerCase(Locale.ROOT);
            noCache |= d.equals("no-cache");
            noStore |= d.equals("no-store");
        }
        Optional<Duration> ttl = exchange.header("x-junction-cache-ttl").map(CacheControls::ttl);
        return new CacheControls(mode, noCache, noStore, ttl);
    }

    private static Duration ttl(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds <= 0 || seconds > MAX_TTL.toSeconds()) {
            throw GatewayException.invalid("x-junction-cache-ttl", "The header 'x-junction-cache-ttl' takes whole "
                    + "seconds from 1 to " + MAX_TTL.toSeconds() + ", not '" + text + "'.");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Whether the request turned the cache off for itself. */
    boolean off() {
        return mode.filter("off"::equals).isPresent() || noStore;
    }

    /**
     * Whether the request explicitly asked for the cache, exact or semantic (which opts a sampled request in).
     */
    boolean explicitlyExact() {
        return mode.filter(m -> m.equals("exact") || m.equals("semantic")).isPresent();
    }

    /** Whether the request asked for the semantic lookup ({@code semantic}: yes, {@code exact}: no, else the route's). */
    Optional<Boolean> semantic() {
        return mode.filter(m -> !m.equals("off")).map("semantic"::equals);
    }
}
