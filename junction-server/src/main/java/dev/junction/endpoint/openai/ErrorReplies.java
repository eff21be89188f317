package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes a {@link GatewayError} as an OpenAI error response, with {@code Retry-After} when one is known. */
public final class ErrorReplies {

    private ErrorReplies() {}

    /** Ends the response with the error, unless it has already been written or closed. */
    public static void send(HttpServerResponse response, GatewayError error) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("content-type", "application/json");
        error.retryAfter().ifPresent(d -> response.putHeader("retry-after",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        response.end(Buffer.buffer(Json.bytes(OpenAiErrors.render(error))));
    }
}
