package dev.junction.dialect.gemini;

import static dev.junction.dialect.gemini.GeminiJson.get;

import dev.junction.json.Json;
import dev.junction.model.GatewayException;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tools} and {@code toolConfig} ⇄ canonical tool definitions and tool choice. Function declarations are
 * canonical; hosted tools ({@code googleSearch}, {@code codeExecution}, {@code urlContext}, …) are Gemini extensions,
 * written after the declarations.
 */
final class GeminiTools {

    private GeminiTools() {}

    /** The declarations of a {@code tools} array, and its other tool objects (into {@code hosted}). */
    static List<ToolDefinition> read(JsonNode tools, ArrayNode hosted) {
        if (tools == null) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw GatewayException.invalid("tools", "Invalid value at 'tools': expected an array of Tool.");
        }
        List<ToolDefinition> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            String path = "tools[" + i + "]";
            JsonNode tool = GeminiParts.object(tools.get(i), path);
            ObjectNode other = Json.object();
            for (Map.Entry<String, JsonNode> field : tool.properties()) {
                if (GeminiJson.camel(field.getKey()).equals("functionDeclarations")) {
                    readDeclarations(field.getValue(), path + ".functionDeclarations", out);
                } else {
                    other.set(field.getKey(), field.getValue());
                }
            }
            if (!other.isEmpty()) {
                hosted.add(other);
            }
        }
        return out;
    }

    private static void readDeclarations(JsonNode declarations, String path, List<ToolDefinition> out) {
        if (!declarations.isArray()) {
            throw GatewayException.invalid(path, "Invalid value at '" + path + "': expected an array.");
        }
        for (int j = 0; j < declarations.size(); j++) {
            String at = path + "[" + j + "]";
            JsonNode fn = GeminiParts.object(declarations.get(j), at);
            String name = Json.requireString(fn, "name", at + ".name");
            if (name.isEmpty()) {
                throw GatewayException.invalid(at + ".name", "Invalid value at '" + at + ".name': must not be "
                        + "empty.");
            }
            JsonNode params = get(fn, "parameters");
            JsonNode jsonSchema = get(fn, "parametersJsonSchema");
            if (params != null && jsonSchema != null) {
                throw GatewayException.invalid(at, "Invalid value at '" + at + "': set either 'parameters' or "
                        + "'parametersJsonSchema', not both.");
            }
            JsonNode schema = params != null ? params : jsonSchema;
            if (schema != null && !schema.isObject()) {
                throw GatewayException.invalid(at + ".parameters", "Invalid value at '" + at + ".parameters': "
                        + "expected a Schema object.");
            }
            out.add(new ToolDefinition(name, Json.optString(fn, "description", at + ".description"),
                    schema == null ? emptySchema() : schema, Optional.empty()));
        }
    }

    /** The schema of a function without parameters, as the OpenAI mapper writes it. */
    private static ObjectNode emptySchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    /**
     * The {@code tools} array: one Tool of all declarations, then the hosted tools. A schema in Gemini's OpenAPI
     * dialect goes in {@code parameters}, any other (JSON Schema from other dialects) in {@code parametersJsonSchema}.
     */
    static Optional<ArrayNode> write(List<ToolDefinition> tools, Optional<ArrayNode> hosted) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (!tools.isEmpty()) {
            ArrayNode declarations = out.addObject().putArray("functionDeclarations");
            for (ToolDefinition tool : tools) {
                ObjectNode fn = declarations.addObject().put("name", tool.name());
                tool.description().ifPresent(d -> fn.put("description", d));
                if (!tool.parameters().equals(emptySchema())) {
                    fn.set(GeminiJson.isOpenApiSchema(tool.parameters()) ? "parameters" : "parametersJsonSchema",
                            tool.parameters());
                }
            }
        }
        hosted.ifPresent(h -> h.forEach(t -> out.add(t.deepCopy())));
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** The tool choice of a {@code toolConfig}; Gemini's VALIDATED mode is read as the model deciding. */
    static Optional<ToolChoice> readChoice(JsonNode toolConfig) {
        if (toolConfig == null) {
            return Optional.empty();
        }
        JsonNode config = get(GeminiParts.object(toolConfig, "toolConfig"), "functionCallingConfig");
        if (config == null) {
            return Optional.empty();
        }
        String path = "toolConfig.functionCallingConfig";
        GeminiParts.object(config, path);
        String mode = Json.optString(config, "mode", path + ".mode").orElse("AUTO");
        List<String> names = new ArrayList<>();
        JsonNode allowed = get(config, "allowedFunctionNames");
        if (allowed != null) {
            if (!allowed.isArray()) {
                throw GatewayException.invalid(path + ".allowedFunctionNames", "Invalid value at '" + path
                        + ".allowedFunctionNames': expected an array of strings.");
            }
            for (JsonNode name : allowed) {
                if (!name.isString()) {
                    throw GatewayException.invalid(path + ".allowedFunctionNames", "Invalid value at '" + path
                            + ".allowedFunctionNames': expected strings.");
                }
                names.add(name.stringValue());
            }
        }
        return Optional.of(switch (mode) {
            case "AUTO", "VALIDATED", "MODE_UNSPECIFIED" -> names.isEmpty() ? new ToolChoice.Auto()
                    : new ToolChoice.Allowed(names, false);
            case "ANY" -> names.isEmpty() ? new ToolChoice.Required()
                    : names.size() == 1 ? new ToolChoice.Named(names.getFirst()) : new ToolChoice.Allowed(names, true);
            case "NONE" -> new ToolChoice.None();
            default -> throw GatewayException.invalid(path + ".mode", "Invalid value at '" + path + ".mode': '"
                    + mode + "'. Supported values are AUTO, ANY, NONE and VALIDATED.");
        });
    }

    /** The {@code toolConfig} for a tool choice. */
    static ObjectNode writeChoice(ToolChoice choice) {
        ObjectNode config = Json.object();
        ObjectNode fcc = config.putObject("functionCallingConfig");
        switch (choice) {
            case ToolChoice.Auto a -> fcc.put("mode", "AUTO");
            case ToolChoice.None n -> fcc.put("mode", "NONE");
            case ToolChoice.Required r -> fcc.put("mode", "ANY");
            case ToolChoice.Named named -> fcc.put("mode", "ANY").putArray("allowedFunctionNames").add(named.name());
            case ToolChoice.Allowed allowed -> {
                fcc.put("mode", allowed.required() ? "ANY" : "AUTO");
                ArrayNode names = fcc.putArray("allowedFunctionNames");
                allowed.names().forEach(names::add);
            }
        }
        return config;
    }
}
