package dev.junction.dialect.ollama;

import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Extensions;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.Message;
import dev.junction.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads a complete (non-streamed) {@code /api/chat} answer into canonical form. Stateless. */
public final class OllamaResponseMapper {

    private OllamaResponseMapper() {}

    /** @throws GatewayException (bad gateway) when the body is not an Ollama chat answer */
    public static ChatResponse toCanonical(JsonNode body) {
        JsonNode message = body.path("message");
        if (!message.isObject()) {
            throw new GatewayException(new GatewayError.BadGateway(
                    "The upstream returned an Ollama answer without a message.", false));
        }
        String id = OllamaReplies.newId();
        List<ContentPart> parts = new ArrayList<>();
        String thinking = message.path("thinking").asString("");
        if (!thinking.isEmpty()) {
            parts.add(new ContentPart.Thinking(thinking, Optional.empty(), false));
        }
        String text = message.path("content").asString("");
        if (!text.isEmpty()) {
            parts.add(new ContentPart.Text(text));
        }
        List<ContentPart.ToolCall> calls = OllamaReplies.toolCalls(message, id);
        parts.addAll(calls);
        Choice choice = new Choice(0, new Message(Role.ASSISTANT, parts, Optional.empty()),
                Optional.of(OllamaReplies.finishReason(body.path("done_reason").asString(""), !calls.isEmpty())),
                List.of());
        return new ChatResponse(id, body.path("model").asString(""), OllamaReplies.created(body), List.of(choice),
                OllamaReplies.usage(body), Extensions.none());
    }
}
