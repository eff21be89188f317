package dev.junction.dialect.responses;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import dev.junction.model.ResponseFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code text.format} ⇄ {@link ResponseFormat}. Unlike Chat Completions' {@code response_format}, a JSON schema
 * format is flat: {@code {"type":"json_schema","name","schema","description","strict"}}.
 */
final class ResponsesTextFormat {

    private ResponsesTextFormat() {}

    /** The {@code text} object of a request: its format, and what else it holds ({@code verbosity}, …). */
    record Read(Optional<ResponseFormat> format, ObjectNode rest) {}

    static Read read(JsonNode text) {
        if (text == null || text.isNull()) {
            return new Read(Optional.empty(), Json.object());
        }
        if (!text.isObject()) {
            throw GatewayException.invalid("text", "Invalid type for 'text': expected an object.");
        }
        optString(text, "verbosity", "text.verbosity");
        ObjectNode rest = ((ObjectNode) text).deepCopy();
        rest.remove("format");
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return new Read(Optional.empty(), rest);
        }
        if (!format.isObject()) {
            throw GatewayException.invalid("text.format", "Invalid type for 'text.format': expected an object.");
        }
        String type = requireString(format, "type", "text.format.type");
        return new Read(Optional.of(switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                JsonNode schema = format.get("schema");
                if (schema == null || !schema.isObject()) {
                    throw GatewayException.invalid("text.format.schema", "Missing required parameter: "
                            + "'text.format.schema'.");
                }
                yield new ResponseFormat.JsonSchema(requireString(format, "name", "text.format.name"),
                        optString(format, "description", "text.format.description"), schema,
                        optBoolean(format, "strict", "text.format.strict"));
            }
            default -> throw GatewayException.invalid("text.format.type", "Invalid value: '" + type + "'. "
                    + "Supported values are: 'text', 'json_object', and 'json_schema'.");
        }), rest);
    }

    static ObjectNode write(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Json.object().put("type", "text");
            case ResponseFormat.JsonObject j -> Json.object().put("type", "json_object");
            case ResponseFormat.JsonSchema js -> {
                ObjectNode o = Json.object().put("type", "json_schema").put("name", js.name());
                js.description().ifPresent(d -> o.put("description", d));
                o.set("schema", js.schema());
                js.strict().ifPresent(s -> o.put("strict", s));
                yield o;
            }
        };
    }
}
