package dev.junction.observe;

import dev.junction.json.Json;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response headers a request's log entry keeps: only the gateway's own ({@code x-junction-*}, {@code
 * x-request-id}) and the rate-limit ones ({@code x-ratelimit-*}, {@code ratelimit*}, {@code retry-after}); never
 * anything else (no cookie, no upstream header), so nothing secret. Bounded: at most {@value #MAX_HEADERS} headers
 * of at most {@value #MAX_VALUE} characters each.
 */
public final class ResponseHeaders {

    static final int MAX_HEADERS = 32;
    static final int MAX_VALUE = 512;

    private ResponseHeaders() {}

    /** Whether a header (by its name, any case) is one the log keeps. */
    public static boolean kept(String name) {
        // Compared in place, ignoring case: no lower-cased copy of every header of every response.
        return startsWith(name, "x-junction-") || name.equalsIgnoreCase("x-request-id")
                || startsWith(name, "x-ratelimit-") || startsWith(name, "ratelimit")
                || name.equalsIgnoreCase("retry-after");
    }

    private static boolean startsWith(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The kept headers of a response, lower-cased names in the response's order; empty when none. */
    public static Map<String, String> select(MultiMap headers) {
        Map<String, String> out = Map.of();
        for (Map.Entry<String, String> h : headers) {
            if (!kept(h.getKey())) {
                continue;
            }
            if (out.isEmpty()) {
                out = new LinkedHashMap<>();
            }
            if (out.size() >= MAX_HEADERS) {
                break;
            }
            String value = h.getValue();
            out.merge(h.getKey().toLowerCase(Locale.ROOT),
                    value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value, (a, b) -> a + ", " + b);
        }
        return out;
    }

    /** The headers as a JSON object (the column's form); empty when there are none. */
    public static Optional<String> toJson(Map<String, String> headers) {
        return headers.isEmpty() ? Optional.empty() : Optional.of(Json.write(toObject(headers)));
    }

    /** The headers as a JSON object node. */
    public static ObjectNode toObject(Map<String, String> headers) {
        ObjectNode o = Json.object();
        headers.forEach(o::put);
        return o;
    }

    /** Reads {@link #toJson}'s object; an absent or unreadable column is no headers. */
    public static Map<String, String> fromJson(Optional<String> json) {
        Optional<JsonNode> parsed = json.flatMap(Json::tryParse);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        parsed.get().properties().forEach(e -> out.put(e.getKey(), e.getValue().asString("")));
        return out;
    }
}
