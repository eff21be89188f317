package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as Bedrock Converse responses (see {@code wire/others.md §2}): an {@code output.message} body, or
 * a ConverseStream of AWS event-stream frames (encoded by AWS's eventstream library) {@code messageStart},
 * reasoning, text and tool-use blocks ({@code contentBlockStart} for tool uses only, as Bedrock does),
 * {@code contentBlockDelta}s, {@code contentBlockStop}s, {@code messageStop} and {@code metadata} with the usage.
 * Payloads carry Bedrock's random-length {@code "p"} padding. Errors are {@code {"message"}} bodies with their
 * {@code __type}; the mid-stream error is a {@code throttlingException} frame.
 *
 * @param stream whether ConverseStream was called
 * @param inputTokens the request's estimated input tokens
 */
record BedrockFormat(boolean stream, int inputTokens, long sequence) implements AnswerFormat {

    static final CharSequence EVENT_STREAM = "application/vnd.amazon.eventstream";
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

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
        return EVENT_STREAM;
    }

    @Override
    public Optional<String> inexpressible(Answer answer) {
        return answer.callWithNonObjectArguments().map(call ->
                "mock upstream: the arguments of tool call " + call.id() + " are not a JSON object: " + call.arguments());
    }

    @Override
    public Buffer body(Answer answer) {
        ObjectNode body = JsonText.MAPPER.createObjectNode();
        ArrayNode content = body.putObject("output").putObject("message").put("role", "assistant").putArray("content");
        answer.thoughts().ifPresent(t -> content.addObject().putObject("reasoningContent").putObject("reasoningText")
                .put("text", t).put("signature", signature()));
        if (answer.calls().isEmpty()) {
            content.addObject().put("text", answer.text());
        }
        for (ToolCall call : answer.calls()) {
            content.addObject().putObject("toolUse").put("toolUseId", toolUseId(call)).put("name", call.name())
                    .set("input", Answer.argumentsOf(call).orElseThrow());
        }
        body.put("stopReason", stopReason(answer));
        body.set("usage", usage(answer));
        body.putObject("metrics").put("latencyMs", 42);
        return JsonText.buffer(body);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        List<Buffer> events = new ArrayList<>();
        events.add(event("messageStart", obj().put("role", "assistant")));
        int index = 0;
        if (answer.thoughts().isPresent()) {
            for (String piece : new Completion.Text(answer.thoughts().get()).pieces()) {
                ObjectNode delta = obj().put("contentBlockIndex", index);
                delta.putObject("delta").putObject("reasoningContent").put("text", piece);
                events.add(event("contentBlockDelta", delta));
            }
            ObjectNode signature = obj().put("contentBlockIndex", index);
            signature.putObject("delta").putObject("reasoningContent").put("signature", signature());
            events.add(event("contentBlockDelta", signature));
            events.add(event("contentBlockStop", obj().put("contentBlockIndex", index++)));
        }
        if (answer.calls().isEmpty()) {
            for (String piece : new Completion.Text(answer.text()).pieces()) {
                ObjectNode delta = obj().put("contentBlockIndex", index);
                delta.putObject("delta").put("text", piece);
                events.add(event("contentBlockDelta", delta));
            }
            events.add(event("contentBlockStop", obj().put("contentBlockIndex", index++)));
        }
        for (ToolCall call : answer.calls()) {
            ObjectNode start = obj().put("contentBlockIndex", index);
            start.putObject("start").putObject("toolUse").put("toolUseId", toolUseId(call)).put("name", call.name());
            events.add(event("contentBlockStart", start));
            for (String fragment : Completion.ToolCalls.fragments(call.arguments())) {
                ObjectNode delta = obj().put("contentBlockIndex", index);
                delta.putObject("delta").putObject("toolUse").put("input", fragment);
                events.add(event("contentBlockDelta", delta));
            }
            events.add(event("contentBlockStop", obj().put("contentBlockIndex", index++)));
        }
        events.add(event("messageStop", obj().put("stopReason", stopReason(answer))));
        ObjectNode metadata = obj();
        metadata.set("usage", usage(answer));
        metadata.putObject("metrics").put("latencyMs", 42);
        events.add(event("metadata", metadata));
        return events;
    }

    @Override
    public Buffer streamError(int position) {
        return frame("exception", Map.of(":exception-type", "throttlingException"),
                "{\"message\":\"Too many tokens, please wait before trying again.\"}");
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return error(type(status), switch (status) {
            case 429 -> "Too many requests, please wait before trying again.";
            case 403 -> "You don't have access to the model with the specified model ID.";
            case 503 -> "The service is temporarily unable to handle the request.";
            case 400 -> "The model returned the following errors: invalid request";
            default -> "The mock upstream answered HTTP " + status + ".";
        });
    }

    @Override
    public Buffer mockFailure(String message) {
        return error("InternalServerException", message);
    }

    /** Bedrock's error type for a status. */
    static String type(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> "InternalServerException";
        };
    }

    /** A Bedrock error body; the type is in the {@code x-amzn-ErrorType} header too, where the wire sets it. */
    static Buffer error(String type, String message) {
        return JsonText.buffer(JsonText.MAPPER.createObjectNode().put("__type", type).put("message", message));
    }

    private String signature() {
        return "bedrock-sig-" + sequence;
    }

    private ObjectNode usage(Answer answer) {
        int output = answer.visibleTokens() + answer.thoughtTokens();
        return obj().put("inputTokens", inputTokens).put("outputTokens", output)
                .put("totalTokens", inputTokens + output).put("cacheReadInputTokens", 0).put("cacheWriteInputTokens", 0);
    }

    private static String toolUseId(ToolCall call) {
        return call.id().startsWith("tooluse_") ? call.id()
                : "tooluse_" + (call.id().startsWith("call_") ? call.id().substring("call_".length()) : call.id());
    }

    private static String stopReason(Answer answer) {
        return answer.calls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static ObjectNode obj() {
        return JsonText.MAPPER.createObjectNode();
    }

    private Buffer event(String type, ObjectNode payload) {
        payload.put("p", PADDING.substring(0, (int) ((sequence + type.length()) % PADDING.length()) + 1));
        return frame("event", Map.of(":event-type", type), JsonText.MAPPER.writeValueAsString(payload));
    }

    /** One event-stream frame. */
    static Buffer frame(String messageType, Map<String, String> extra, String payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        extra.forEach((k, v) -> headers.put(k, HeaderValue.fromString(v)));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString(messageType));
        java.nio.ByteBuffer bytes = new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return Buffer.buffer(out);
    }
}
