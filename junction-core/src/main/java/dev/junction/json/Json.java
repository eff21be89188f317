package dev.junction.json;

import dev.junction.model.GatewayException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the process and typed readers that reject wrong types with a 400 naming the field. Thread
 * safe: the mapper is immutable.
 */
public final class Json {

    /** The shared mapper. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses bytes as a JSON object, or fails with a 400 that says why. */
    public static ObjectNode parseObject(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new GatewayException(new dev.junction.model.GatewayError.InvalidRequest(
                    "We could not parse the JSON body of your request: " + e.getOriginalMessage(),
                    Optional.empty(), Optional.of("invalid_json")));
        }
        if (node == null || !node.isObject()) {
            throw new GatewayException(new dev.junction.model.GatewayError.InvalidRequest(
                    "The request body must be a JSON object.", Optional.empty(), Optional.of("invalid_json")));
        }
        return (ObjectNode) node;
    }

    /** Parses text as JSON, or returns empty when it is not JSON. Never throws. */
    public static Optional<JsonNode> tryParse(String text) {
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Parses UTF-8 bytes as JSON, or returns empty when they are not JSON. Never throws. */
    /**
     * Reads one top-level field of a JSON object without building a tree for the rest (a response body's usage,
     * say, next to content the gateway passes through untouched).
     *
     * @return empty when the bytes are not a JSON object; otherwise the field, or a missing node when absent
     */
    public static Optional<JsonNode> topLevelField(byte[] body, String field) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            JsonNode found = MissingNode.getInstance();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(field)) {
                    found = parser.readValueAsTree();
                } else {
                    parser.skipChildren();
                }
            }
            return Optional.of(found);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    public static Optional<JsonNode> tryParse(byte[] bytes) {
        try {
            return Optional.ofNullable(MAPPER.readTree(bytes));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * A copy of an object's top level only, for forwarding a client's body with a few top-level fields changed:
     * nested values (the messages, most of the bytes) are shared, so callers must replace fields, never edit nested
     * values in place, and the original stays intact for the next attempt.
     */
    public static ObjectNode shallowCopy(ObjectNode body) {
        ObjectNode copy = object();
        copy.setAll(body);
        return copy;
    }

    /** Compact JSON text of a node. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Compact JSON bytes of a node. */
    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Whether the field is absent or JSON null. */
    public static boolean absent(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull();
    }

    /** A required string field. */
    public static String requireString(JsonNode parent, String field, String path) {
        return optString(parent, field, path)
                .orElseThrow(() -> GatewayException.invalid(path, "Missing required parameter: '" + path + "'."));
    }

    /** An optional string field; a present non-string value is a 400. */
    public static Optional<String> optString(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw typeError(path, "a string", v);
        }
        return Optional.of(v.stringValue());
    }

    /** An optional boolean field. */
    public static Optional<Boolean> optBoolean(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw typeError(path, "a boolean", v);
        }
        return Optional.of(v.booleanValue());
    }

    /** An optional integer field. */
    public static OptionalInt optInt(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw typeError(path, "an integer", v);
        }
        return OptionalInt.of(v.intValue());
    }

    /** An optional long field. */
    public static OptionalLong optLong(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw typeError(path, "an integer", v);
        }
        return OptionalLong.of(v.longValue());
    }

    /** An optional number field. */
    public static OptionalDouble optDouble(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw typeError(path, "a number", v);
        }
        return OptionalDouble.of(v.doubleValue());
    }

    /** A non-negative long read leniently (upstream usage counters): missing or malformed is 0. */
    public static long count(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v != null && v.isNumber() ? Math.max(0, v.asLong()) : 0;
    }

    private static GatewayException typeError(String path, String expected, JsonNode actual) {
        return GatewayException.invalid(path, "Invalid type for '" + path + "': expected " + expected
                + ", but got " + describe(actual) + " instead.");
    }

    private static String describe(JsonNode v) {
        if (v.isString()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.isObject() ? "an object" : "null";
    }
}
