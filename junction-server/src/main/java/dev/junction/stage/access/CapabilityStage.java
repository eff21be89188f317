package dev.junction.stage.access;

import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;

/**
 * Refuses, with a 403 in the client's dialect naming the capability, an operation (images, rerank, audio, …) that
 * the caller's key or tenant turned off. Placed right after the model scope: a refused request takes no rate-limit
 * allowance and reserves no budget. Stateless.
 */
public final class CapabilityStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        var refusal = exchange.caller().flatMap(caller ->
                exchange.runtime().governor().capability(caller, exchange.operation().kind()));
        return refusal.isPresent() ? Future.succeededFuture(new Reply.Refused(refusal.get()))
                : chain.proceed(exchange);
    }
}
