package dev.junction.governance;

import dev.junction.pricing.CostCalculator;
import dev.junction.pricing.PriceCatalog;
import dev.junction.routing.Price;
import dev.junction.store.GovernanceData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot the data plane reads and the prices that go with it, and how a load of the store becomes the next
 * one: new budgets are seeded in the ledger first, then the snapshot and the cost calculator are swapped in, then
 * those who follow the stored providers and routes are told when they changed. A load older than the published
 * snapshot is ignored. Thread safe: reads are lock free; publishing is serialised and runs on a database thread.
 */
final class PublishedSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedSnapshot.class);

    private final AtomicReference<GovernanceSnapshot> current = new AtomicReference<>(GovernanceSnapshot.EMPTY);
    private final AtomicReference<CostCalculator> costs = new AtomicReference<>();
    private final Map<String, Price> configuredPrices;
    private final BudgetSeeds seeds;
    private final List<Consumer<GovernanceSnapshot>> storedConfigListeners = new CopyOnWriteArrayList<>();

    /** @param configuredPrices the configuration's price overrides, which stored ones override in turn */
    PublishedSnapshot(Map<String, Price> configuredPrices, BudgetSeeds seeds) {
        this.configuredPrices = Map.copyOf(configuredPrices);
        this.seeds = seeds;
        costs.set(new CostCalculator(PriceCatalog.bundled().withOverrides(configuredPrices)));
    }

    GovernanceSnapshot get() {
        return current.get();
    }

    CostCalculator costs() {
        return costs.get();
    }

    /** See {@link Governance#onStoredConfigChange}. */
    void onStoredConfigChange(Consumer<GovernanceSnapshot> listener) {
        storedConfigListeners.add(listener);
    }

    /** Publishes a load of the store, unless a newer one is published already. Blocking: on a database thread. */
    synchronized void publish(GovernanceData data) {
        if (data.revision() < current.get().revision()) {
            return; // a slower load from before a change that is already published: publishing it would undo the change
        }
        GovernanceSnapshot next = GovernanceSnapshot.of(data);
        Map<String, Price> overrides = new LinkedHashMap<>(configuredPrices);
        data.priceOverrides().forEach(o -> overrides.put(o.model(), o.toPrice()));
        seeds.seed(next.budgets());
        costs.set(new CostCalculator(PriceCatalog.bundled().withOverrides(overrides)));
        GovernanceSnapshot previous = current.getAndSet(next);
        if (next.storedConfigDiffers(previous)) {
            for (Consumer<GovernanceSnapshot> listener : storedConfigListeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) { // one listener's failure must not stop publishing or the others
                    LOG.error("A listener failed to apply the changed stored providers and routes", e);
                }
            }
        }
    }
}
