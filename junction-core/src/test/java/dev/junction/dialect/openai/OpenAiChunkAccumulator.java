package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.upstream.SseEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds {@code chat.completion.chunk}s into a {@code chat.completion} the way the official SDK stream helpers do
 * (openai-node {@code ChatCompletionStream}): content and refusal concatenate per choice, ignoring empty pieces;
 * tool calls are keyed by their {@code index} and their argument fragments concatenate; the last non-null
 * {@code finish_reason} wins; logprob tokens append; a chunk's usage object becomes the usage. Reading stops at
 * {@code [DONE]}. Not thread safe.
 */
final class OpenAiChunkAccumulator {

    private final Map<Integer, ChoiceState> choices = new TreeMap<>();
    private ObjectNode head;
    private JsonNode usage;
    private boolean done;

    private static final class ChoiceState {
        String role = "assistant";
        StringBuilder content;
        StringBuilder refusal;
        final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
        ArrayNode logprobs;
        String finishReason;
    }

    /** Accumulates every event of an SSE body. */
    static ObjectNode accumulate(List<SseEvent> events) {
        OpenAiChunkAccumulator acc = new OpenAiChunkAccumulator();
        events.forEach(e -> acc.add(e.data()));
        return acc.result();
    }

    /** Adds one {@code data:} payload. */
    void add(String data) {
        if (done || data.isEmpty()) {
            return;
        }
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        ObjectNode chunk = Json.parseObject(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (chunk.has("error")) {
            throw new IllegalStateException("the stream carried an error: " + chunk.get("error"));
        }
        if (head == null) {
            head = Json.object();
            head.set("id", chunk.get("id"));
            head.put("object", "chat.completion");
            head.set("created", chunk.get("created"));
            head.set("model", chunk.get("model"));
        }
        for (JsonNode c : chunk.path("choices")) {
            addChoice(c);
        }
        if (chunk.get("usage") instanceof ObjectNode u) {
            usage = u;
        }
    }

    private void addChoice(JsonNode c) {
        ChoiceState state = choices.computeIfAbsent(c.path("index").asInt(), i -> new ChoiceState());
        JsonNode delta = c.path("delta");
        if (delta.path("role").isString()) {
            state.role = delta.get("role").stringValue();
        }
        String content = delta.path("content").asString("");
        if (!content.isEmpty()) {
            state.content = (state.content == null ? new StringBuilder() : state.content).append(content);
        }
        String refusal = delta.path("refusal").asString("");
        if (!refusal.isEmpty()) {
            state.refusal = (state.refusal == null ? new StringBuilder() : state.refusal).append(refusal);
        }
        for (JsonNode fragment : delta.path("tool_calls")) {
            addToolCall(state, fragment);
        }
        for (JsonNode token : c.path("logprobs").path("content")) {
            if (state.logprobs == null) {
                state.logprobs = Json.MAPPER.createArrayNode();
            }
            state.logprobs.add(token);
        }
        if (c.path("finish_reason").isString()) {
            state.finishReason = c.get("finish_reason").stringValue();
        }
    }

    private static void addToolCall(ChoiceState state, JsonNode fragment) {
        ObjectNode call = state.toolCalls.computeIfAbsent(fragment.path("index").asInt(), i -> {
            ObjectNode fresh = Json.object().putNull("id").put("type", "function");
            fresh.putObject("function").put("name", "").put("arguments", "");
            return fresh;
        });
        if (fragment.path("id").isString()) {
            call.put("id", fragment.get("id").stringValue());
        }
        if (fragment.path("type").isString()) {
            call.put("type", fragment.get("type").stringValue());
        }
        ObjectNode fn = (ObjectNode) call.get("function");
        JsonNode name = fragment.path("function").path("name");
        if (name.isString() && !name.stringValue().isEmpty()) {
            fn.put("name", name.stringValue());
        }
        String args = fragment.path("function").path("arguments").asString("");
        fn.put("arguments", fn.get("arguments").stringValue() + args);
    }

    /** Whether {@code [DONE]} was read. */
    boolean done() {
        return done;
    }

    /** The completion built so far; {@code usage} only when a chunk carried one. */
    ObjectNode result() {
        if (head == null) {
            throw new IllegalStateException("no chunk was accumulated");
        }
        ObjectNode out = head.deepCopy();
        ArrayNode arr = out.putArray("choices");
        choices.forEach((index, state) -> {
            ObjectNode choice = arr.addObject().put("index", index);
            ObjectNode message = choice.putObject("message").put("role", state.role);
            putTextOrNull(message, "content", state.content);
            putTextOrNull(message, "refusal", state.refusal);
            if (!state.toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                state.toolCalls.values().forEach(calls::add);
            }
            if (state.logprobs == null) {
                choice.putNull("logprobs");
            } else {
                choice.putObject("logprobs").set("content", state.logprobs);
                ((ObjectNode) choice.get("logprobs")).putNull("refusal");
            }
            if (state.finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", state.finishReason);
            }
        });
        if (usage != null) {
            out.set("usage", usage);
        }
        return out;
    }

    private static void putTextOrNull(ObjectNode message, String field, StringBuilder text) {
        if (text == null) {
            message.putNull(field);
        } else {
            message.put(field, text.toString());
        }
    }
}
