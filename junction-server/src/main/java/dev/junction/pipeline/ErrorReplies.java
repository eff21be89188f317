package dev.junction.pipeline;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.observe.RequestRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a {@link GatewayError} as an error response in the client's dialect, with {@code Retry-After} when one is
 * known.
 */
public final class ErrorReplies {

    private ErrorReplies() {}

    /** Records the error and answers with it, before anything was written. */
    public static void reject(HttpServerResponse response, RequestRecord record, ClientDialect dialect,
                              GatewayError error) {
        record.status(dialect.status(error)).error(error);
        send(response, dialect, error);
    }

    /** Ends the response with the error in the dialect the request was marked with. */
    public static void send(RoutingContext ctx, GatewayError error) {
        send(ctx.response(), ClientDialect.of(ctx), error);
    }

    /** Ends the response with the error, unless it has already been written or closed. */
    public static void send(HttpServerResponse response, ClientDialect dialect, GatewayError error) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(dialect.status(error)).putHeader("content-type", "application/json");
        error.retryAfter().ifPresent(d -> response.putHeader("retry-after",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        if (!error.retryable() && (dialect == ClientDialect.ANTHROPIC
                || error instanceof GatewayError.BudgetExceeded)) {
            // The Anthropic and OpenAI SDKs honour this and skip their own retries for errors that would fail again
            // (an exhausted budget is a 429 an OpenAI SDK would otherwise retry).
            response.putHeader("x-should-retry", "false");
        }
        response.end(Buffer.buffer(Json.bytes(dialect.codec().renderError(error))));
    }
}
