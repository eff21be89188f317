package dev.junction.stage.limit;

import dev.junction.governance.Caller;
import dev.junction.governance.LimitHold;
import dev.junction.governance.Refusal;
import dev.junction.pipeline.CacheHit;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.Stage;
import dev.junction.stage.Governed;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the request's allowance under the caller's RPM, TPM and concurrency limits (key, user, team and tenant at
 * once), says what is left in {@code x-ratelimit-*} headers, and refuses with a 429 and {@code Retry-After} when a
 * limit is exceeded. When the request is over, gives back the concurrency slot and corrects the tokens taken by the
 * estimate to the tokens used. A request the response cache answers counts against RPM and concurrency but takes
 * and uses no tokens.
 */
public final class RateLimitStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitStage.class);
    private static final Exchange.Attribute<LimitHold> HOLD = new Exchange.Attribute<>("limit-hold");

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        Optional<Caller> caller = exchange.caller();
        if (caller.isEmpty() || caller.get().grant().isEmpty()) {
            return chain.proceed(exchange);
        }
        Future<Optional<LimitHold>> held = exchange.runtime().governor().limit(caller.get(), Governed.askOf(exchange),
                exchange.context());
        return held.transform(ar -> {
            if (ar.succeeded()) {
                ar.result().ifPresent(hold -> {
                    exchange.attach(HOLD, hold);
                    LimitHeaders.allowed(exchange.response(), exchange.dialect(), hold.limits());
                });
                return chain.proceed(exchange);
            }
            if (ar.cause() instanceof Refusal refusal) {
                refusal.limit().ifPresent(d -> LimitHeaders.denied(exchange.response(), exchange.dialect(), d));
            }
            return Governed.refused(exchange, ar.cause(), LOG, "limits");
        });
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        // A cache hit counts as a request, never as tokens.
        long used = CacheHit.of(exchange).isPresent() ? 0 : outcome.usage().totalTokens();
        exchange.attached(HOLD).ifPresent(hold -> hold.release(used));
    }
}
