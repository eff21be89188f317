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

    /**
     * As {@link #reject}, for a request in a pipeline: the record and status are set at once, the error body is sent
     * once the pipeline's {@linkplain Exchange#beforeEnd before-end} work is done (the request log's journal).
     */
    public static void rejectAfter(Exchange exchange, GatewayError error) {
        HttpServerResponse response = exchange.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        ClientDialect dialect = exchange.dialect();
        exchange.record().status(dialect.status(error)).error(error);
        head(response, dialect, error);
        exchange.beforeEnd().onComplete(v -> {
            if (!response.ended() && !response.closed()) {
                response.end(body(dialect, error));
            }
        });
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
        head(response, dialect, error);
        response.end(body(dialect, error));
    }

    private static Buffer body(ClientDialect dialect, GatewayError error) {
        return Buffer.buffer(Json.bytes(dialect.codec().renderError(error)));
    }

    private static void head(HttpServerResponse response, ClientDialect dialect, GatewayError error) {
        response.setStatusCode(dialect.status(error)).putHeader("content-type", "application/json");
        error.retryAfter().ifPresent(d -> response.putHeader("retry-after",
                Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
        if (!error.retryable() && (dialect == ClientDialect.ANTHROPIC
                || error instanceof GatewayError.BudgetExceeded)) {
            // The Anthropic and OpenAI SDKs honour this and skip their own retries for errors that would fail again
            // (an exhausted budget is a 429 an OpenAI SDK would otherwise retry).
            response.putHeader("x-should-retry", "false");
        }
    }
}
