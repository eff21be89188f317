package dev.junction.stage.cost;

import dev.junction.governance.Caller;
import dev.junction.model.Usage;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.CacheHit;
import dev.junction.pipeline.Chain;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Outcome;
import dev.junction.pipeline.Reply;
import dev.junction.pipeline.SideCost;
import dev.junction.pipeline.Stage;
import dev.junction.pricing.Costs;
import dev.junction.pricing.UnitUsage;
import io.vertx.core.Future;

/**
 * Prices the request once it is over: its metered, standard and charged cost for the tokens it used, on the route it
 * was admitted for (a reload meanwhile changes nothing), written to the record; a response-cache hit meters nothing
 * and is charged its configured share of the standard cost. Placed after the budget stage, so it
 * finishes before it and the budget settles the charged cost. A request that used no tokens and no units (images,
 * seconds of audio, search units: what the operation recorded on the record) costs nothing of its own. Side costs
 * ({@link SideCost}: a semantic cache lookup's embedding call) are added to whatever the request cost.
 */
public final class CostStage implements Stage {

    @Override
    public Future<Reply> handle(Exchange exchange, Chain chain) {
        return chain.proceed(exchange);
    }

    @Override
    public void finish(Exchange exchange, Outcome outcome) {
        Usage usage = outcome.usage();
        RequestRecord record = exchange.record();
        UnitUsage units = record.units();
        Costs side = SideCost.total(exchange);
        if ((usage.totalTokens() == 0 && units.isEmpty()) || exchange.route().isEmpty()) {
            if (!side.equals(Costs.ZERO)) {
                record.costs(side);
            }
            return;
        }
        Caller caller = exchange.caller().orElseGet(() -> Caller.configured(record.keyNameOrDash()));
        Costs costs = exchange.runtime().governor().costs(caller, record.publicModel(), exchange.route().get(),
                record.deployment(), usage, units);
        // A cache hit meters nothing (no upstream was called) and is charged its share of the standard cost.
        Costs own = CacheHit.of(exchange).map(hit -> new Costs(0, costs.standardNanos(),
                Math.round(costs.standardNanos() * hit.chargeShare()))).orElse(costs);
        record.costs(new Costs(own.meteredNanos() + side.meteredNanos(), own.standardNanos() + side.standardNanos(),
                own.chargedNanos() + side.chargedNanos()));
    }
}
