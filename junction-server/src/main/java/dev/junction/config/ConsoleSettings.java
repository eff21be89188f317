package dev.junction.config;

import java.time.Duration;

/**
 * The web console ({@code console:}). Immutable.
 *
 * @param enabled whether the gateway serves the console at {@code /console/} and redirects {@code /} there (default
 *     true); the admin API works either way
 * @param idleTimeout a console session that made no call for this long is over (default 30 minutes)
 * @param maxAge a console session ends this long after sign-in, however busy (default 12 hours)
 */
public record ConsoleSettings(boolean enabled, Duration idleTimeout, Duration maxAge) {

    /** The settings when the configuration says nothing. */
    public static final ConsoleSettings DEFAULT = new ConsoleSettings(true, Duration.ofMinutes(30),
            Duration.ofHours(12));
}
