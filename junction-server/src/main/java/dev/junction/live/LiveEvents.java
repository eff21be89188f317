package dev.junction.live;

import dev.junction.events.EventBus;
import dev.junction.governance.Governance;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /api/admin/events}: the gateway's events as server-sent events, each named by its kind ({@code request},
 * {@code health}, …) with a JSON summary as its data, optionally only one tenant's ({@code ?tenant=}; gateway-wide
 * events such as health changes carry no tenant and are left out then). The caller is authenticated by the admin
 * API before this runs.
 */
public final class LiveEvents implements Handler<RoutingContext> {

    /** The path it is mounted on. */
    public static final String PATH = "/api/admin/events";
    /** How many events a reader's queue holds before they are lost. */
    static final int QUEUE_CAPACITY = 256;

    /** How often budgets are read for their changes while a reader is connected. */
    static final Duration BUDGET_POLL = Duration.ofSeconds(5);

    private final EventBus events;
    private final Governance governance;
    private BudgetChanges budgets;

    public LiveEvents(EventBus events, Governance governance) {
        this.events = events;
        this.governance = governance;
    }

    @Override
    public void handle(RoutingContext ctx) {
        handle(ctx, Optional.empty());
    }

    /**
     * Streams to a reader who may see only some tenants' events.
     *
     * @param reach the tenants the reader may see; empty for every tenant and the gateway-wide events. A reader
     *     with a reach sees no gateway-wide event (they carry no tenant), and {@code ?tenant=} only narrows it.
     */
    public void handle(RoutingContext ctx, Optional<java.util.Set<String>> reach) {
        Optional<String> tenant = Optional.ofNullable(ctx.request().getParam("tenant")).filter(t -> !t.isBlank());
        java.util.function.Predicate<Optional<String>> admits = eventTenant ->
                tenant.map(t -> eventTenant.equals(Optional.of(t))).orElse(true)
                        && reach.map(r -> eventTenant.filter(r::contains).isPresent()).orElse(true);
        BudgetChanges changes = budgets(ctx.vertx());
        changes.joined();
        new EventStream(ctx.response(), ctx.vertx().getOrCreateContext(), admits, QUEUE_CAPACITY, changes::left)
                .start(events);
    }

    private synchronized BudgetChanges budgets(Vertx vertx) {
        if (budgets == null) {
            budgets = new BudgetChanges(vertx, events, governance, governance.clock(), BUDGET_POLL);
        }
        return budgets;
    }
}
