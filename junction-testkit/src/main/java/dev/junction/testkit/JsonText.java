package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON helpers of the mock. The OpenAI shapes are written as templates for speed, appending JSON
 * string literals to a {@link StringBuilder}; every variable string goes through Jackson's encoder so
 * escaping is exact. The Anthropic and Gemini shapes are built as Jackson trees and written with
 * {@link #MAPPER}.
 */
final class JsonText {

    /** The mapper for parsing requests and writing tree-built responses; thread-safe. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private JsonText() {}

    static StringBuilder appendQuoted(StringBuilder json, String value) {
        json.append('"');
        ENCODER.quoteAsString(value, json);
        return json.append('"');
    }

    /** {@return the compact JSON of a tree} */
    static Buffer buffer(JsonNode json) {
        return Buffer.buffer(MAPPER.writeValueAsBytes(json));
    }

    static StringBuilder appendQuotedOrNull(StringBuilder json, Optional<String> value) {
        return value.isPresent() ? appendQuoted(json, value.get()) : json.append("null");
    }
}
