package dev.junction.endpoint.moderation;

import dev.junction.endpoint.ChatOperation;
import dev.junction.model.Usage;
import dev.junction.moderation.ModerationRequest;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.WholeAnswerOperation;
import dev.junction.routing.OperationKind;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import dev.junction.tokens.TokenEstimator;
import io.vertx.core.Future;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moderations, routed with failover to OpenAI-compatible providers; the answer is the upstream's with the public
 * model's name. The input tokens (estimated: moderation answers report none) count for limits. Immutable.
 */
public final class ModerationOperation implements WholeAnswerOperation {

    private final ModerationRequest request;

    public ModerationOperation(ModerationRequest request) {
        this.request = request;
    }

    /** The request, for the guardrails and extensions. */
    public ModerationRequest request() {
        return request;
    }

    @Override
    public OperationKind kind() {
        return OperationKind.MODERATIONS;
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public long estimateInputTokens() {
        return request.texts().stream().mapToLong(TokenEstimator::count).sum();
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().<ObjectNode>run(route, facts(), ChatOperation.pin(exchange), exchange.cancellation(),
                (provider, step) -> rt.moderationAdapter(provider).moderate(request, provider, step.model(),
                        exchange.requestId(), exchange.propagation(), exchange.cancellation())).map(routed -> {
            exchange.record().usage(new Usage(exchange.inputTokens(), 0, 0, 0, 0));
            ObjectNode body = routed.value().deepCopy().put("model", request.model());
            return new Routed<>(new Reply.Json(body), routed.step(), routed.attempts(), routed.delivered());
        });
    }
}
