package dev.junction.observe;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When the request-log journal forces what it wrote to the disk ({@code fsync}). Every record is written to the
 * operating system ({@code write(2)} returned) before its response ends, whatever the policy: that survives the
 * gateway being killed. The policy decides what survives the machine losing power.
 *
 * @param policy {@link Policy#NEVER} leaves it to the operating system, {@link Policy#INTERVAL} forces at most once
 *     per {@code interval} (a crash of the machine loses at most that much), {@link Policy#ALWAYS} forces before any
 *     response whose record it holds ends
 * @param interval how often {@link Policy#INTERVAL} forces; ignored by the other policies
 */
public record JournalSync(Policy policy, Duration interval) {

    /** The fsync policies. */
    public enum Policy {
        /** Never fsync: the page cache keeps the records; a killed process loses nothing, a power cut may. */
        NEVER,
        /** fsync at most once per interval, from the journal's thread, off the response's path. */
        INTERVAL,
        /** fsync every group of records before their responses end (slowest, safest). */
        ALWAYS;

        /** The policy of a configuration value ({@code never}, {@code interval}, {@code always}). */
        public static Optional<Policy> parse(String value) {
            try {
                return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The default: fsync once a second, which keeps the request path free of disk flushes. */
    public static final JournalSync DEFAULT = new JournalSync(Policy.INTERVAL, Duration.ofSeconds(1));

    /** Validates the settings. */
    public JournalSync {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the fsync interval must be positive");
        }
    }
}
