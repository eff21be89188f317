package dev.junction.server;

import dev.junction.governance.Caller;
import dev.junction.model.Usage;
import dev.junction.observe.BodyCapture;
import dev.junction.observe.RequestLog;
import dev.junction.observe.RequestRecord;
import dev.junction.pricing.Costs;
import dev.junction.routing.Route;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What happens once a data-plane request is over, whatever its outcome: its admission is finished (the budget
 * settled with the real charged cost, unused tokens and the concurrency slot given back), its three costs computed,
 * one log line written, and, for an authenticated caller, the record handed to the write-behind request log. Runs on
 * the request's event loop and never blocks.
 */
final class RequestCompletion {

    private final Supplier<GatewayRuntime> runtime;

    RequestCompletion(Supplier<GatewayRuntime> runtime) {
        this.runtime = runtime;
    }

    void complete(RoutingContext ctx, RequestRecord record) {
        GatewayRuntime rt = runtime.get();
        Caller caller = RequestContext.caller(ctx).orElseGet(() -> Caller.configured(record.keyNameOrDash()));
        // Only an admitted request reached an upstream: one that was not has used nothing and costs nothing.
        Costs costs = RequestContext.admission(ctx)
                .map(a -> a.finish(record.usage(), usage -> costs(rt, caller, record, a.route(), usage)))
                .orElse(Costs.ZERO);
        record.costs(costs);
        RequestLog.write(record);
        if (record.authenticated()) {
            if (record.capturing() && ctx.body() != null && ctx.body().buffer() != null) {
                record.requestBody(ctx.body().buffer().toString(StandardCharsets.UTF_8));
            }
            rt.governance().writer().offer(record.logged());
        }
    }

    /** The admitted route prices the request: no second lookup, and a reload meanwhile changes nothing. */
    private static Costs costs(GatewayRuntime rt, Caller caller, RequestRecord record, Route route, Usage usage) {
        if (usage.totalTokens() == 0) {
            return Costs.ZERO;
        }
        return rt.governor().costs(caller, record.publicModel(), route, record.deployment(), usage);
    }

    /** How a caller's request bodies are kept: everyone's when configured, else per key; empty when not. */
    static Optional<BodyCapture> capture(GatewayRuntime rt, Caller caller) {
        boolean on = rt.config().governance().requestLogs().captureBodies()
                || caller.grant().map(g -> g.key().captureBodies()).orElse(false);
        return on ? Optional.of(new BodyCapture(rt.redactor(), rt.config().governance().requestLogs().maxBodyBytes()))
                : Optional.empty();
    }

}
