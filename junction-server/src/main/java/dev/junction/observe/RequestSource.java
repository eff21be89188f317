package dev.junction.observe;

import java.util.Locale;

/**
 * Where a logged request came from: a client of the data plane ({@link #API}), or an operator trying a route from the
 * console's playground ({@link #PLAYGROUND}: no budget or limit applies, and the default views of spend and analytics
 * leave it out). Stored as its {@link #wireName} in {@code request_logs.source} and {@code usage_rollups.source}.
 */
public enum RequestSource {
    API,
    PLAYGROUND;

    /** {@code api} or {@code playground}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source of this wire name; {@code api} for anything unknown (rows written before sources existed). */
    public static RequestSource ofWireName(String name) {
        return "playground".equals(name) ? PLAYGROUND : API;
    }
}
