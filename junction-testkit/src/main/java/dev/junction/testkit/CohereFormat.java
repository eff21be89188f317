package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as Cohere v2 chat responses (see {@code wire/others.md §4}): one body, or SSE events with
 * {@code event:} names. Thoughts before tool calls are the {@code tool_plan} (streamed as {@code tool-plan-delta}),
 * thoughts before text a {@code thinking} content item; text is streamed one word per {@code content-delta}, each
 * call as {@code tool-call-start} (empty arguments), argument fragments and {@code tool-call-end}; the stream ends
 * with {@code message-end} carrying the finish reason and usage. Usage: {@code billed_units} count the visible
 * output, {@code tokens} add the thoughts.
 */
final class CohereFormat implements AnswerFormat {

    private final String model;
    private final boolean stream;
    private final String id;
    private final String lastUserText;
    private final int promptTokens;

    CohereFormat(JsonNode body, long sequence) {
        this.model = body.path("model").asString("");
        this.stream = body.path("stream").asBoolean(false);
        this.id = "mock-cohere-" + sequence;
        String last = "";
        int chars = 0;
        for (JsonNode message : body.path("messages")) {
            String text = textOf(message.path("content"));
            chars += text.length();
            if ("user".equals(message.path("role").asString(""))) {
                last = text;
            }
        }
        this.lastUserText = last;
        this.promptTokens = Math.max(1, chars / 4);
    }

    /** Content is a string or a list of items; {@code text} items (and documents' data) carry text. */
    private static String textOf(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : content) {
            String piece = item.path("text").isString() ? item.path("text").stringValue()
                    : item.path("document").path("data").asString("");
            if (!piece.isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(piece);
            }
        }
        return text.toString();
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
        return Exchange.GOOGLE_EVENT_STREAM;
    }

    @Override
    public Buffer body(Answer answer) {
        ObjectNode response = JsonText.MAPPER.createObjectNode().put("id", id)
                .put("finish_reason", finishReason(answer));
        ObjectNode message = response.putObject("message").put("role", "assistant");
        if (!answer.calls().isEmpty()) {
            answer.thoughts().ifPresent(t -> message.put("tool_plan", t));
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : answer.calls()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        } else {
            ArrayNode content = message.putArray("content");
            answer.thoughts().ifPresent(t -> content.addObject().put("type", "thinking").put("thinking", t));
            content.addObject().put("type", "text").put("text", answer.text());
        }
        response.set("usage", usage(answer));
        return JsonText.buffer(response);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        List<Buffer> events = new ArrayList<>();
        ObjectNode start = JsonText.MAPPER.createObjectNode().put("id", id);
        start.putObject("delta").putObject("message").put("role", "assistant");
        events.add(event("message-start", start));
        int content = 0;
        if (answer.calls().isEmpty() && answer.thoughts().isPresent()) {
            events.add(event("content-start", contentItem(content, true, true, "")));
            for (String piece : new Completion.Text(answer.thoughts().get()).pieces()) {
                events.add(event("content-delta", contentItem(content, true, false, piece)));
            }
            events.add(event("content-end", JsonText.MAPPER.createObjectNode().put("index", content++)));
        }
        if (answer.calls().isEmpty()) {
            events.add(event("content-start", contentItem(content, false, true, "")));
            for (String piece : new Completion.Text(answer.text()).pieces()) {
                events.add(event("content-delta", contentItem(content, false, false, piece)));
            }
            events.add(event("content-end", JsonText.MAPPER.createObjectNode().put("index", content)));
        } else {
            toolEvents(answer, events);
        }
        ObjectNode end = JsonText.MAPPER.createObjectNode();
        ObjectNode delta = end.putObject("delta").put("finish_reason", finishReason(answer));
        delta.set("usage", usage(answer));
        events.add(event("message-end", end));
        return events;
    }

    private static void toolEvents(Answer answer, List<Buffer> events) {
        for (String piece : answer.thoughts().map(t -> new Completion.Text(t).pieces()).orElse(List.of())) {
            ObjectNode plan = JsonText.MAPPER.createObjectNode();
            plan.putObject("delta").putObject("message").put("tool_plan", piece);
            events.add(event("tool-plan-delta", plan));
        }
        for (int i = 0; i < answer.calls().size(); i++) {
            ToolCall call = answer.calls().get(i);
            ObjectNode start = JsonText.MAPPER.createObjectNode().put("index", i);
            start.putObject("delta").putObject("message").putObject("tool_calls").put("id", call.id())
                    .put("type", "function").putObject("function").put("name", call.name()).put("arguments", "");
            events.add(event("tool-call-start", start));
            for (String fragment : Completion.ToolCalls.fragments(call.arguments())) {
                ObjectNode delta = JsonText.MAPPER.createObjectNode().put("index", i);
                delta.putObject("delta").putObject("message").putObject("tool_calls").putObject("function")
                        .put("arguments", fragment);
                events.add(event("tool-call-delta", delta));
            }
            events.add(event("tool-call-end", JsonText.MAPPER.createObjectNode().put("index", i)));
        }
    }

    /** A content item event: {@code start} adds the item's {@code type}, as {@code content-start} does. */
    private static ObjectNode contentItem(int index, boolean thinking, boolean start, String text) {
        ObjectNode event = JsonText.MAPPER.createObjectNode().put("index", index);
        ObjectNode content = event.putObject("delta").putObject("message").putObject("content");
        if (start) {
            content.put("type", thinking ? "thinking" : "text");
        }
        content.put(thinking ? "thinking" : "text", text);
        return event;
    }

    private static Buffer event(String name, ObjectNode data) {
        ObjectNode typed = JsonText.MAPPER.createObjectNode().put("type", name);
        typed.setAll(data);
        return Buffer.buffer("event: " + name + "\ndata: " + JsonText.MAPPER.writeValueAsString(typed) + "\n\n");
    }

    private static String finishReason(Answer answer) {
        return answer.calls().isEmpty() ? "COMPLETE" : "TOOL_CALL";
    }

    private ObjectNode usage(Answer answer) {
        ObjectNode usage = JsonText.MAPPER.createObjectNode();
        usage.putObject("billed_units").put("input_tokens", promptTokens).put("output_tokens", answer.visibleTokens());
        usage.putObject("tokens").put("input_tokens", promptTokens + 200)
                .put("output_tokens", answer.visibleTokens() + answer.thoughtTokens());
        return usage;
    }

    @Override
    public Buffer streamError(int position) {
        ObjectNode end = JsonText.MAPPER.createObjectNode();
        end.putObject("delta").put("finish_reason", "ERROR").put("error", "internal server error");
        return event("message-end", end);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return CohereWire.error(CohereWire.messageFor(status, model));
    }

    @Override
    public Buffer mockFailure(String message) {
        return CohereWire.error(message);
    }
}
