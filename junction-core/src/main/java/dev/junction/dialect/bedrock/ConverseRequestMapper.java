package dev.junction.dialect.bedrock;

import dev.junction.dialect.responses.ResponsesOnlyFeatures;
import dev.junction.json.Json;
import dev.junction.model.ChatRequest;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.MediaSource;
import dev.junction.model.Message;
import dev.junction.model.ResponseFormat;
import dev.junction.model.Role;
import dev.junction.model.Sampling;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.ToolChoice;
import dev.junction.model.ToolDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a canonical request as a Converse body (the model goes in the URL): system and developer messages become
 * {@code system}, the turns become {@code messages} of content blocks ({@code text}, {@code image},
 * {@code document}, {@code toolUse}, {@code toolResult}, {@code reasoningContent}), consecutive turns of one role
 * merged as Converse requires, tool results sent as a user turn; sampling goes in {@code inferenceConfig}, tools and
 * the tool choice in {@code toolConfig}, a JSON schema in {@code outputConfig}, and what Converse has no field for ({@code top_k}, a thinking budget) in
 * {@code additionalModelRequestFields}, which Bedrock hands to the model. What Bedrock cannot express is left out and
 * named in {@code dropped}. Pure functions; thread safe.
 */
public final class ConverseRequestMapper {

    private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
    private static final Set<String> DOCUMENT_FORMATS = Set.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html",
            "txt", "md");

    private ConverseRequestMapper() {}

    /**
     * The Converse body for {@code request}.
     *
     * @throws GatewayException (400) for media Bedrock cannot take, and for the Responses API's built-in tools
     */
    public static ObjectNode fromCanonical(ChatRequest request, Set<String> dropped) {
        ResponsesOnlyFeatures.check(request, "Bedrock", dropped);
        ObjectNode body = Json.object();
        ArrayNode system = Json.MAPPER.createArrayNode();
        ArrayNode messages = Json.MAPPER.createArrayNode();
        for (Message message : request.messages()) {
            if (message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER) {
                String text = message.joinedText();
                if (!text.isEmpty()) {
                    system.addObject().put("text", text);
                }
                continue;
            }
            String role = message.role() == Role.ASSISTANT ? "assistant" : "user";
            ArrayNode content = turn(messages, role);
            message.content().forEach(part -> block(part, content, dropped));
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("content").isEmpty()) {
                messages.remove(i);
            }
        }
        if (!system.isEmpty()) {
            body.set("system", system);
        }
        body.set("messages", messages);
        ObjectNode additional = Json.object();
        inference(request.sampling(), body, additional, dropped);
        toolConfig(request, messages, dropped).ifPresent(t -> body.set("toolConfig", t));
        reasoning(request, body, additional);
        request.extensions().get(Dialect.BEDROCK_CONVERSE).ifPresent(ext -> ext.properties()
                .forEach(f -> body.set(f.getKey(), f.getValue().deepCopy())));
        if (!additional.isEmpty()) {
            body.set("additionalModelRequestFields", additional);
        }
        request.responseFormat().ifPresent(f -> outputFormat(f, body, dropped));
        request.user().ifPresent(u -> dropped.add("user"));
        if (!request.metadata().isEmpty()) {
            body.putObject("requestMetadata").setAll(metadata(request));
        }
        return body;
    }

    private static ObjectNode metadata(ChatRequest request) {
        ObjectNode out = Json.object();
        request.metadata().forEach(out::put);
        return out;
    }

    /** The content of the last turn if it is {@code role}'s, else of a new turn. */
    private static ArrayNode turn(ArrayNode messages, String role) {
        if (!messages.isEmpty() && messages.get(messages.size() - 1).path("role").asString("").equals(role)) {
            return (ArrayNode) messages.get(messages.size() - 1).get("content");
        }
        ObjectNode turn = messages.addObject().put("role", role);
        return turn.putArray("content");
    }

    private static void block(ContentPart part, ArrayNode content, Set<String> dropped) {
        switch (part) {
            case ContentPart.Text t -> {
                if (!t.text().isEmpty()) {
                    content.addObject().put("text", t.text());
                }
            }
            case ContentPart.Refusal r -> content.addObject().put("text", r.text());
            case ContentPart.Image i -> content.addObject().set("image", media(i.source(), "image", Optional.empty()));
            case ContentPart.Document d -> content.addObject().set("document",
                    media(d.source(), "document", d.filename()));
            case ContentPart.Audio a -> dropped.add("audio");
            case ContentPart.ToolCall c -> content.addObject().putObject("toolUse").put("toolUseId", c.id())
                    .put("name", c.name()).set("input", arguments(c.arguments()));
            case ContentPart.ToolResult r -> content.addObject().set("toolResult", toolResult(r, dropped));
            case ContentPart.Thinking t -> thinking(t, content);
            case ContentPart.Opaque o -> {
                if (o.dialect() == Dialect.BEDROCK_CONVERSE) {
                    content.add(o.raw().deepCopy());
                }
            }
        }
    }

    private static ObjectNode toolResult(ContentPart.ToolResult result, Set<String> dropped) {
        ObjectNode out = Json.object().put("toolUseId", result.toolCallId());
        ArrayNode content = out.putArray("content");
        for (ContentPart part : result.content()) {
            switch (part) {
                case ContentPart.Text t -> {
                    Optional<JsonNode> json = Json.tryParse(t.text()).filter(JsonNode::isObject);
                    if (json.isPresent()) {
                        content.addObject().set("json", json.get());
                    } else {
                        content.addObject().put("text", t.text());
                    }
                }
                case ContentPart.Image i -> content.addObject().set("image", media(i.source(), "image",
                        Optional.empty()));
                case ContentPart.Document d -> content.addObject().set("document", media(d.source(), "document",
                        d.filename()));
                default -> dropped.add("tool_result_content");
            }
        }
        if (content.isEmpty()) {
            content.addObject().put("text", "");
        }
        out.put("status", result.isError() ? "error" : "success");
        return out;
    }

    /**
     * Thinking goes back only when Bedrock signed it (Claude's tool loops need their signed thinking); thinking of
     * other providers cannot be verified by Bedrock and is left out.
     */
    private static void thinking(ContentPart.Thinking thinking, ArrayNode content) {
        Optional<String> signature = thinking.signature()
                .flatMap(s -> ThoughtSignature.forUpstream(Dialect.BEDROCK_CONVERSE, s));
        if (signature.isEmpty()) {
            return;
        }
        ObjectNode reasoning = content.addObject().putObject("reasoningContent");
        if (thinking.redacted()) {
            reasoning.put("redactedContent", signature.get());
        } else {
            reasoning.putObject("reasoningText").put("text", thinking.text()).put("signature", signature.get());
        }
    }

    private static JsonNode arguments(String arguments) {
        return Json.tryParse(arguments.isBlank() ? "{}" : arguments).filter(JsonNode::isObject)
                .orElseGet(() -> Json.object());
    }

    private static ObjectNode media(MediaSource source, String kind, Optional<String> name) {
        String mediaType;
        String data;
        switch (source) {
            case MediaSource.Base64 b -> {
                mediaType = b.mediaType();
                data = b.data();
            }
            case MediaSource.Url u when u.url().startsWith("data:") && u.url().contains(";base64,") -> {
                mediaType = u.url().substring("data:".length(), u.url().indexOf(';'));
                data = u.url().substring(u.url().indexOf(";base64,") + ";base64,".length());
            }
            default -> throw invalid("Bedrock takes " + kind + "s as inline base64 data only; this one is "
                    + (source instanceof MediaSource.FileRef ? "a file reference." : "a URL it cannot read."));
        }
        String format = format(mediaType, kind);
        ObjectNode out = Json.object().put("format", format);
        if (kind.equals("document")) {
            out.put("name", documentName(name.orElse("document")));
        }
        out.putObject("source").put("bytes", data);
        return out;
    }

    private static String format(String mediaType, String kind) {
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        String format = switch (subtype) {
            case "jpg" -> "jpeg";
            case "plain" -> "txt";
            case "markdown" -> "md";
            case "msword" -> "doc";
            case "vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            case "vnd.ms-excel" -> "xls";
            case "vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "xlsx";
            default -> subtype;
        };
        Set<String> allowed = kind.equals("image") ? IMAGE_FORMATS : DOCUMENT_FORMATS;
        if (!allowed.contains(format)) {
            throw invalid("Bedrock does not take " + kind + "s of type '" + mediaType + "' (it takes "
                    + String.join(", ", new java.util.TreeSet<>(allowed)) + ").");
        }
        return format;
    }

    /** Bedrock allows letters, digits, spaces, hyphens, parentheses and brackets in a document's name. */
    private static String documentName(String name) {
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String cleaned = base.replaceAll("[^A-Za-z0-9 ()\\[\\]-]", "-").strip();
        return cleaned.isEmpty() ? "document" : cleaned;
    }

    private static void inference(Sampling sampling, ObjectNode body, ObjectNode additional, Set<String> dropped) {
        ObjectNode config = Json.object();
        sampling.maxTokens().ifPresent(m -> config.put("maxTokens", m));
        sampling.temperature().ifPresent(t -> config.put("temperature", t));
        sampling.topP().ifPresent(p -> config.put("topP", p));
        if (!sampling.stop().isEmpty()) {
            ArrayNode stop = config.putArray("stopSequences");
            sampling.stop().forEach(stop::add);
        }
        sampling.topK().ifPresent(k -> additional.put("top_k", k));
        sampling.seed().ifPresent(s -> dropped.add("seed"));
        sampling.presencePenalty().ifPresent(p -> dropped.add("presence_penalty"));
        sampling.frequencyPenalty().ifPresent(p -> dropped.add("frequency_penalty"));
        sampling.n().stream().filter(n -> n > 1).findAny().ifPresent(n -> dropped.add("n"));
        sampling.logprobs().filter(l -> l).ifPresent(l -> dropped.add("logprobs"));
        if (!config.isEmpty()) {
            body.set("inferenceConfig", config);
        }
    }

    /**
     * The tool configuration. Converse has no "none" choice: without earlier tool calls the tools are left out;
     * with them Bedrock requires the tools, so they stay and the choice is named as dropped.
     */
    private static Optional<ObjectNode> toolConfig(ChatRequest request, ArrayNode messages, Set<String> dropped) {
        if (request.tools().isEmpty()) {
            return Optional.empty();
        }
        Optional<ToolChoice> choice = request.toolChoice();
        List<ToolDefinition> tools = request.tools();
        if (choice.orElse(null) instanceof ToolChoice.None) {
            if (!usesTools(messages)) {
                return Optional.empty();
            }
            dropped.add("tool_choice");
            choice = Optional.empty();
        }
        if (choice.orElse(null) instanceof ToolChoice.Allowed allowed) {
            tools = tools.stream().filter(t -> allowed.names().contains(t.name())).toList();
            choice = Optional.of(allowed.required() ? new ToolChoice.Required() : new ToolChoice.Auto());
        }
        ObjectNode config = Json.object();
        ArrayNode specs = config.putArray("tools");
        for (ToolDefinition tool : tools) {
            ObjectNode spec = specs.addObject().putObject("toolSpec").put("name", tool.name());
            tool.description().ifPresent(d -> spec.put("description", d));
            JsonNode schema = tool.parameters() == null || tool.parameters().isNull()
                    ? Json.object().put("type", "object") : tool.parameters();
            spec.putObject("inputSchema").set("json", schema);
        }
        choice.ifPresent(c -> {
            switch (c) {
                case ToolChoice.Auto a -> config.putObject("toolChoice").putObject("auto");
                case ToolChoice.Required r -> config.putObject("toolChoice").putObject("any");
                case ToolChoice.Named n -> config.putObject("toolChoice").putObject("tool").put("name", n.name());
                default -> { }
            }
        });
        if (request.parallelToolCalls().filter(p -> !p).isPresent()) {
            dropped.add("parallel_tool_calls");
        }
        return Optional.of(config);
    }

    private static boolean usesTools(ArrayNode messages) {
        for (JsonNode m : messages) {
            for (JsonNode block : m.path("content")) {
                if (block.has("toolUse") || block.has("toolResult")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A reasoning request as Claude's {@code thinking} (the models on Bedrock that think take it). */
    private static void reasoning(ChatRequest request, ObjectNode body, ObjectNode additional) {
        request.reasoning().ifPresent(r -> {
            if (r.disabled()) {
                return;
            }
            int budget = Math.max(1024, r.budget());
            additional.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
            ObjectNode config = body.has("inferenceConfig") ? (ObjectNode) body.get("inferenceConfig")
                    : body.putObject("inferenceConfig");
            if (config.path("maxTokens").asInt(0) <= budget) {
                config.put("maxTokens", budget + 4096); // Claude's answer needs room beyond the thinking budget
            }
            config.remove("temperature"); // Claude takes no temperature while thinking
            config.remove("topP");
        });
    }

    /**
     * A JSON schema as Converse's structured output ({@code outputConfig.textFormat}, the schema as a JSON string);
     * Converse has no "any JSON object" mode, so that one is dropped.
     */
    private static void outputFormat(ResponseFormat format, ObjectNode body, Set<String> dropped) {
        switch (format) {
            case ResponseFormat.JsonSchema s -> {
                ObjectNode schema = body.putObject("outputConfig").putObject("textFormat").put("type", "json_schema")
                        .putObject("structure").putObject("jsonSchema").put("name", s.name())
                        .put("schema", Json.write(s.schema()));
                s.description().ifPresent(d -> schema.put("description", d));
            }
            case ResponseFormat.JsonObject o -> dropped.add("response_format");
            case ResponseFormat.Text t -> { }
        }
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(new GatewayError.InvalidRequest(message, Optional.of("messages"),
                Optional.empty()));
    }
}
