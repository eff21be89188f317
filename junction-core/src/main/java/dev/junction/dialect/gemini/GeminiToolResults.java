package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiJson.get;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.GatewayException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code functionResponse} parts ⇄ canonical {@link ContentPart.ToolResult}s. Gemini's {@code response} must be an
 * object, canonical results are text: an object is carried as its JSON text, except the SDK conventions
 * {@code {"output": "<text>"}} (plain text) and {@code {"error": …}} (an error result), which are unwrapped so that
 * text from other dialects comes back the way it went in.
 */
final class GeminiToolResults {

    private GeminiToolResults() {}

    /**
     * Reads one {@code functionResponse}: its {@code id} when given, else the id of the call it answers (by order
     * and name), else {@code orphanId}.
     */
    static ContentPart.ToolResult read(JsonNode response, String path, GeminiContents.CallPairing pairing,
                                       String orphanId) {
        String name = Json.requireString(response, "name", path + ".name");
        Optional<String> given = Json.optString(response, "id", path + ".id").filter(s -> !s.isEmpty());
        String id;
        if (given.isPresent()) {
            id = given.get();
            pairing.answered(id);
        } else {
            id = pairing.answer(name).orElse(orphanId);
        }
        JsonNode body = get(response, "response");
        if (body != null && !body.isObject()) {
            throw GatewayException.invalid(path + ".response", "Invalid value at '" + path + ".response': expected "
                    + "an object (wrap a scalar, e.g. {\"output\": …}).");
        }
        ObjectNode result = body == null ? Json.object() : (ObjectNode) body;
        JsonNode error = result.size() == 1 ? result.get("error") : null;
        if (error != null) {
            return new ContentPart.ToolResult(id, List.of(new ContentPart.Text(text(error))), true);
        }
        JsonNode output = result.size() == 1 ? result.get("output") : null;
        String text = output != null && output.isString() ? output.stringValue() : Json.write(result);
        return new ContentPart.ToolResult(id, List.of(new ContentPart.Text(text)), false);
    }

    /** Writes a {@code functionResponse} part for a result of the call named {@code name}. */
    static ObjectNode write(ContentPart.ToolResult result, String name) {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : result.content()) {
            if (part instanceof ContentPart.Text t) {
                text.append(t.text());
            }
        }
        ObjectNode response = Json.object();
        Optional<JsonNode> parsed = Json.tryParse(text.toString());
        if (result.isError()) {
            response.set("error", parsed.filter(n -> n.isObject() || n.isArray())
                    .orElseGet(() -> Json.MAPPER.getNodeFactory().stringNode(text.toString())));
        } else if (parsed.isPresent() && parsed.get().isObject()) {
            response = (ObjectNode) parsed.get();
        } else {
            response.put("output", text.toString());
        }
        ObjectNode part = Json.object();
        part.putObject("functionResponse").put("name", name).set("response", response);
        return part;
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.stringValue() : Json.write(value);
    }
}
