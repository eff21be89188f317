package dev.junction.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Entries in this process (Caffeine), bounded by count and by encoded bytes, each expiring at its own time by the
 * gateway's clock. Caffeine bounds by one weight, so an entry weighs its encoded size but at least
 * {@code maxBytes / maxEntries}: neither bound can be passed. Thread safe; answers at once.
 */
public final class MemoryCacheStore implements CacheStore {

    /** An entry and its encoded size. */
    private record Held(CachedAnswer answer, int bytes) {
    }

    private final Cache<CacheKey, Held> entries;
    private final Clock clock;

    public MemoryCacheStore(long maxEntries, long maxBytes, Clock clock) {
        this.clock = clock;
        int floor = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes / Math.max(1, maxEntries)));
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, Held held) -> Math.max(floor, held.bytes()))
                .expireAfter(new Expiry<CacheKey, Held>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Held held, long now) {
                        return left(held);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, Held held, long now, long current) {
                        return left(held);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, Held held, long now, long current) {
                        return current;
                    }
                })
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    private long left(Held held) {
        return Math.max(0, Duration.between(clock.instant(), held.answer().expiresAt()).toNanos());
    }

    @Override
    public CompletionStage<Optional<CachedAnswer>> get(CacheKey key) {
        return CompletableFuture.completedFuture(Optional.ofNullable(entries.getIfPresent(key)).map(Held::answer));
    }

    @Override
    public CompletionStage<Void> put(CacheKey key, CachedAnswer answer) {
        AnswerCodec.encode(answer).ifPresent(bytes -> entries.put(key, new Held(answer, bytes.length)));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> evict(CacheScope scope) {
        return drop(key -> scope.covers(key.scope()));
    }

    @Override
    public CompletionStage<Long> evictKey(String keyId) {
        return drop(key -> key.scope().isKeyScopeOf(keyId));
    }

    private CompletionStage<Long> drop(java.util.function.Predicate<CacheKey> which) {
        long[] dropped = {0};
        entries.asMap().keySet().removeIf(key -> {
            boolean match = which.test(key);
            dropped[0] += match ? 1 : 0;
            return match;
        });
        return CompletableFuture.completedFuture(dropped[0]);
    }

    @Override
    public CompletionStage<Size> size() {
        entries.cleanUp();
        long bytes = entries.asMap().values().stream().mapToLong(Held::bytes).sum();
        return CompletableFuture.completedFuture(new Size(entries.estimatedSize(), bytes));
    }
}
