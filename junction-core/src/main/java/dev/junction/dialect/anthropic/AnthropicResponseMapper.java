package dev.junction.dialect.anthropic;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a non-streaming Messages response ({@code "type":"message"}) to the canonical {@link ChatResponse} and back.
 * Signatures are tagged as Anthropic's on the way in and shown raw to Anthropic clients on the way out. Fields
 * without a canonical meaning ({@code stop_sequence}, {@code container}, {@code stop_details}, the usage's
 * {@code cache_creation} breakdown and {@code service_tier}) are kept as extensions of {@link Dialect#ANTHROPIC}.
 * Pure functions; thread safe.
 */
public final class AnthropicResponseMapper {

    private static final Set<String> MAPPED = Set.of("id", "type", "role", "model", "content", "stop_reason",
            "stop_sequence", "usage");
    private static final Set<String> USAGE_COUNTERS = Set.of("input_tokens", "output_tokens",
            "cache_creation_input_tokens", "cache_read_input_tokens");
    private static final String USAGE = "usage";

    private AnthropicResponseMapper() {}

    /**
     * Reads an upstream's response body. Lenient about details (upstreams are trusted to be roughly right), but a
     * body that is not an object fails with a {@link GatewayException} (a bad gateway).
     */
    public static ChatResponse toCanonical(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException(new GatewayError.BadGateway(
                    "The upstream returned a body that is not an Anthropic message.", false));
        }
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            parts.add(readBlock(block));
        }
        Optional<FinishReason> reason = AnthropicStopReasons.read(body.path("stop_reason").stringValue(null));
        Choice choice = new Choice(0, new Message(Role.ASSISTANT, parts, Optional.empty()), reason, List.of());
        return new ChatResponse(body.path("id").asString(""), body.path("model").asString(""), 0, List.of(choice),
                AnthropicUsage.read(body.get(USAGE)), Extensions.of(Dialect.ANTHROPIC, extensions(body)));
    }

    /** Writes a response body for an Anthropic client from the first choice. */
    public static ObjectNode fromCanonical(ChatResponse response) {
        ObjectNode body = Json.object()
                .put("id", response.id())
                .put("type", "message")
                .put("role", "assistant")
                .put("model", response.model());
        ArrayNode content = body.putArray("content");
        Optional<Choice> first = response.choices().stream().findFirst();
        first.ifPresent(c -> c.message().content().forEach(part -> writeBlock(part, content)));
        FinishReason reason = first.flatMap(Choice::finishReason).orElse(FinishReason.STOP);
        body.put("stop_reason", AnthropicStopReasons.write(reason));
        body.putNull("stop_sequence");
        ObjectNode usage = AnthropicUsage.write(response.usage());
        body.set(USAGE, usage);
        response.extensions().get(Dialect.ANTHROPIC).ifPresent(ext -> ext.properties().forEach(e -> {
            if (e.getKey().equals(USAGE)) {
                e.getValue().properties().forEach(u -> {
                    if (!usage.has(u.getKey())) {
                        usage.set(u.getKey(), u.getValue());
                    }
                });
            } else {
                body.set(e.getKey(), e.getValue());
            }
        }));
        return body;
    }

    private static ContentPart readBlock(JsonNode block) {
        return switch (block.path("type").asString("")) {
            case "text" -> new ContentPart.Text(block.path("text").asString(""));
            case "tool_use" -> new ContentPart.ToolCall(block.path("id").asString(""),
                    block.path("name").asString(""), Json.write(block.path("input").isObject()
                            ? block.get("input") : Json.object()));
            case "thinking" -> new ContentPart.Thinking(block.path("thinking").asString(""),
                    signature(block.path("signature").asString("")), false);
            case "redacted_thinking" -> new ContentPart.Thinking("", signature(block.path("data").asString("")),
                    true);
            default -> new ContentPart.Opaque(Dialect.ANTHROPIC, block);
        };
    }

    private static Optional<String> signature(String raw) {
        return raw.isEmpty() ? Optional.empty() : Optional.of(ThoughtSignature.tag(Dialect.ANTHROPIC, raw));
    }

    private static void writeBlock(ContentPart part, ArrayNode content) {
        switch (part) {
            case ContentPart.Text t when !t.text().isEmpty() ->
                    content.addObject().put("type", "text").put("text", t.text());
            case ContentPart.Refusal r when !r.text().isEmpty() ->
                    content.addObject().put("type", "text").put("text", r.text());
            case ContentPart.ToolCall call -> {
                ObjectNode block = content.addObject().put("type", "tool_use").put("id", call.id())
                        .put("name", call.name());
                // A model's invalid JSON cannot be an object; the client sees an empty input rather than a crash.
                block.set("input", Json.tryParse(call.arguments().isBlank() ? "{}" : call.arguments())
                        .filter(JsonNode::isObject).orElseGet(Json::object));
            }
            case ContentPart.Thinking th -> {
                String signature = th.signature().map(s -> ThoughtSignature.forClient(Dialect.ANTHROPIC, s))
                        .orElse("");
                if (th.redacted()) {
                    content.addObject().put("type", "redacted_thinking").put("data", signature);
                } else {
                    content.addObject().put("type", "thinking").put("thinking", th.text())
                            .put("signature", signature);
                }
            }
            case ContentPart.Opaque o when o.dialect() == Dialect.ANTHROPIC -> content.add(o.raw());
            default -> { /* media, results and other dialects' blocks do not occur in an Anthropic answer */ }
        }
    }

    private static ObjectNode extensions(JsonNode body) {
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        JsonNode stopSequence = body.get("stop_sequence");
        if (stopSequence != null && !stopSequence.isNull()) {
            extra.set("stop_sequence", stopSequence);
        }
        if (body.get(USAGE) instanceof ObjectNode usage) {
            ObjectNode rest = Json.object();
            usage.properties().forEach(e -> {
                if (!USAGE_COUNTERS.contains(e.getKey())) {
                    rest.set(e.getKey(), e.getValue());
                }
            });
            if (!rest.isEmpty()) {
                extra.set(USAGE, rest);
            }
        }
        return extra;
    }
}
