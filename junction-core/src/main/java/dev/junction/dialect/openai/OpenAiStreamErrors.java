package dev.junction.dialect.openai;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.secret.Redactor;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors in OpenAI's media event streams (image events, transcript events), both ways: the {@code error} event the
 * gateway ends a broken stream with ({@code event: error} and {@code {"type": "error", "error": {message, type,
 * param, code}}}, which the OpenAI SDKs raise as an API error), and an upstream's own in-stream error, read so that it
 * is told again with its message redacted rather than passed on. Stateless.
 */
public final class OpenAiStreamErrors {

    private OpenAiStreamErrors() {}

    /** The error event that ends a client's stream. */
    public static Buffer event(GatewayError error) {
        ObjectNode data = Json.object().put("type", "error");
        data.set("error", OpenAiErrors.render(error).path("error"));
        return Buffer.buffer("event: error\ndata: " + Json.write(data) + "\n\n");
    }

    /**
     * The error an upstream's event reports: an {@code event: error}, or data that is an error ({@code {"error":
     * …}}, {@code {"type": "error", …}}); empty for any other event. Only the bytes' start is looked at for other
     * events (image events carry megabytes of base64).
     */
    public static Optional<GatewayError> of(SseEvent event, Redactor redactor) {
        if (!event.event().equals("error") && !event.dataStartsWith("{\"error\"")
                && !event.dataStartsWith("{\"type\":\"error\"")) {
            return Optional.empty();
        }
        JsonNode data = Json.tryParse(event.data()).orElse(Json.object());
        JsonNode error = data.path("error").isObject() ? data.path("error") : data;
        String message = redactor.redact(error.path("message").asString("no message"));
        return Optional.of(new GatewayError.BadGateway("The upstream stream failed: " + message, false));
    }

    /** The error of a stream that ended before its last event. */
    public static GatewayError cut() {
        return new GatewayError.BadGateway("The upstream ended the stream without finishing it.", false);
    }
}
