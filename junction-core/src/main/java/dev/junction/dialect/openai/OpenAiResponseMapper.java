package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.Choice;
import dev.junction.model.ContentPart;
import dev.junction.model.Dialect;
import dev.junction.model.Extensions;
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

/** Maps a non-streaming {@code chat.completion} body to the canonical {@link ChatResponse} and back. */
public final class OpenAiResponseMapper {

    private static final Set<String> MAPPED = Set.of("id", "object", "created", "model", "choices", "usage");

    private OpenAiResponseMapper() {}

    /** Reads a response body from an upstream. Lenient: upstreams are trusted to be roughly right. */
    public static ChatResponse toCanonical(JsonNode body) {
        List<Choice> choices = new ArrayList<>();
        for (JsonNode c : body.path("choices")) {
            JsonNode message = c.path("message");
            List<ContentPart> parts = new ArrayList<>();
            JsonNode content = message.get("content");
            if (content != null && content.isString()) {
                parts.add(new ContentPart.Text(content.stringValue()));
            } else if (content != null && content.isArray()) {
                for (JsonNode p : content) {
                    if ("text".equals(p.path("type").asString(""))) {
                        parts.add(new ContentPart.Text(p.path("text").asString("")));
                    }
                }
            }
            JsonNode refusal = message.get("refusal");
            if (refusal != null && refusal.isString()) {
                parts.add(new ContentPart.Refusal(refusal.stringValue()));
            }
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode fn = call.path("function");
                parts.add(new ContentPart.ToolCall(call.path("id").asString(""), fn.path("name").asString(""),
                        fn.path("arguments").asString("")));
            }
            choices.add(new Choice(c.path("index").asInt(choices.size()),
                    new Message(Role.ASSISTANT, parts, Optional.empty()),
                    OpenAiFinishReasons.read(c.path("finish_reason").stringValue(null)),
                    OpenAiLogprobs.read(c.get("logprobs"))));
        }
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        return new ChatResponse(body.path("id").asString(""), body.path("model").asString(""),
                body.path("created").asLong(0), choices, OpenAiUsage.read(body.get("usage")),
                Extensions.of(Dialect.OPENAI_CHAT, extra));
    }

    /** Writes a response body for an OpenAI-dialect client. */
    public static ObjectNode fromCanonical(ChatResponse response) {
        ObjectNode body = Json.object()
                .put("id", response.id())
                .put("object", "chat.completion")
                .put("created", createdOrNow(response.created()))
                .put("model", response.model());
        ArrayNode choices = body.putArray("choices");
        for (Choice choice : response.choices()) {
            ObjectNode c = choices.addObject().put("index", choice.index());
            ObjectNode message = c.putObject("message").put("role", "assistant");
            writeMessage(choice.message(), message);
            if (choice.logprobs().isEmpty()) {
                c.putNull("logprobs");
            } else {
                c.set("logprobs", OpenAiLogprobs.write(choice.logprobs()));
            }
            choice.finishReason().ifPresentOrElse(r -> c.put("finish_reason", OpenAiFinishReasons.write(r)),
                    () -> c.putNull("finish_reason"));
        }
        body.set("usage", OpenAiUsage.write(response.usage()));
        response.extensions().get(Dialect.OPENAI_CHAT).ifPresent(ext -> ext.properties()
                .forEach(e -> body.set(e.getKey(), e.getValue())));
        return body;
    }

    /**
     * OpenAI's {@code created}, for responses from dialects that have none (Anthropic): the time of the answer
     * rather than 1970.
     */
    static long createdOrNow(long created) {
        return created > 0 ? created : System.currentTimeMillis() / 1000;
    }

    /**
     * Whether a thinking block's signature must ride in the next tool call's id: Gemini requires its signature back
     * on the function call of the next turn, and a Chat Completions client keeps nothing but ids. Anthropic's
     * signatures are useless without the thinking text, which such a client cannot keep either.
     */
    static boolean carriedInId(ContentPart.Thinking thinking) {
        return thinking.signature().flatMap(ThoughtSignature::origin).filter(o -> o == Dialect.GEMINI).isPresent();
    }

    private static void writeMessage(Message source, ObjectNode message) {
        StringBuilder text = null;
        String refusal = null;
        ArrayNode calls = null;
        String signature = null;
        for (ContentPart part : source.content()) {
            switch (part) {
                case ContentPart.Thinking t when carriedInId(t) -> signature = t.signature().get();
                case ContentPart.Text t -> text = (text == null ? new StringBuilder() : text).append(t.text());
                case ContentPart.Refusal r -> refusal = r.text();
                case ContentPart.ToolCall call -> {
                    if (calls == null) {
                        calls = Json.MAPPER.createArrayNode();
                    }
                    String id = signature == null ? call.id() : ThoughtSignature.embedInId(call.id(), signature);
                    signature = null;
                    ObjectNode c = calls.addObject().put("id", id).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
                default -> { /* other blocks have no place in a Chat Completions message */ }
            }
        }
        if (text == null) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (refusal == null) {
            message.putNull("refusal");
        } else {
            message.put("refusal", refusal);
        }
        if (calls != null) {
            message.set("tool_calls", calls);
        }
    }
}
