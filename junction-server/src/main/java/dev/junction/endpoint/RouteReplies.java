package dev.junction.endpoint;

import dev.junction.observe.RequestRecord;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import dev.junction.routing.Pin;
import dev.junction.routing.RouteFailure;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What every routed endpoint (chat, embeddings) does around the route executor: the client's pin, cancellation when
 * it leaves, and the {@code X-Junction-*} headers and record fields of the outcome.
 */
final class RouteReplies {

    private RouteReplies() {}

    /** The debugging pin of {@code X-Junction-Deployment} / {@code X-Junction-Provider}, if any. */
    static Pin pin(RoutingContext ctx) {
        return Pin.of(ctx.request().getHeader("x-junction-deployment"), ctx.request().getHeader("x-junction-provider"));
    }

    /**
     * A cancellation that fires when the client goes away before the response has ended. Not
     * {@code response.closeHandler}: Vert.x Web uses it for its own end handlers, which log and count the request.
     */
    static Cancellation cancelOnDisconnect(RoutingContext ctx, RequestRecord record) {
        Cancellation cancellation = new Cancellation();
        ctx.addEndHandler(ar -> {
            if (!ctx.response().ended()) {
                record.clientDisconnected();
                cancellation.cancel();
            }
        });
        return cancellation;
    }

    /** Why a route failed, whatever the executor's future failed with. */
    static RouteFailure failureOf(Throwable cause) {
        return cause instanceof RouteFailure f ? f : new RouteFailure(UpstreamFailure.errorOf(cause), List.of());
    }

    /** Records the attempts and names them in {@code X-Junction-Attempts} while headers can still be written. */
    static void attempts(HttpServerResponse response, RequestRecord record, List<AttemptRecord> attempts) {
        record.attempts(attempts);
        if (!attempts.isEmpty() && !response.headWritten()) {
            response.putHeader("x-junction-attempts", attempts.stream().map(AttemptRecord::summary)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Records where the answer came from and says so in {@code X-Junction-Provider} and {@code -Model}. */
    static void target(HttpServerResponse response, RequestRecord record, Deployment step) {
        record.target(step.provider(), step.model());
        response.putHeader("x-junction-provider", step.provider()).putHeader("x-junction-model", step.model());
    }
}
