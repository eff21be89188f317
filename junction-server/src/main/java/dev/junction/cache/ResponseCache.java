package dev.junction.cache;

import dev.junction.config.CacheSettings;
import java.time.Clock;
import java.util.Optional;

/**
 * The gateway's response cache: the backend chosen at start-up (it outlives configuration reloads, which change only
 * the policies), the gateway's clock (entries expire by it), and this replica's statistics. Thread safe.
 *
 * @param store where entries live
 * @param clock the gateway's clock
 * @param stats hits, misses and savings on this replica
 */
public record ResponseCache(CacheStore store, Clock clock, CacheStats stats) {

    /** The cache {@code settings} ask for, or empty when they turn it off. */
    public static Optional<ResponseCache> start(CacheSettings settings, Optional<String> redisUrl, Clock clock) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        CacheStore store = settings.backend() == CacheSettings.Backend.REDIS && redisUrl.isPresent()
                ? new RedisCacheStore(redisUrl.get(), settings.redisPrefix(), clock)
                : new MemoryCacheStore(settings.maxEntries(), settings.maxBytes(), clock);
        return Optional.of(new ResponseCache(store, clock, new CacheStats()));
    }
}
