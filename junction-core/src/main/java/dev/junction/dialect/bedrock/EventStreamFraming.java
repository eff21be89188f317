package dev.junction.dialect.bedrock;

import dev.junction.json.Json;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.StreamFraming;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS event-stream framing ({@code application/vnd.amazon.eventstream}) of Bedrock's streams, decoded by the AWS
 * SDK's {@link MessageDecoder} (which checks both CRCs and reassembles frames split across reads), each frame
 * becoming one {@link SseEvent} so the relay above stays the same:
 * <ul>
 *   <li>an event frame becomes {@code event: <:event-type>} with the payload JSON as its data
 *       ({@link #CONVERSE});</li>
 *   <li>for {@code invoke-with-response-stream} of a Claude model ({@link #INVOKE}) a {@code chunk} frame is
 *       unwrapped: its base64 {@code bytes} are the model's own stream event, relayed as {@code event: <type>} with
 *       that JSON, and an exception frame becomes Anthropic's {@code event: error}, so the stream is Anthropic's
 *       through and through;</li>
 *   <li>on ConverseStream an exception or error frame becomes {@code event: exception} with
 *       {@code {"exceptionType": …, "message": …}}, which the Converse decoder turns into a stream error.</li>
 * </ul>
 */
public final class EventStreamFraming implements StreamFraming {

    /** The content type of an AWS event stream. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    /** The name of the synthetic event an exception frame becomes. */
    public static final String EXCEPTION = "exception";

    /** ConverseStream: frames relayed as they are. */
    public static final EventStreamFraming CONVERSE = new EventStreamFraming(false);

    /** InvokeModelWithResponseStream of a Claude model: {@code chunk} frames unwrapped to Anthropic's events. */
    public static final EventStreamFraming INVOKE = new EventStreamFraming(true);

    private final boolean unwrapChunks;

    private EventStreamFraming(boolean unwrapChunks) {
        this.unwrapChunks = unwrapChunks;
    }

    @Override
    public boolean accepts(String contentType) {
        return contentType.startsWith(CONTENT_TYPE);
    }

    @Override
    public Parser parser(Consumer<SseEvent> sink) {
        MessageDecoder decoder = new MessageDecoder(message -> sink.accept(toEvent(message)));
        return new Parser() {
            @Override
            public void feed(Buffer chunk) {
                try {
                    decoder.feed(chunk.getBytes());
                } catch (RuntimeException e) {
                    throw new MalformedStreamException("a malformed event-stream frame (" + e.getMessage() + ")");
                }
            }

            @Override
            public void end() {
                // A partial frame at the end is a cut stream: the decoder's caller sees no terminal event.
            }
        };
    }

    /** One frame as an SSE event. */
    SseEvent toEvent(Message message) {
        String type = header(message, ":message-type").orElse("event");
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        if (type.equals("exception") || type.equals("error")) {
            String kind = header(message, ":exception-type").or(() -> header(message, ":error-code"))
                    .orElse("internalServerException");
            String text = header(message, ":error-message").orElseGet(() -> Json.tryParse(payload)
                    .map(p -> p.path("message").asString(p.path("Message").asString(""))).orElse(""));
            return unwrapChunks ? anthropicError(kind, text)
                    : sse(EXCEPTION, Json.write(Json.object().put("exceptionType", kind).put("message", text)));
        }
        String event = header(message, ":event-type").orElse("");
        if (unwrapChunks && event.equals("chunk")) {
            Optional<JsonNode> wrapper = Json.tryParse(payload);
            String bytes = wrapper.map(w -> w.path("bytes").asString("")).orElse("");
            try {
                String inner = new String(Base64.getDecoder().decode(bytes), StandardCharsets.UTF_8);
                String innerType = Json.tryParse(inner).map(n -> n.path("type").asString("")).orElse("");
                return sse(innerType, inner);
            } catch (IllegalArgumentException e) {
                return anthropicError("internalServerException", "a chunk whose bytes are not base64");
            }
        }
        return sse(event, payload);
    }

    /**
     * An exception frame of Claude's invoke stream as Anthropic's own {@code error} event, so that an Anthropic
     * client relayed the stream, and the Anthropic decoder, both understand it: throttling and exhausted quotas are
     * {@code rate_limit_error}, an unavailable or unready model {@code overloaded_error}, anything else
     * {@code api_error}; the message is Bedrock's, prefixed with the exception type.
     */
    private static SseEvent anthropicError(String exceptionType, String message) {
        String type = switch (exceptionType.toLowerCase(Locale.ROOT)) {
            case "throttlingexception", "servicequotaexceededexception" -> "rate_limit_error";
            case "serviceunavailableexception", "modelnotreadyexception" -> "overloaded_error";
            default -> "api_error";
        };
        ObjectNode event = Json.object().put("type", "error");
        event.putObject("error").put("type", type).put("message", message.isBlank() ? exceptionType : message);
        return sse("error", Json.write(event));
    }

    private static SseEvent sse(String event, String json) {
        // JSON has no raw line breaks inside strings, so removing them keeps the value and makes one data line.
        String data = json.replace("\r", "").replace("\n", "");
        return SseEvent.of((event.isEmpty() ? "" : "event: " + event + "\n") + "data: " + data + "\n\n");
    }

    private static Optional<String> header(Message message, String name) {
        HeaderValue value = message.getHeaders().get(name);
        return value == null ? Optional.empty() : Optional.of(value.getString());
    }
}
