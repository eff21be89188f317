package dev.junction.live;

import dev.junction.budget.BudgetState;
import dev.junction.entity.Budget;
import dev.junction.events.BudgetChanged;
import dev.junction.events.EventBus;
import dev.junction.governance.Governance;
import dev.junction.governance.GovernanceSnapshot;
import dev.junction.governance.KeyGrant;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget changes for the live stream. Spending settles in the ledger (in memory, or Redis shared by every replica)
 * with no event per request; so while at least one reader is connected, the ledger's state of every budget is read
 * every {@code every} (one read for all budgets, never on the request path) and a {@link BudgetChanged} is published
 * for each budget whose spent or reserved amount, or period, moved since the last read. With no reader nothing is
 * read. The first read, as the first reader joins, only notes where each budget stands.
 */
public final class BudgetChanges {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetChanges.class);

    private record Seen(long spent, long reserved, long periodStart) {}

    private final Vertx vertx;
    private final EventBus events;
    private final Governance governance;
    private final Clock clock;
    private final Duration every;
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicBoolean polling = new AtomicBoolean();
    private long timer = -1;
    private Map<String, Seen> last = null;

    public BudgetChanges(Vertx vertx, EventBus events, Governance governance, Clock clock, Duration every) {
        this.vertx = vertx;
        this.events = events;
        this.governance = governance;
        this.clock = clock;
        this.every = every;
    }

    /** A reader connected: reads start with the first. */
    synchronized void joined() {
        if (readers.getAndIncrement() == 0) {
            last = null;
            timer = vertx.setPeriodic(every.toMillis(), id -> poll());
            vertx.runOnContext(v -> poll()); // where each budget stands when the first reader joins
        }
    }

    /** A reader left: reads stop with the last. */
    synchronized void left() {
        if (readers.decrementAndGet() == 0 && timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** How many readers are connected. */
    public int readers() {
        return readers.get();
    }

    void poll() {
        GovernanceSnapshot snapshot = governance.snapshot();
        List<Budget> budgets = snapshot.budgets();
        if (budgets.isEmpty() || !polling.compareAndSet(false, true)) {
            return;
        }
        governance.ledger().state(budgets.stream().map(KeyGrant::account).toList()).whenComplete((states, e) -> {
            try {
                if (e != null) {
                    LOG.debug("The budget ledger could not be read for the live stream: {}", e.toString());
                } else {
                    compare(snapshot, budgets, states);
                }
            } finally {
                polling.set(false);
            }
        });
    }

    private synchronized void compare(GovernanceSnapshot snapshot, List<Budget> budgets, List<BudgetState> states) {
        Map<String, Budget> byAccount = new HashMap<>();
        budgets.forEach(b -> byAccount.put(KeyGrant.account(b).id(), b));
        Map<String, Seen> now = new HashMap<>();
        boolean baseline = last == null;
        for (BudgetState state : states) {
            Budget budget = byAccount.get(state.account().id());
            if (budget == null) {
                continue;
            }
            Seen seen = new Seen(state.spentNanos(), state.reservedNanos(), state.window().start().toEpochMilli());
            now.put(budget.id(), seen);
            if (!baseline && !seen.equals(last.get(budget.id()))) {
                events.publish(new BudgetChanged(clock.instant(), budget.id(), budget.scope().wireName(),
                        budget.scopeId(), snapshot.tenantOfBudget(budget.id()), state.account().limitNanos(),
                        state.spentNanos(), state.reservedNanos(), state.window().start(), state.window().end()));
            }
        }
        last = now;
    }
}
