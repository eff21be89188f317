package dev.junction.cache.runtime;

import dev.junction.cache.CacheStats;
import dev.junction.cache.CacheStore;
import dev.junction.cache.MemoryCacheStore;
import dev.junction.cache.RedisCacheStore;
import dev.junction.cache.semantic.SemanticCache;
import dev.junction.cache.semantic.SemanticIndex;
import dev.junction.cache.semantic.SemanticStream;
import dev.junction.config.CacheSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gateway's response cache: the backend chosen at start-up (it outlives configuration reloads, which change only
 * the policies), the semantic index (under the data directory; shared through a Redis stream when the backend is
 * Redis), the gateway's clock (entries expire by it), and this replica's statistics. Thread safe.
 *
 * @param store where entries live
 * @param semantic the index of entries found by meaning
 * @param clock the gateway's clock
 * @param stats hits, misses and savings on this replica
 */
public record ResponseCache(CacheStore store, SemanticCache semantic, Clock clock, CacheStats stats)
        implements AutoCloseable {

    /** Where the semantic index is kept, under the data directory. */
    public static final String SEMANTIC_DIR = "semantic-cache";

    /** The cache {@code settings} ask for, or empty when they turn it off. */
    public static Optional<ResponseCache> start(CacheSettings settings, Optional<String> redisUrl, Path dataDir,
                                                Clock clock) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        boolean shared = settings.backend() == CacheSettings.Backend.REDIS && redisUrl.isPresent();
        CacheStore store = shared ? new RedisCacheStore(redisUrl.get(), settings.redisPrefix(), clock)
                : new MemoryCacheStore(settings.maxEntries(), settings.maxBytes(), clock);
        Optional<SemanticStream> stream = shared
                ? Optional.of(new SemanticStream(redisUrl.get(), settings.redisPrefix(), settings.semanticMaxEntries()))
                : Optional.empty();
        SemanticCache semantic = new SemanticCache(() -> SemanticIndex.open(dataDir.resolve(SEMANTIC_DIR),
                settings.semanticMaxEntries()), stream, clock);
        if (semanticConfigured(settings)) {
            semantic.open();
        }
        return Optional.of(new ResponseCache(store, semantic, clock, new CacheStats()));
    }

    /** Whether some policy names an embedding model (the index then follows the replicas from start-up). */
    private static boolean semanticConfigured(CacheSettings settings) {
        return settings.defaults().semantic().embeddingModel().isPresent()
                || Stream.concat(settings.routes().values().stream(), settings.keys().values().stream())
                        .anyMatch(o -> o.semantic().flatMap(CacheSettings.SemanticOverrides::embeddingModel)
                                .isPresent());
    }

    /** Closes the backend and the semantic index; blocks briefly (shutdown). */
    @Override
    public void close() {
        semantic.close();
        store.close();
    }
}
