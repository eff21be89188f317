package dev.junction.stage.access;

import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;

/** Refuses, with a 403 in the client's dialect, a model outside the caller's key's model scope. */
public final class ModelScopeStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        var refusal = exchange.caller().flatMap(caller ->
                exchange.runtime().governor().scope(caller, exchange.operation().model()));
        return refusal.isPresent() ? Future.succeededFuture(new Reply.Refused(refusal.get()))
                : chain.proceed(exchange);
    }
}
