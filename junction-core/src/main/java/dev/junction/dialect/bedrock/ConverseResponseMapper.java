package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import dev.junction.model.ThoughtSignature;
import dev.junction.model.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converse responses ({@code output.message}, {@code stopReason}, {@code usage}) to the canonical form and back.
 * Converse gives no response id or model name: the id is made up, the model left empty for the server to fill in.
 * Reasoning signatures are tagged as Bedrock's. Pure functions; thread safe.
 */
public final class ConverseResponseMapper {

    private ConverseResponseMapper() {}

    public static ChatResponse toCanonical(JsonNode body) {
        JsonNode message = body.path("output").path("message");
        if (!message.isObject()) {
            throw new GatewayException(new GatewayError.BadGateway(
                    "The upstream returned a Converse response without output.message.", true));
        }
        List<ContentPart> parts = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            read(block).ifPresent(parts::add);
        }
        Usage usage = body.has("usage") ? BedrockUsage.read(body.get("usage")) : Usage.ZERO;
        Choice choice = new Choice(0, new Message(Role.ASSISTANT, parts, Optional.empty()),
                Optional.of(BedrockStopReasons.read(body.path("stopReason").asString("end_turn"))), List.of());
        return new ChatResponse(newId(), "", Instant.now().getEpochSecond(), List.of(choice), usage,
                Extensions.none());
    }

    /** A response id for an answer that came without one. */
    static String newId() {
        return "msg_bdrk_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static Optional<ContentPart> read(JsonNode block) {
        if (block.path("text").isString()) {
            return Optional.of(new ContentPart.Text(block.get("text").stringValue()));
        }
        JsonNode toolUse = block.get("toolUse");
        if (toolUse != null && toolUse.isObject()) {
            JsonNode input = toolUse.get("input");
            return Optional.of(new ContentPart.ToolCall(toolUse.path("toolUseId").asString(""),
                    toolUse.path("name").asString(""), Json.write(input == null ? Json.object() : input)));
        }
        JsonNode reasoning = block.get("reasoningContent");
        if (reasoning != null && reasoning.isObject()) {
            JsonNode text = reasoning.path("reasoningText");
            if (reasoning.path("redactedContent").isString()) {
                return Optional.of(new ContentPart.Thinking("", Optional.of(ThoughtSignature.tag(
                        Dialect.BEDROCK_CONVERSE, reasoning.get("redactedContent").stringValue())), true));
            }
            Optional<String> signature = Optional.ofNullable(text.path("signature").stringValue(null))
                    .map(s -> ThoughtSignature.tag(Dialect.BEDROCK_CONVERSE, s));
            return Optional.of(new ContentPart.Thinking(text.path("text").asString(""), signature, false));
        }
        return Optional.empty(); // guardContent, citations, images the model made: no canonical counterpart
    }

    public static ObjectNode fromCanonical(ChatResponse response) {
        ObjectNode body = Json.object();
        Choice choice = response.choices().isEmpty() ? null : response.choices().getFirst();
        ArrayNode content = body.putObject("output").putObject("message").put("role", "assistant")
                .putArray("content");
        if (choice != null) {
            for (ContentPart part : choice.message().content()) {
                switch (part) {
                    case ContentPart.Text t -> content.addObject().put("text", t.text());
                    case ContentPart.ToolCall c -> content.addObject().putObject("toolUse")
                            .put("toolUseId", c.id()).put("name", c.name())
                            .set("input", Json.tryParse(c.arguments()).orElseGet(Json::object));
                    case ContentPart.Thinking t -> {
                        ObjectNode text = content.addObject().putObject("reasoningContent")
                                .putObject("reasoningText").put("text", t.text());
                        t.signature().flatMap(s -> ThoughtSignature.forUpstream(Dialect.BEDROCK_CONVERSE, s))
                                .ifPresent(s -> text.put("signature", s));
                    }
                    default -> { }
                }
            }
        }
        body.put("stopReason", choice == null ? "end_turn"
                : BedrockStopReasons.write(choice.finishReason().orElse(dev.junction.model.FinishReason.STOP)));
        body.set("usage", BedrockUsage.write(response.usage()));
        return body;
    }
}
