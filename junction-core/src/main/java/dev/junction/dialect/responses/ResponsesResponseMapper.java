package dev.junction.dialect.responses;

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
import dev.junction.model.TokenLogprob;
import dev.junction.secret.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a complete response object ({@code "object":"response"}) to the canonical {@link ChatResponse} and back.
 * Output items become the parts of one assistant message in order: {@code output_text} → text (its log
 * probabilities → the choice's), {@code refusal} → refusal, {@code function_call} → tool call (its {@code call_id}
 * is the call's id), {@code reasoning} → thinking, built-in tool items → opaque parts. Fields without a canonical
 * meaning (the echoed request parameters, {@code service_tier}, …) are kept as extensions of
 * {@link Dialect#OPENAI_RESPONSES}. Pure functions; thread safe.
 */
public final class ResponsesResponseMapper {

    private static final Set<String> MAPPED = Set.of("id", "object", "created_at", "status", "error",
            "incomplete_details", "model", "output", "output_text", "usage", "completed_at");

    private ResponsesResponseMapper() {}

    /**
     * Reads an upstream's response body. Lenient about details, but a body that is not an object is a bad gateway,
     * and a {@code failed} response fails with its error, classified.
     */
    public static ChatResponse toCanonical(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException(new GatewayError.BadGateway(
                    "The upstream returned a body that is not a Responses response.", false));
        }
        if ("failed".equals(body.path("status").asString(""))) {
            throw new GatewayException(ResponsesErrors.classify(body.path("error"), Redactor.patternsOnly()));
        }
        List<ContentPart> parts = new ArrayList<>();
        List<TokenLogprob> logprobs = new ArrayList<>();
        boolean calls = false;
        for (JsonNode item : body.path("output")) {
            switch (item.path("type").asString("")) {
                case "message" -> readMessage(item, parts, logprobs);
                case "function_call" -> {
                    calls = true;
                    parts.add(new ContentPart.ToolCall(item.path("call_id").asString(""),
                            ResponsesNamespaces.callName(item, item.path("name").asString("")),
                            item.path("arguments").asString("")));
                }
                case "reasoning" -> parts.add(ResponsesReasoning.fromUpstream(item));
                default -> parts.add(new ContentPart.Opaque(Dialect.OPENAI_RESPONSES, item));
            }
        }
        Choice choice = new Choice(0, new Message(Role.ASSISTANT, parts, Optional.empty()),
                Optional.of(ResponsesStatus.read(body, calls)), logprobs);
        ObjectNode extra = Json.object();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!MAPPED.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        }
        return new ChatResponse(body.path("id").asString(""), body.path("model").asString(""),
                body.path("created_at").asLong(0), List.of(choice), ResponsesUsage.read(body.get("usage")),
                Extensions.of(Dialect.OPENAI_RESPONSES, extra));
    }

    private static void readMessage(JsonNode item, List<ContentPart> parts, List<TokenLogprob> logprobs) {
        for (JsonNode part : item.path("content")) {
            switch (part.path("type").asString("")) {
                case "output_text" -> {
                    parts.add(new ContentPart.Text(part.path("text").asString("")));
                    logprobs.addAll(ResponsesLogprobs.read(part.get("logprobs")));
                }
                case "refusal" -> parts.add(new ContentPart.Refusal(part.path("refusal").asString("")));
                default -> { /* newer part types have no canonical counterpart */ }
            }
        }
    }

    /** Writes a response body with default echo fields; other providers' reasoning sealed with {@code PLAIN}. */
    public static ObjectNode fromCanonical(ChatResponse response) {
        return fromCanonical(response, ResponsesEcho.defaults(), ReasoningSeal.PLAIN);
    }

    /**
     * Writes a response body for a Responses client from the first choice.
     *
     * @param echo the request parameters to repeat, from the client's request ({@link ResponsesEcho#of})
     * @param seal seals reasoning of other providers into {@code encrypted_content}
     */
    public static ObjectNode fromCanonical(ChatResponse response, ResponsesEcho echo, ReasoningSeal seal) {
        Optional<Choice> first = response.choices().stream().findFirst();
        FinishReason reason = first.flatMap(Choice::finishReason).orElse(FinishReason.STOP);
        ResponsesStatus.End end = ResponsesStatus.write(reason);
        String id = ResponsesIds.response(response.id());
        long created = response.created() > 0 ? response.created() : System.currentTimeMillis() / 1000;
        ObjectNode body = skeleton(id, created, response.model(), end, echo);
        first.ifPresent(c -> body.set("output", ResponsesOutputWriter.write(c.message(),
                new ResponsesOutputWriter.Target(id, seal, echo.toolNames()), end.status(), c.logprobs())));
        body.set("usage", ResponsesUsage.write(response.usage()));
        response.extensions().get(Dialect.OPENAI_RESPONSES).ifPresent(ext -> ext.properties()
                .forEach(e -> body.set(e.getKey(), e.getValue())));
        if (end.status().equals(ResponsesStatus.COMPLETED)) {
            body.put("completed_at", Math.max(created, System.currentTimeMillis() / 1000));
        } else {
            body.putNull("completed_at");
        }
        return body;
    }

    /**
     * A response object without output or usage: the body of the stream's first and last events as well as of a
     * complete answer.
     */
    static ObjectNode skeleton(String id, long createdAt, String model, ResponsesStatus.End end, ResponsesEcho echo) {
        ObjectNode body = Json.object().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", end.status());
        body.putNull("error");
        end.incompleteReason().ifPresentOrElse(r -> body.putObject("incomplete_details").put("reason", r),
                () -> body.putNull("incomplete_details"));
        body.put("model", model).putArray("output");
        echo.writeTo(body);
        body.putNull("usage");
        return body;
    }
}
