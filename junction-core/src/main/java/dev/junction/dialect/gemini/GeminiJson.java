package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field access for Gemini bodies. Gemini's servers parse proto3 JSON, so a client may spell any field in
 * lowerCamelCase or snake_case ({@code function_call} works as well as {@code functionCall}); readers here accept
 * both and writers always use lowerCamelCase, as Google's own responses do.
 */
final class GeminiJson {

    private GeminiJson() {}

    /** The key under which {@code camel} is present in {@code parent}: the camelCase one, else its snake_case twin. */
    static String key(JsonNode parent, String camel) {
        if (parent.has(camel)) {
            return camel;
        }
        String snake = snake(camel);
        return parent.has(snake) ? snake : camel;
    }

    /** The value of a field in either spelling, or null when absent or JSON null. */
    static JsonNode get(JsonNode parent, String camel) {
        JsonNode v = parent.get(key(parent, camel));
        return v == null || v.isNull() ? null : v;
    }

    /** The lowerCamelCase form of a field name ({@code function_call} → {@code functionCall}). */
    static String camel(String name) {
        int underscore = name.indexOf('_');
        if (underscore < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether a schema is in Gemini's OpenAPI dialect ({@code "type":"OBJECT"}, upper case) rather than JSON Schema:
     * decides between {@code parameters} and {@code parametersJsonSchema} (and the response-schema twins).
     */
    static boolean isOpenApiSchema(JsonNode schema) {
        JsonNode type = schema.get("type");
        return type != null && type.isString() && !type.stringValue().isEmpty()
                && type.stringValue().equals(type.stringValue().toUpperCase(java.util.Locale.ROOT));
    }

    /** Tool-call arguments as an object: empty text is {@code {}}, anything else must parse to an object. */
    static Optional<ObjectNode> argsObject(String arguments) {
        if (arguments.isBlank()) {
            return Optional.of(Json.object());
        }
        return Json.tryParse(arguments).filter(JsonNode::isObject).map(ObjectNode.class::cast);
    }

    /** Sets every field of {@code extra} over {@code target}, replacing same-named fields (one level deep). */
    static void overlay(ObjectNode target, ObjectNode extra) {
        extra.properties().forEach(e -> target.set(e.getKey(), e.getValue().deepCopy()));
    }
}
