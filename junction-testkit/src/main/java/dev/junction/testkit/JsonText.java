package dev.junction.testkit;

import java.util.Optional;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Appends JSON string literals to a {@link StringBuilder}. The mock writes its fixed response shapes as
 * templates for speed; every variable string goes through Jackson's encoder so escaping is exact.
 */
final class JsonText {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonText() {}

    static StringBuilder appendQuoted(StringBuilder json, String value) {
        json.append('"');
        ENCODER.quoteAsString(value, json);
        return json.append('"');
    }

    static StringBuilder appendQuotedOrNull(StringBuilder json, Optional<String> value) {
        return value.isPresent() ? appendQuoted(json, value.get()) : json.append("null");
    }
}
