package dev.junction.dialect.openai;

import static dev.junction.json.Json.optBoolean;
import static dev.junction.json.Json.optDouble;
import static dev.junction.json.Json.optInt;
import static dev.junction.json.Json.optLong;
import static dev.junction.json.Json.optString;
import static dev.junction.json.Json.requireString;

import dev.junction.dialect.responses.ResponsesOnlyFeatures;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Reasoning;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Sampling;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a Chat Completions request body to the canonical {@link ChatRequest} and back. Fields without a canonical
 * meaning are kept as {@link Extensions} of {@link Dialect#OPENAI_CHAT}. Invalid input fails with a
 * {@link GatewayException} carrying a 400 that names the offending field.
 */
public final class OpenAiRequestMapper {

    /** Top-level fields the canonical model represents; every other field is an extension. */
    private static final Set<String> MAPPED = Set.of("model", "messages", "tools", "tool_choice",
            "parallel_tool_calls", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "seed",
            "presence_penalty", "frequency_penalty", "n", "logprobs", "top_logprobs", "response_format",
            "reasoning_effort", "stream", "stream_options", "metadata", "user");

    private OpenAiRequestMapper() {}

    /** Reads a request body. */
    public static ChatRequest toCanonical(ObjectNode body) {
        String model = requireString(body, "model", "model");
        if (model.isBlank()) {
            throw GatewayException.invalid("model", "Invalid 'model': must not be empty.");
        }
        if (model.length() > 256 || model.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // The name ends up in response headers and logs: control characters would corrupt both.
            throw GatewayException.invalid("model", "Invalid 'model': at most 256 characters, no control characters.");
        }
        boolean stream = optBoolean(body, "stream", "stream").orElse(false);
        boolean includeUsage = false;
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && streamOptions.isObject()) {
            includeUsage = optBoolean(streamOptions, "include_usage", "stream_options.include_usage").orElse(false);
        }
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        return new ChatRequest(model, OpenAiMessages.read(body.get("messages")), readTools(body.get("tools")),
                readToolChoice(body.get("tool_choice")), optBoolean(body, "parallel_tool_calls", "parallel_tool_calls"),
                readSampling(body), readResponseFormat(body.get("response_format")),
                optString(body, "reasoning_effort", "reasoning_effort").map(Reasoning::ofEffort), stream, includeUsage,
                readMetadata(body.get("metadata")), optString(body, "user", "user"),
                Extensions.of(Dialect.OPENAI_CHAT, extra));
    }

    /** Writes a request body, ignoring what Chat Completions cannot express. */
    public static ObjectNode fromCanonical(ChatRequest request) {
        return fromCanonical(request, new java.util.LinkedHashSet<>());
    }

    /**
     * Writes a request body for an OpenAI-dialect upstream. Extensions of this dialect are restored; other dialects'
     * extensions are ignored. What Chat Completions cannot express ({@code top_k}, a fifth stop sequence, other
     * dialects' opaque blocks) is left out and named in {@code dropped}; reasoning text and signatures from other
     * providers are left out silently, since no OpenAI model could use them. The Responses API's built-in tools fail
     * with a 400 ({@link ResponsesOnlyFeatures}).
     */
    public static ObjectNode fromCanonical(ChatRequest request, java.util.Set<String> dropped) {
        ResponsesOnlyFeatures.check(request, "OpenAI Chat Completions", dropped);
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.set("messages", OpenAiMessages.write(request.messages(), dropped));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
                fn.put("name", tool.name());
                tool.description().ifPresent(d -> fn.put("description", d));
                fn.set("parameters", tool.parameters());
                tool.strict().ifPresent(s -> fn.put("strict", s));
            }
        }
        request.toolChoice().ifPresent(choice -> body.set("tool_choice", writeToolChoice(choice)));
        request.parallelToolCalls().ifPresent(p -> body.put("parallel_tool_calls", p));
        writeSampling(request.sampling(), body, dropped);
        request.responseFormat().ifPresent(f -> body.set("response_format", writeResponseFormat(f)));
        request.reasoning().ifPresent(r -> body.put("reasoning_effort", r.level()));
        if (request.stream()) {
            body.put("stream", true);
            if (request.includeUsage()) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        if (!request.metadata().isEmpty()) {
            ObjectNode md = body.putObject("metadata");
            request.metadata().forEach(md::put);
        }
        request.user().ifPresent(u -> body.put("user", u));
        request.extensions().get(Dialect.OPENAI_CHAT).ifPresent(ext -> ext.properties()
                .forEach(e -> body.set(e.getKey(), e.getValue())));
        return body;
    }

    private static List<ToolDefinition> readTools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw GatewayException.invalid("tools", "Invalid type for 'tools': expected an array.");
        }
        List<ToolDefinition> out = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            String type = optString(tool, "type", path + ".type").orElse("function");
            if (!type.equals("function")) {
                throw GatewayException.invalid(path + ".type", "Unsupported tool type '" + type
                        + "' in '" + path + "': only function tools are supported.");
            }
            JsonNode fn = tool.get("function");
            if (fn == null || !fn.isObject()) {
                throw GatewayException.invalid(path + ".function", "Missing required parameter: '" + path
                        + ".function'.");
            }
            JsonNode params = fn.get("parameters");
            out.add(new ToolDefinition(requireString(fn, "name", path + ".function.name"),
                    optString(fn, "description", path + ".function.description"),
                    params == null || params.isNull() ? emptySchema() : params,
                    optBoolean(fn, "strict", path + ".function.strict")));
        }
        return out;
    }

    private static JsonNode emptySchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties");
        return schema;
    }

    private static Optional<ToolChoice> readToolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return Optional.empty();
        }
        if (choice.isString()) {
            return Optional.of(switch (choice.stringValue()) {
                case "auto" -> new ToolChoice.Auto();
                case "none" -> new ToolChoice.None();
                case "required" -> new ToolChoice.Required();
                default -> throw GatewayException.invalid("tool_choice", "Invalid value for 'tool_choice': '"
                        + choice.stringValue() + "'. Supported values are: 'none', 'auto', and 'required'.");
            });
        }
        String type = optString(choice, "type", "tool_choice.type").orElse("");
        if (type.equals("function")) {
            JsonNode fn = choice.path("function");
            return Optional.of(new ToolChoice.Named(requireString(fn, "name", "tool_choice.function.name")));
        }
        if (type.equals("allowed_tools")) {
            JsonNode allowed = choice.path("allowed_tools");
            List<String> names = new ArrayList<>();
            for (JsonNode t : allowed.path("tools")) {
                names.add(requireString(t.path("function"), "name", "tool_choice.allowed_tools.tools[].function.name"));
            }
            boolean required = "required".equals(allowed.path("mode").asString(""));
            return Optional.of(new ToolChoice.Allowed(names, required));
        }
        throw GatewayException.invalid("tool_choice", "Invalid value for 'tool_choice.type': '" + type + "'.");
    }

    private static JsonNode writeToolChoice(ToolChoice choice) {
        return switch (choice) {
            case ToolChoice.Auto a -> Json.MAPPER.getNodeFactory().stringNode("auto");
            case ToolChoice.None n -> Json.MAPPER.getNodeFactory().stringNode("none");
            case ToolChoice.Required r -> Json.MAPPER.getNodeFactory().stringNode("required");
            case ToolChoice.Named named -> {
                ObjectNode o = Json.object().put("type", "function");
                o.putObject("function").put("name", named.name());
                yield o;
            }
            case ToolChoice.Allowed allowed -> {
                ObjectNode o = Json.object().put("type", "allowed_tools");
                ObjectNode inner = o.putObject("allowed_tools").put("mode", allowed.required() ? "required" : "auto");
                ArrayNode tools = inner.putArray("tools");
                allowed.names().forEach(n -> tools.addObject().put("type", "function")
                        .putObject("function").put("name", n));
                yield o;
            }
        };
    }

    private static Sampling readSampling(ObjectNode body) {
        OptionalInt maxTokens = optInt(body, "max_completion_tokens", "max_completion_tokens");
        if (maxTokens.isEmpty()) {
            maxTokens = optInt(body, "max_tokens", "max_tokens");
        }
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw GatewayException.invalid("max_tokens", "Invalid 'max_tokens': must be at least 1.");
        }
        OptionalInt n = optInt(body, "n", "n");
        if (n.isPresent() && n.getAsInt() < 1) {
            throw GatewayException.invalid("n", "Invalid 'n': must be at least 1.");
        }
        return new Sampling(maxTokens, optDouble(body, "temperature", "temperature"), optDouble(body, "top_p", "top_p"),
                OptionalInt.empty(), readStop(body.get("stop")), optLong(body, "seed", "seed"),
                optDouble(body, "presence_penalty", "presence_penalty"),
                optDouble(body, "frequency_penalty", "frequency_penalty"), n,
                optBoolean(body, "logprobs", "logprobs"), optInt(body, "top_logprobs", "top_logprobs"));
    }

    private static List<String> readStop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isString()) {
            return List.of(stop.stringValue());
        }
        if (!stop.isArray()) {
            throw GatewayException.invalid("stop", "Invalid type for 'stop': expected a string or an array.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isString()) {
                throw GatewayException.invalid("stop", "Invalid type for 'stop[]': expected strings.");
            }
            out.add(s.stringValue());
        }
        return out;
    }

    /** OpenAI accepts at most four stop sequences. */
    private static final int MAX_STOP = 4;

    private static void writeSampling(Sampling s, ObjectNode body, java.util.Set<String> dropped) {
        s.maxTokens().ifPresent(v -> body.put("max_completion_tokens", v));
        s.temperature().ifPresent(v -> body.put("temperature", v));
        s.topP().ifPresent(v -> body.put("top_p", v));
        if (s.topK().isPresent()) {
            dropped.add("top_k");
        }
        if (s.stop().size() == 1) {
            body.put("stop", s.stop().getFirst());
        } else if (!s.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            s.stop().stream().limit(MAX_STOP).forEach(stop::add);
            if (s.stop().size() > MAX_STOP) {
                dropped.add("stop");
            }
        }
        s.seed().ifPresent(v -> body.put("seed", v));
        s.presencePenalty().ifPresent(v -> body.put("presence_penalty", v));
        s.frequencyPenalty().ifPresent(v -> body.put("frequency_penalty", v));
        s.n().ifPresent(v -> body.put("n", v));
        s.logprobs().ifPresent(v -> body.put("logprobs", v));
        s.topLogprobs().ifPresent(v -> body.put("top_logprobs", v));
    }

    private static Optional<ResponseFormat> readResponseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return Optional.empty();
        }
        String type = requireString(format, "type", "response_format.type");
        return Optional.of(switch (type) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                JsonNode js = format.path("json_schema");
                JsonNode schema = js.get("schema");
                yield new ResponseFormat.JsonSchema(requireString(js, "name", "response_format.json_schema.name"),
                        optString(js, "description", "response_format.json_schema.description"),
                        schema == null || schema.isNull() ? Json.object() : schema,
                        optBoolean(js, "strict", "response_format.json_schema.strict"));
            }
            default -> throw GatewayException.invalid("response_format.type", "Invalid value for "
                    + "'response_format.type': '" + type + "'. Supported values are: 'text', 'json_object', "
                    + "and 'json_schema'.");
        });
    }

    private static JsonNode writeResponseFormat(ResponseFormat format) {
        return switch (format) {
            case ResponseFormat.Text t -> Json.object().put("type", "text");
            case ResponseFormat.JsonObject j -> Json.object().put("type", "json_object");
            case ResponseFormat.JsonSchema js -> {
                ObjectNode o = Json.object().put("type", "json_schema");
                ObjectNode inner = o.putObject("json_schema").put("name", js.name());
                js.description().ifPresent(d -> inner.put("description", d));
                inner.set("schema", js.schema());
                js.strict().ifPresent(s -> inner.put("strict", s));
                yield o;
            }
        };
    }

    private static Map<String, String> readMetadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw GatewayException.invalid("metadata", "Invalid type for 'metadata': expected an object.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (!e.getValue().isString()) {
                throw new GatewayException(new GatewayError.InvalidRequest("Invalid type for 'metadata."
                        + e.getKey() + "': expected a string.", Optional.of("metadata"), Optional.of("invalid_type")));
            }
            out.put(e.getKey(), e.getValue().stringValue());
        }
        return out;
    }
}
