package dev.junction.governance;

import dev.junction.budget.BudgetAccount;
import dev.junction.budget.BudgetLedger;
import dev.junction.entity.Budget;
import dev.junction.store.Database;
import dev.junction.config.AnalyticsSettings;
import dev.junction.store.SpendSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives budgets new to this process their current period's spend from the request log, the record of truth, before a
 * snapshot that holds them is published (the ledger keeps the larger of the two figures, so a shared ledger that is
 * ahead is not set back). A budget whose seed fails (Redis down) is tried again with the next snapshot or
 * {@link #retry}; its failure never stops a snapshot from being published, so revocations still apply. Thread safe;
 * blocking: call it on a database thread.
 */
final class BudgetSeeds {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetSeeds.class);

    private final Database database;
    private final BudgetLedger ledger;
    private final Clock clock;
    private final AnalyticsSettings retention;
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();
    private volatile List<Budget> pending = List.of();

    /** @param retention how long the rollups are kept, for reading spend from them */
    BudgetSeeds(Database database, BudgetLedger ledger, Clock clock, AnalyticsSettings retention) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
        this.retention = retention;
    }

    /** Seeds every budget of the snapshot not seeded yet (in its current amount and period), in parallel. */
    void seed(List<Budget> budgets) {
        SpendSummary spend = new SpendSummary(database, retention, clock);
        List<Budget> started = new ArrayList<>();
        List<CompletableFuture<?>> seeds = new ArrayList<>();
        for (Budget budget : budgets) {
            if (!seeded.add(identity(budget))) {
                continue;
            }
            BudgetAccount account = KeyGrant.account(budget);
            var window = budget.period().window(clock.instant(), budget.timeZone());
            long spent = spend.spentSince(budget.scope(), budget.scopeId(), window.start());
            started.add(budget);
            seeds.add(ledger.seed(account, spent).toCompletableFuture());
        }
        List<Budget> failed = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            try {
                seeds.get(i).join();
            } catch (RuntimeException e) {
                seeded.remove(identity(started.get(i)));
                failed.add(started.get(i));
            }
        }
        if (!failed.isEmpty()) {
            LOG.atWarn().addKeyValue("budgets", failed.size())
                    .log("Could not seed budgets in the ledger; they are tried again, and fail closed meanwhile");
        }
        pending = List.copyOf(failed);
    }

    /** Tries the budgets whose seed failed again. */
    void retry() {
        List<Budget> again = pending;
        if (!again.isEmpty()) {
            seed(again);
        }
    }

    private static String identity(Budget budget) {
        return budget.id() + "@" + budget.amountNanos() + "@" + budget.period();
    }
}
