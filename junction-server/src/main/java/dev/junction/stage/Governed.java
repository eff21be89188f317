package dev.junction.stage;

import dev.junction.governance.Governor;
import dev.junction.governance.Refusal;
import dev.junction.model.GatewayError;
import dev.junction.pipeline.CacheHit;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import io.vertx.core.Future;
import java.util.OptionalInt;
import org.slf4j.Logger;

/**
 * What the governance stages (rate limits, budgets) share: the {@link Governor.Ask} of an exchange, and the reply to
 * a governor that refused or failed. Stateless.
 */
public final class Governed {

    private Governed() {}

    /** What the governor needs to know of the exchange's operation on its resolved route. */
    public static Governor.Ask ask(Exchange exchange) {
        var operation = exchange.operation();
        return new Governor.Ask(exchange.requestId(), operation.model(), exchange.route().orElseThrow(),
                exchange::inputTokens, operation.maxOutputTokens(), operation.worstCaseUnits());
    }

    /**
     * What the governor needs to know of an exchange the response cache answers ({@link CacheHit}): no tokens, so the
     * rate limits count the request but not its tokens and the budgets reserve nothing.
     */
    public static Governor.Ask askForHit(Exchange exchange) {
        return new Governor.Ask(exchange.requestId(), exchange.operation().model(), exchange.route().orElseThrow(),
                () -> 0, OptionalInt.of(0));
    }

    /** {@link #ask}, or {@link #askForHit} when the response cache answers the exchange. */
    public static Governor.Ask askOf(Exchange exchange) {
        return CacheHit.of(exchange).isPresent() ? askForHit(exchange) : ask(exchange);
    }

    /**
     * The answer when the governor did not let the request in: its {@link Refusal}'s error, or, for any other failure
     * (logged), an internal error saying which check could not be made.
     */
    public static Future<Reply> refused(Exchange exchange, Throwable cause, Logger log, String check) {
        if (cause instanceof Refusal refusal) {
            return Future.succeededFuture(new Reply.Refused(refusal.error()));
        }
        log.error("The gateway could not check the {} of request {}", check, exchange.requestId(), cause);
        return Future.succeededFuture(new Reply.Refused(
                new GatewayError.Internal("The gateway could not check the request's " + check + ".")));
    }
}
