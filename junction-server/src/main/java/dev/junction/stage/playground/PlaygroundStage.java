package dev.junction.stage.playground;

import dev.junction.governance.Caller;
import dev.junction.model.GatewayError;
import dev.junction.observe.RequestSource;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import io.vertx.core.Future;

/**
 * The playground's caller: the operator the admin API authenticated (its endpoint marks the exchange with
 * {@link #OPERATOR} before the stages run). The caller is a configured key of the operator's name, with no grant, so
 * no user's budget or rate limit applies; the request is marked {@link RequestSource#PLAYGROUND}, so the request log
 * and the rollups keep it apart from the data plane's. Stands where {@link dev.junction.stage.auth.AuthenticationStage}
 * stands in the routed pipeline; an exchange without the mark is refused (it did not come through the admin API).
 */
public final class PlaygroundStage implements Stage {

    /** The name of the operator (the admin key's, or the console session's) the admin API let in. */
    public static final Exchange.Attribute<String> OPERATOR = new Exchange.Attribute<>("playground-operator");

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        var operator = exchange.attached(OPERATOR);
        if (operator.isEmpty()) {
            return Future.succeededFuture(new Reply.Refused(
                    new GatewayError.Unauthorized("The playground takes requests through the admin API only.")));
        }
        exchange.caller(Caller.configured(operator.get()));
        exchange.record().source(RequestSource.PLAYGROUND);
        return chain.proceed(exchange);
    }
}
