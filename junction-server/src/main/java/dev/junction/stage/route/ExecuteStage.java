package dev.junction.stage.route;

import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.routing.AttemptRecord;
import dev.junction.routing.Deployment;
import dev.junction.routing.RouteFailure;
import dev.junction.upstream.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * The last stage: runs the operation on its route, with failover, and answers with what the winning step produced,
 * or with the route's error once every step failed. Records where the answer came from ({@code X-Junction-Provider},
 * {@code -Model}, {@code -Deployment}, {@code -Attempts}). The winning deployment counts the request as in flight until the request is
 * over (a stream's end), so least-busy sees streams, and then counts the tokens it used against its own TPM instead of
 * the estimate. Never proceeds.
 */
public final class ExecuteStage implements Stage {

    private static final Exchange.Attribute<LongConsumer> DELIVERED = new Exchange.Attribute<>("delivered");

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        RequestRecord record = exchange.record();
        HttpServerResponse response = exchange.response();
        return exchange.operation().execute(exchange, exchange.route().orElseThrow()).transform(ar -> {
            if (ar.failed()) {
                RouteFailure failure = ar.cause() instanceof RouteFailure f ? f
                        : new RouteFailure(UpstreamFailure.errorOf(ar.cause()), List.of());
                attempts(response, record, failure.attempts());
                if (!failure.attempts().isEmpty()) {
                    record.deployment(failure.attempts().getLast().step());
                }
                return Future.succeededFuture(new Reply.Refused(failure.error()));
            }
            var routed = ar.result();
            exchange.attach(DELIVERED, routed.delivered());
            target(response, record, routed.step());
            attempts(response, record, routed.attempts());
            return Future.succeededFuture(routed.value());
        });
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        exchange.attached(DELIVERED).ifPresent(delivered -> delivered.accept(outcome.usage().totalTokens()));
    }

    /** Records the attempts and names them in {@code X-Junction-Attempts} while headers can still be written. */
    private static void attempts(HttpServerResponse response, RequestRecord record, List<AttemptRecord> attempts) {
        record.attempts(attempts);
        if (!attempts.isEmpty() && !response.headWritten()) {
            response.putHeader("x-junction-attempts", attempts.stream().map(AttemptRecord::summary)
                    .collect(Collectors.joining(", ")));
        }
    }

    /** Records where the answer came from and says so in {@code X-Junction-Provider} and {@code -Model}. */
    private static void target(HttpServerResponse response, RequestRecord record, Deployment step) {
        record.deployment(step);
        response.putHeader("x-junction-provider", step.provider()).putHeader("x-junction-model", step.model())
                .putHeader("x-junction-deployment", step.id());
    }
}
