package dev.junction.metrics;

import dev.junction.cache.CacheStats;
import dev.junction.pricing.Costs;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The response cache's counters on this replica: {@code junction_cache_hits_total}, {@code junction_cache_misses_total}
 * and {@code junction_cache_saved_usd_total} (the metered cost hits saved). Read at scrape time.
 */
final class CacheMeters implements MeterBinder {

    private final CacheStats stats;

    CacheMeters(CacheStats stats) {
        this.stats = stats;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("junction.cache.hits", stats, s -> s.total().hits())
                .description("Chat requests answered from the response cache").register(registry);
        FunctionCounter.builder("junction.cache.misses", stats, s -> s.total().misses())
                .description("Chat requests looked up in the response cache and not found").register(registry);
        FunctionCounter.builder("junction.cache.saved.usd", stats, s -> Costs.usd(s.total().savedNanos()))
                .description("The metered cost of the upstream calls cache hits saved").register(registry);
    }
}
