package dev.junction.dialect;

import dev.junction.json.Json;
import dev.junction.model.ToolDefinition;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code {"type": "function", "function": {name, description, parameters}}} tool entry that Cohere v2 and
 * Ollama share (OpenAI's shape without {@code strict}). Stateless.
 */
public final class FunctionTools {

    private FunctionTools() {}

    /** The entry for one tool. */
    public static ObjectNode write(ToolDefinition tool) {
        ObjectNode function = Json.object().put("name", tool.name());
        tool.description().ifPresent(d -> function.put("description", d));
        function.set("parameters", tool.parameters());
        ObjectNode out = Json.object().put("type", "function");
        out.set("function", function);
        return out;
    }
}
