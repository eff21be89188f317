package dev.junction.pipeline;

import dev.junction.model.GatewayException;
import io.vertx.core.Future;

/**
 * Turns the request body into its {@link Operation} (validating it), so that the stages after it know the model and
 * the request's size. A body that does not validate is answered with the dialect's 400. Placed after authentication,
 * so that a caller without a key learns nothing about the body.
 */
public final class DecodeStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        try {
            exchange.decode();
        } catch (GatewayException e) {
            return Future.succeededFuture(new Reply.Refused(e.error()));
        }
        return chain.proceed(exchange);
    }
}
