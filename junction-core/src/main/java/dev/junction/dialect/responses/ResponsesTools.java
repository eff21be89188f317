package dev.junction.dialect.responses;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tools} and {@code tool_choice}, in both directions. Function tools are flat
 * ({@code {"type":"function","name",…}}) and map to {@link ToolDefinition}s, as do the functions of a namespace
 * (flattened, see {@link ResponsesNamespaces}); built-in tools ({@code web_search},
 * {@code file_search}, {@code code_interpreter}, {@code mcp}, custom tools, …) have no canonical meaning and are
 * returned separately so the request mapper keeps them as extensions. A tool choice naming a built-in tool is kept
 * the same way.
 */
final class ResponsesTools {

    private ResponsesTools() {}

    /** The tools of a request: function tools, and the built-in ones as sent. */
    record Read(List<ToolDefinition> functions, ArrayNode builtIn) {}

    static Read read(JsonNode tools) {
        List<ToolDefinition> functions = new ArrayList<>();
        ArrayNode builtIn = Json.MAPPER.createArrayNode();
        if (tools == null || tools.isNull()) {
            return new Read(functions, builtIn);
        }
        if (!tools.isArray()) {
            throw GatewayException.invalid("tools", "Invalid type for 'tools': expected an array.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            if (!tool.isObject()) {
                throw GatewayException.invalid(path, "Invalid type for '" + path + "': expected an object.");
            }
            String type = requireString(tool, "type", path + ".type");
            if (type.equals("function")) {
                functions.add(function(tool, path, ""));
            } else if (ResponsesNamespaces.flattens(tool)) {
                String prefix = ResponsesNamespaces.qualified(tool.get("name").stringValue(), "");
                JsonNode inner = tool.get("tools");
                for (int j = 0; j < inner.size(); j++) {
                    functions.add(function(inner.get(j), path + ".tools[" + j + "]", prefix));
                }
            } else {
                builtIn.add(tool);
            }
        }
        return new Read(functions, builtIn);
    }

    /** A function tool, named {@code prefix} + its name (a namespace's functions are flattened). */
    private static ToolDefinition function(JsonNode tool, String path, String prefix) {
        JsonNode params = tool.get("parameters");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw GatewayException.invalid(path + ".parameters", "Invalid type for '" + path
                    + ".parameters': expected an object.");
        }
        return new ToolDefinition(prefix + requireString(tool, "name", path + ".name"),
                optString(tool, "description", path + ".description"),
                params == null || params.isNull() ? emptySchema() : params,
                optBoolean(tool, "strict", path + ".strict"));
    }

    /**
     * Function tools for an upstream. {@code strict} is written always: the Responses API enforces strict schemas
     * unless told otherwise, while an absent flag means "not strict" in every other dialect.
     */
    static ArrayNode write(List<ToolDefinition> tools) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ToolDefinition tool : tools) {
            ObjectNode t = out.addObject().put("type", "function").put("name", tool.name());
            tool.description().ifPresent(d -> t.put("description", d));
            t.set("parameters", tool.parameters());
            t.put("strict", tool.strict().orElse(false));
        }
        return out;
    }

    /** A tool choice of the canonical model, or empty for none or one that names a built-in tool. */
    static Optional<ToolChoice> readChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return Optional.empty();
        }
        if (choice.isString()) {
            return Optional.of(switch (choice.stringValue()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw GatewayException.invalid("tool_choice", "Invalid value: '" + choice.stringValue()
                        + "'. Supported values are: 'none', 'auto', and 'required'.");
            });
        }
        if (!choice.isObject()) {
            throw GatewayException.invalid("tool_choice", "Invalid type for 'tool_choice': expected a string or an "
                    + "object.");
        }
        return switch (requireString(choice, "type", "tool_choice.type")) {
            case "function" -> Optional.of(new ToolChoice.Named(requireString(choice, "name", "tool_choice.name")));
            case "allowed_tools" -> allowed(choice);
            default -> Optional.empty();
        };
    }

    /** Whether a tool choice object names a built-in tool, which only the Responses dialect can express. */
    static boolean isBuiltInChoice(JsonNode choice) {
        return choice != null && choice.isObject() && readChoice(choice).isEmpty();
    }

    private static Optional<ToolChoice> allowed(JsonNode choice) {
        String mode = requireString(choice, "mode", "tool_choice.mode");
        if (!mode.equals("auto") && !mode.equals("required")) {
            throw GatewayException.invalid("tool_choice.mode", "Invalid value: '" + mode + "'. Supported values "
                    + "are: 'auto' and 'required'.");
        }
        JsonNode tools = choice.get("tools");
        if (tools == null || !tools.isArray()) {
            throw GatewayException.invalid("tool_choice.tools", "Missing required parameter: 'tool_choice.tools'.");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tool_choice.tools[" + i + "]";
            if (!"function".equals(optString(tools.get(i), "type", path + ".type").orElse(""))) {
                return Optional.empty();
            }
            names.add(requireString(tools.get(i), "name", path + ".name"));
        }
        return Optional.of(new ToolChoice.Allowed(names, mode.equals("required")));
    }

    static JsonNode writeChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> Json.MAPPER.getNodeFactory().stringNode("auto");
            case ToolChoice.None n -> Json.MAPPER.getNodeFactory().stringNode("none");
            case ToolChoice.Required r -> Json.MAPPER.getNodeFactory().stringNode("required");
            case ToolChoice.Named named -> Json.object().put("type", "function").put("name", named.name());
            case ToolChoice.Allowed allowed -> {
                ObjectNode o = Json.object().put("type", "allowed_tools")
                        .put("mode", allowed.required() ? "required" : "auto");
                ArrayNode tools = o.putArray("tools");
                allowed.names().forEach(n -> tools.addObject().put("type", "function").put("name", n));
                yield o;
            }
        };
    }

    private static JsonNode emptySchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
