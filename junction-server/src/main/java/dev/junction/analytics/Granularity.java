package dev.junction.analytics;

import java.time.Duration;
import java.util.Locale;

/** The sizes of rollup buckets; each is stored with its own rows (bucket starts are UTC-aligned). */
public enum Granularity {
    /** One minute. */
    MINUTE(0, Duration.ofMinutes(1)),
    /** One hour. */
    HOUR(1, Duration.ofHours(1)),
    /** One UTC day. */
    DAY(2, Duration.ofDays(1));

    private final int code;
    private final long millis;

    Granularity(int code, Duration size) {
        this.code = code;
        this.millis = size.toMillis();
    }

    /** The value of the {@code granularity} column. */
    public int code() {
        return code;
    }

    /** The bucket's length in milliseconds. */
    public long millis() {
        return millis;
    }

    /** The start (epoch milliseconds) of the bucket holding this time. */
    public long bucketStart(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    /** The name in queries: {@code minute}, {@code hour} or {@code day}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The granularity with this wire name. */
    public static Granularity ofWireName(String name) {
        for (Granularity g : values()) {
            if (g.wireName().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown bucket '" + name + "'; expected minute, hour or day");
    }
}
