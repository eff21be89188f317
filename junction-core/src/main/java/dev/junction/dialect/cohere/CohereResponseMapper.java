package dev.junction.dialect.cohere;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a complete {@code /v2/chat} answer into canonical form: {@code thinking} items and the {@code tool_plan}
 * become thinking parts (unsigned: Cohere does not check them when they come back), {@code text} items text, and
 * {@code tool_calls} tool calls with their arguments as sent. Citations have no canonical form: they are kept as the
 * response's {@link Dialect#COHERE} extension field {@code citations}, which no client dialect renders today.
 * Stateless.
 */
public final class CohereResponseMapper {

    private CohereResponseMapper() {}

    /** @throws GatewayException (bad gateway) when the body is not a Cohere chat answer */
    public static ChatResponse toCanonical(JsonNode body) {
        JsonNode message = body.path("message");
        if (!message.isObject()) {
            throw new GatewayException(new GatewayError.BadGateway(
                    "The upstream returned a Cohere answer without a message.", false));
        }
        List<ContentPart> parts = new ArrayList<>();
        String plan = message.path("tool_plan").asString("");
        if (!plan.isEmpty()) {
            parts.add(new ContentPart.Thinking(plan, Optional.empty(), false));
        }
        for (JsonNode item : message.path("content")) {
            switch (item.path("type").asString("")) {
                case "text" -> parts.add(new ContentPart.Text(item.path("text").asString("")));
                case "thinking" -> parts.add(new ContentPart.Thinking(item.path("thinking").asString(""),
                        Optional.empty(), false));
                default -> { } // unknown item kinds carry nothing a client could use
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            parts.add(new ContentPart.ToolCall(call.path("id").asString(""), function.path("name").asString(""),
                    function.path("arguments").asString("{}")));
        }
        Choice choice = new Choice(0, new Message(Role.ASSISTANT, parts, Optional.empty()),
                Optional.of(CohereReplies.finishReason(body.path("finish_reason").asString(""))), List.of());
        ObjectNode extra = Json.object();
        if (message.path("citations").isArray() && !message.path("citations").isEmpty()) {
            extra.set("citations", message.path("citations"));
        }
        return new ChatResponse(body.path("id").asString(""), "", Instant.now().getEpochSecond(), List.of(choice),
                CohereReplies.usage(body.path("usage")), Extensions.of(Dialect.COHERE, extra));
    }
}
