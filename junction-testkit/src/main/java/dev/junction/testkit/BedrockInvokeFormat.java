package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders answers as Bedrock's InvokeModel for a Claude model (see {@code wire/others.md §2}): the body is the
 * Anthropic message; InvokeModelWithResponseStream sends each Anthropic stream event as an event-stream
 * {@code chunk} frame whose payload is {@code {"bytes": <base64 of the event's JSON>, "p": <padding>}}, the
 * {@code message_stop} event carrying Bedrock's {@code amazon-bedrock-invocationMetrics}. Errors are Bedrock's (see
 * {@link BedrockFormat}), the mid-stream one a {@code throttlingException} frame.
 *
 * @param anthropic the Anthropic rendering of the answer
 */
record BedrockInvokeFormat(AnthropicFormat anthropic, BedrockFormat bedrock) implements AnswerFormat {

    @Override
    public boolean streams() {
        return anthropic.streams();
    }

    @Override
    public CharSequence jsonContentType() {
        return Exchange.APPLICATION_JSON;
    }

    @Override
    public CharSequence streamContentType() {
        return BedrockFormat.EVENT_STREAM;
    }

    @Override
    public Optional<String> inexpressible(Answer answer) {
        return anthropic.inexpressible(answer);
    }

    @Override
    public Buffer body(Answer answer) {
        return anthropic.body(answer);
    }

    @Override
    public List<Buffer> events(Answer answer) {
        int output = answer.visibleTokens() + answer.thoughtTokens();
        return anthropic.events(answer).stream().map(sse -> chunk(sse, output)).toList();
    }

    private Buffer chunk(Buffer sse, int outputTokens) {
        String text = sse.toString(StandardCharsets.UTF_8);
        String data = text.substring(text.indexOf("data: ") + "data: ".length()).strip();
        ObjectNode event = (ObjectNode) JsonText.MAPPER.readTree(data);
        if (event.path("type").asString("").equals("message_stop")) {
            event.putObject("amazon-bedrock-invocationMetrics")
                    .put("inputTokenCount", anthropic.request().inputTokens()).put("outputTokenCount", outputTokens)
                    .put("invocationLatency", 42).put("firstByteLatency", 21);
        }
        String bytes = Base64.getEncoder().encodeToString(JsonText.MAPPER.writeValueAsBytes(event));
        ObjectNode payload = JsonText.MAPPER.createObjectNode().put("bytes", bytes).put("p", "abcdefgh");
        return BedrockFormat.frame("event", Map.of(":event-type", "chunk"), JsonText.MAPPER.writeValueAsString(payload));
    }

    @Override
    public Buffer streamError(int position) {
        return bedrock.streamError(position);
    }

    @Override
    public Buffer errorBody(int status, Map<String, String> behaviorHeaders) {
        return bedrock.errorBody(status, behaviorHeaders);
    }

    @Override
    public Buffer mockFailure(String message) {
        return bedrock.mockFailure(message);
    }
}
