package dev.junction.dialect.anthropic;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
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
 * {@code tools} and {@code tool_choice}, in both directions. Custom tools map to {@link ToolDefinition}s; server
 * tools (a {@code type} other than {@code custom}: web search, code execution, …) have no canonical meaning and are
 * returned separately so the request mapper keeps them as extensions.
 */
final class AnthropicTools {

    private AnthropicTools() {}

    /** The tools of a request, split into custom tools and server tools (kept as sent). */
    record Read(List<ToolDefinition> custom, ArrayNode server) {}

    static Read read(JsonNode tools) {
        List<ToolDefinition> custom = new ArrayList<>();
        ArrayNode server = Json.MAPPER.createArrayNode();
        if (tools == null || tools.isNull()) {
            return new Read(custom, server);
        }
        if (!tools.isArray()) {
            throw GatewayException.invalid("tools", "tools: Input should be a valid list");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools." + i;
            if (!tool.isObject()) {
                throw GatewayException.invalid(path, path + ": Input should be an object");
            }
            String type = optString(tool, "type", path + ".type").orElse("custom");
            if (!type.equals("custom")) {
                server.add(tool);
                continue;
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject()) {
                throw GatewayException.invalid(path + ".input_schema", path + ".input_schema: Field required");
            }
            custom.add(new ToolDefinition(requireString(tool, "name", path + ".name"),
                    optString(tool, "description", path + ".description"), schema,
                    optBoolean(tool, "strict", path + ".strict")));
        }
        return new Read(custom, server);
    }

    /** The tool choice and whether parallel calls were disabled ({@code disable_parallel_tool_use}). */
    record Choice(Optional<ToolChoice> choice, Optional<Boolean> parallelToolCalls) {}

    static Choice readChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return new Choice(Optional.empty(), Optional.empty());
        }
        if (!choice.isObject()) {
            throw GatewayException.invalid("tool_choice", "tool_choice: Input should be an object");
        }
        String type = requireString(choice, "type", "tool_choice.type");
        ToolChoice mapped = switch (type) {
            case "auto" -> new ToolChoice.Auto();
            case "any" -> new ToolChoice.Required();
            case "none" -> new ToolChoice.None();
            case "tool" -> new ToolChoice.Named(requireString(choice, "name", "tool_choice.name"));
            default -> throw GatewayException.invalid("tool_choice.type", "tool_choice.type: Input should be "
                    + "'auto', 'any', 'tool' or 'none'");
        };
        boolean serial = optBoolean(choice, "disable_parallel_tool_use", "tool_choice.disable_parallel_tool_use")
                .orElse(false);
        return new Choice(Optional.of(mapped), serial ? Optional.of(false) : Optional.empty());
    }

    /** The custom tools to send: all of them, or only the allowed subset of an {@link ToolChoice.Allowed}. */
    static ArrayNode write(ChatRequest request) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Optional<List<String>> allowed = request.toolChoice()
                .filter(ToolChoice.Allowed.class::isInstance)
                .map(c -> ((ToolChoice.Allowed) c).names());
        for (ToolDefinition tool : request.tools()) {
            if (allowed.isPresent() && !allowed.get().contains(tool.name())) {
                continue;
            }
            ObjectNode t = out.addObject().put("name", tool.name());
            tool.description().ifPresent(d -> t.put("description", d));
            t.set("input_schema", tool.parameters());
            tool.strict().ifPresent(s -> t.put("strict", s));
        }
        return out;
    }

    /**
     * The {@code tool_choice} object, if one is needed. Forcing a tool is not allowed while the model thinks: it is
     * downgraded to {@code auto} and reported in {@code dropped} by the caller (see {@code forced}).
     */
    static Optional<ObjectNode> writeChoice(ChatRequest request, boolean thinking) {
        boolean serial = request.parallelToolCalls().filter(p -> !p).isPresent();
        Optional<ObjectNode> choice = request.toolChoice().map(c -> switch (c) {
            case ToolChoice.Auto a -> type("auto");
            case ToolChoice.None n -> type("none");
            case ToolChoice.Required r -> type(thinking ? "auto" : "any");
            case ToolChoice.Named named -> thinking ? type("auto") : type("tool").put("name", named.name());
            case ToolChoice.Allowed allowed -> type(allowed.required() && !thinking ? "any" : "auto");
        });
        if (serial && !request.tools().isEmpty()) {
            ObjectNode node = choice.orElseGet(() -> type("auto"));
            if (!node.path("type").asString("").equals("none")) {
                node.put("disable_parallel_tool_use", true);
            }
            return Optional.of(node);
        }
        return choice;
    }

    /** Whether the request forces a tool call, which thinking does not allow. */
    static boolean forced(ChatRequest request) {
        return request.toolChoice().filter(c -> c instanceof ToolChoice.Required || c instanceof ToolChoice.Named
                || c instanceof ToolChoice.Allowed a && a.required()).isPresent();
    }

    private static ObjectNode type(String type) {
        return Json.object().put("type", type);
    }
}
