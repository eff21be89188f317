package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as Ollama {@code /api/chat} objects (see {@code wire/others.md §3}): one object, or NDJSON lines
 * of {@code message} deltas, one word each, thoughts as {@code message.thinking}; tool calls arrive whole in one
 * line with their arguments as objects and no id; the last line has {@code done: true}, {@code done_reason: stop}
 * and the counts ({@code prompt_eval_count}, {@code eval_count} including thoughts).
 */
final class OllamaFormat implements AnswerFormat {

    private final String model;
    private final boolean stream;
    private final String lastUserText;
    private final int promptTokens;

    OllamaFormat(JsonNode body) {
        this.model = body.path("model").asString("");
        this.stream = body.path("stream").asBoolean(true);
        String last = "";
        int chars = 0;
        for (JsonNode message : body.path("messages")) {
            String text = message.path("content").asString("");
            chars += text.length();
            if ("user".equals(message.path("role").asString(""))) {
                last = text;
            }
        }
        this.lastUserText = last;
        this.promptTokens = Math.max(1, chars / 4);
    }

    String lastUserText() {
        return lastUserText;
    }

    @Override
    public boolean streams() {
        return stream;
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return OllamaWire.NDJSON;
    }

    @Override
    public Optional<String> inexpressible(Answer answer) {
        return answer.callWithNonObjectArguments().map(call ->
                "mock upstream: the arguments of tool call " + call.id() + " are not a JSON object: " + call.arguments());
    }

    @Override
    public Buffer body(Answer answer) {
        ObjectNode message = JsonText.MAPPER.createObjectNode().put("role", "assistant").put("content", answer.text());
        answer.thoughts().ifPresent(t -> message.put("thinking", t));
        if (!answer.calls().isEmpty()) {
            message.set("tool_calls", calls(answer));
        }
        return JsonText.buffer(done(line(message), answer));
    }

    @Override
    public List<Buffer> events(Answer answer) {
        List<Buffer> lines = new ArrayList<>();
        for (String piece : answer.thoughts().map(t -> new Completion.Text(t).pieces()).orElse(List.of())) {
            lines.add(ndjson(line(delta().put("thinking", piece)).put("done", false)));
        }
        for (String piece : new Completion.Text(answer.text()).pieces()) {
            lines.add(ndjson(line(delta().put("content", piece)).put("done", false)));
        }
        if (!answer.calls().isEmpty()) {
            ObjectNode message = delta();
            message.set("tool_calls", calls(answer));
            lines.add(ndjson(line(message).put("done", false)));
        }
        lines.add(ndjson(done(line(delta()), answer)));
        return lines;
    }

    private static ObjectNode delta() {
        return JsonText.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
    }

    private static ArrayNode calls(Answer answer) {
        ArrayNode calls = JsonText.MAPPER.createArrayNode();
        for (ToolCall call : answer.calls()) {
            ObjectNode function = calls.addObject().putObject("function").put("name", call.name());
            function.set("arguments", Answer.argumentsOf(call).orElseThrow());
        }
        return calls;
    }

    private ObjectNode line(ObjectNode message) {
        ObjectNode line = JsonText.MAPPER.createObjectNode().put("model", model)
                .put("created_at", Instant.now().toString());
        line.set("message", message);
        return line;
    }

    private ObjectNode done(ObjectNode line, Answer answer) {
        return line.put("done", true).put("done_reason", "stop").put("total_duration", 4_648_158_584L)
                .put("load_duration", 4_071_084L).put("prompt_eval_count", promptTokens)
                .put("prompt_eval_duration", 439_038_000L)
                .put("eval_count", answer.visibleTokens() + answer.thoughtTokens())
                .put("eval_duration", 4_196_918_000L);
    }

    private static Buffer ndjson(ObjectNode line) {
        return Buffer.buffer(JsonText.MAPPER.writeValueAsString(line) + "\n");
    }

    @Override
    public Buffer streamError(int position) {
        return Buffer.buffer(JsonText.MAPPER.writeValueAsString(JsonText.MAPPER.createObjectNode()
                .put("error", "an error was encountered while running the model: unexpected EOF")) + "\n");
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return OllamaWire.error(OllamaWire.messageFor(status, model));
    }

    @Override
    public Buffer mockFailure(String message) {
        return OllamaWire.error(message);
    }
}
