package dev.junction.endpoint;

import dev.junction.governance.Admission;
import dev.junction.governance.Caller;
import dev.junction.governance.Governor;
import dev.junction.governance.Refusal;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.observe.RequestRecord;
import dev.junction.pricing.Costs;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RouteReplies.class);

    private RouteReplies() {}

    /**
     * Asks the governor to let the request in (model scope, rate limits, budget reservation) and continues with
     * {@code proceed} on the request's event loop; a refusal is answered in the client's dialect, with the limit's
     * {@code x-ratelimit-*} headers when a rate limit was hit. The admission is remembered on the request, which
     * finishes it when it ends; one that arrives after the client left is finished at once.
     */
    static void admit(RoutingContext ctx, GatewayRuntime rt, ClientDialect client, Governor.Ask ask,
                      Consumer<Admission> proceed) {
        RequestRecord record = RequestContext.record(ctx);
        Caller caller = RequestContext.caller(ctx).orElseGet(() -> Caller.configured(record.keyNameOrDash()));
        rt.governor().admit(caller, ask, Vertx.currentContext()).onComplete(ar -> {
            HttpServerResponse response = ctx.response();
            if (ar.succeeded()) {
                Admission admission = ar.result();
                if (response.ended() || response.closed()) {
                    admission.finish(Usage.ZERO, u -> Costs.ZERO);
                    return;
                }
                RequestContext.admission(ctx, admission);
                admission.limits().ifPresent(l -> LimitHeaders.allowed(response, client, l));
                proceed.accept(admission);
                return;
            }
            if (ar.cause() instanceof Refusal refusal) {
                refusal.limit().ifPresent(d -> LimitHeaders.denied(response, client, d));
                ErrorReplies.reject(response, record, client, refusal.error());
                return;
            }
            LOG.error("The governor failed on request {}", record.requestId(), ar.cause());
            ErrorReplies.reject(response, record, client,
                    new GatewayError.Internal("The gateway could not check the request's limits."));
        });
    }

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
        record.deployment(step);
        response.putHeader("x-junction-provider", step.provider()).putHeader("x-junction-model", step.model());
    }
}
