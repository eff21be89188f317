package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as Anthropic Messages responses (see {@code wire/anthropic-messages.md §5–6}): a
 * {@code message} body, or the named-event stream {@code message_start}, {@code content_block_start},
 * one {@code ping} after the first block start, {@code content_block_delta}s, {@code content_block_stop},
 * {@code message_delta} (stop reason and cumulative output tokens) and {@code message_stop}. Content
 * blocks in order: thinking (signature issued here), text, tool uses. Text and thoughts stream one word
 * per delta; tool input streams as an empty {@code input_json_delta} then several fragments.
 *
 * @param request the request being answered
 * @param sequence the request's sequence number, for ids and signatures
 * @param signatures where issued thinking signatures are remembered
 */
record AnthropicFormat(AnthropicRequest request, long sequence, IssuedSignatures signatures) implements AnswerFormat {

    @Override
    public boolean streams() {
        return request.stream();
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return Exchange.EVENT_STREAM;
    }

    @Override
    public Optional<String> inexpressible(Answer answer) {
        return answer.callWithNonObjectArguments().map(call ->
                "mock upstream: the arguments of tool call " + call.id() + " are not a JSON object: " + call.arguments());
    }

    @Override
    public Buffer body(Answer answer) {
        ObjectNode message = skeleton();
        ArrayNode content = message.putArray("content");
        thinkingBlock(answer).ifPresent(content::add);
        if (answer.calls().isEmpty()) {
            content.addObject().put("type", "text").put("text", answer.text());
        }
        for (ToolCall call : answer.calls()) {
            ObjectNode toolUse = toolUseBlock(call);
            toolUse.set("input", Answer.argumentsOf(call).orElseThrow());
            content.add(toolUse);
        }
        message.put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        message.set("usage", usage(outputTokens(answer)));
        return JsonText.buffer(message);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        List<Buffer> events = new ArrayList<>();
        ObjectNode start = skeleton();
        start.putArray("content");
        start.putNull("stop_reason").putNull("stop_sequence").set("usage", usage(1));
        ObjectNode messageStart = object("message_start");
        messageStart.set("message", start);
        events.add(event("message_start", messageStart));
        int index = 0;
        Optional<ObjectNode> thinking = thinkingBlock(answer);
        if (thinking.isPresent()) {
            blockStart(events, index, object("thinking").put("thinking", "").put("signature", ""));
            for (String piece : new Completion.Text(answer.thoughts().orElseThrow()).pieces()) {
                delta(events, index, object("thinking_delta").put("thinking", piece));
            }
            delta(events, index, object("signature_delta").put("signature", thinking.get().path("signature").stringValue()));
            blockStop(events, index++);
        }
        if (answer.calls().isEmpty()) {
            blockStart(events, index, object("text").put("text", ""));
            for (String piece : new Completion.Text(answer.text()).pieces()) {
                delta(events, index, object("text_delta").put("text", piece));
            }
            blockStop(events, index++);
        }
        for (ToolCall call : answer.calls()) {
            ObjectNode toolUse = toolUseBlock(call);
            toolUse.putObject("input");
            blockStart(events, index, toolUse);
            delta(events, index, object("input_json_delta").put("partial_json", ""));
            for (String fragment : Completion.ToolCalls.fragments(call.arguments())) {
                delta(events, index, object("input_json_delta").put("partial_json", fragment));
            }
            blockStop(events, index++);
        }
        ObjectNode messageDelta = object("message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason(answer)).putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", outputTokens(answer));
        events.add(event("message_delta", messageDelta));
        events.add(event("message_stop", object("message_stop")));
        return events;
    }

    @Override
    public Buffer streamError(int position) {
        return AnthropicError.MID_STREAM.event();
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return AnthropicError.forStatus(status, request.model()).body(sequence);
    }

    @Override
    public Buffer mockFailure(String message) {
        return new AnthropicError(500, "api_error", message).body(sequence);
    }

    /** The Anthropic id of a call: {@code toolu_} followed by the call id without its {@code call_} prefix. */
    static String toolUseId(ToolCall call) {
        String id = call.id();
        if (id.startsWith("toolu_")) {
            return id;
        }
        return "toolu_" + (id.startsWith("call_") ? id.substring("call_".length()) : id);
    }

    private ObjectNode skeleton() {
        return object("message").put("id", "msg_mock" + sequence).put("role", "assistant").put("model", request.model());
    }

    private Optional<ObjectNode> thinkingBlock(Answer answer) {
        return answer.thoughts().map(thoughts -> object("thinking").put("thinking", thoughts)
                .put("signature", signatures.issueThinking(sequence, thoughts)));
    }

    private static ObjectNode toolUseBlock(ToolCall call) {
        return object("tool_use").put("id", toolUseId(call)).put("name", call.name());
    }

    private ObjectNode usage(int outputTokens) {
        ObjectNode usage = JsonText.MAPPER.createObjectNode().put("input_tokens", request.inputTokens())
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", 0).put("ephemeral_1h_input_tokens", 0);
        return usage.put("output_tokens", outputTokens).put("service_tier", "standard");
    }

    private static int outputTokens(Answer answer) {
        return answer.visibleTokens() + answer.thoughtTokens();
    }

    private static String stopReason(Answer answer) {
        return answer.calls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static void blockStart(List<Buffer> events, int index, ObjectNode block) {
        ObjectNode start = object("content_block_start").put("index", index);
        start.set("content_block", block);
        events.add(event("content_block_start", start));
        if (index == 0) {
            events.add(event("ping", object("ping")));
        }
    }

    private static void delta(List<Buffer> events, int index, ObjectNode delta) {
        ObjectNode event = object("content_block_delta").put("index", index);
        event.set("delta", delta);
        events.add(event("content_block_delta", event));
    }

    private static void blockStop(List<Buffer> events, int index) {
        events.add(event("content_block_stop", object("content_block_stop").put("index", index)));
    }

    private static ObjectNode object(String type) {
        return JsonText.MAPPER.createObjectNode().put("type", type);
    }

    private static Buffer event(String name, ObjectNode data) {
        return Buffer.buffer("event: " + name + "\ndata: " + JsonText.MAPPER.writeValueAsString(data) + "\n\n");
    }
}
