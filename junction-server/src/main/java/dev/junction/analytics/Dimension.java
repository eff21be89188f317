package dev.junction.analytics;

import dev.junction.observe.LoggedRequest;
import java.util.Locale;
import java.util.function.Function;

/**
 * What rollups are split by. Every rollup row carries the full tuple (absent values as the empty string); reads group
 * by any subset. A route is named by the public model it serves, so {@link #MODEL} is also the route.
 */
public enum Dimension {
    /** The public model (the route) the client asked for. */
    MODEL("public_model", LoggedRequest::publicModel),
    /** The provider that answered or was tried last. */
    PROVIDER("provider", LoggedRequest::provider),
    /** The deployment that answered or was tried last. */
    DEPLOYMENT("deployment", LoggedRequest::deployment),
    /** The path called. */
    ENDPOINT("endpoint", LoggedRequest::endpoint),
    /** The virtual key's id. */
    KEY("key_id", r -> r.caller().keyId().orElse("")),
    /** The user's id. */
    USER("user_id", r -> r.caller().userId().orElse("")),
    /** The team's id. */
    TEAM("team_id", r -> r.caller().teamId().orElse("")),
    /** The tenant's id. */
    TENANT("tenant_id", r -> r.caller().tenantId().orElse("")),
    /** The error's class ({@link ErrorClass}), empty for successes. */
    ERROR_CLASS("error_class", ErrorClass::of),
    /** Where the request came from: {@code api} (data-plane clients) or {@code playground} (the console's). */
    SOURCE("source", r -> r.source().wireName());

    private final String column;
    private final Function<LoggedRequest, String> value;

    Dimension(String column, Function<LoggedRequest, String> value) {
        this.column = column;
        this.value = value;
    }

    /** The column of {@code usage_rollups} holding it. */
    public String column() {
        return column;
    }

    /** This dimension's value for a request, never null (the empty string when absent). */
    public String of(LoggedRequest request) {
        String v = value.apply(request);
        return v == null ? "" : v;
    }

    /** The name in queries: {@code model}, {@code provider}, …, {@code error_class}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The dimension with this wire name. */
    public static Dimension ofWireName(String name) {
        for (Dimension d : values()) {
            if (d.wireName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dimension '" + name + "'; expected one of " + wireNames());
    }

    /** Every wire name, comma separated. */
    public static String wireNames() {
        StringBuilder names = new StringBuilder();
        for (Dimension d : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(d.wireName());
        }
        return names.toString();
    }
}
