package dev.junction.stage.budget;

import dev.junction.governance.BudgetHold;
import dev.junction.governance.Caller;
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
 * Reserves the request's worst-case charged cost (estimated input plus its output cap, at the dearest deployment of
 * the route) in every budget of the caller before anything is sent, so concurrent requests cannot overspend; refuses
 * when a budget cannot afford it. When the request is over, settles the real charged cost (set on the record by the
 * cost stage, which finishes first) and releases the rest, once the record is journaled ({@link #finish}). A request the response cache answers reserves nothing
 * and settles what the hit is charged (nothing by default).
 */
public final class BudgetStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetStage.class);
    private static final Exchange.Attribute<BudgetHold> HOLD = new Exchange.Attribute<>("budget-hold");

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        Optional<Caller> caller = exchange.caller();
        if (caller.isEmpty() || caller.get().grant().isEmpty()) {
            return chain.proceed(exchange);
        }
        Future<Optional<BudgetHold>> held = exchange.runtime().governor().reserve(caller.get(), Governed.askOf(exchange),
                exchange.context());
        return held.transform(ar -> {
            if (ar.succeeded()) {
                ar.result().ifPresent(hold -> exchange.attach(HOLD, hold));
                return chain.proceed(exchange);
            }
            return Governed.refused(exchange, ar.cause(), LOG, "budgets");
        });
    }

    /**
     * Settles once the request's record is in the journal, not before: the record keeps the settlement, so a gateway
     * killed in between settles it when its journal is delivered, and budgets are charged exactly what the request
     * log holds (a request killed before its record was journaled charges nothing; its hold runs out with its lease).
     */
    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        exchange.attached(HOLD).ifPresent(hold -> {
            long charged = exchange.record().costs().chargedNanos();
            exchange.record().budget(hold.settlement(charged), () -> hold.settle(charged));
        });
    }
}
