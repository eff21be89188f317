package dev.junction.cache;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where entries live: this process's memory, or a Redis every replica shares. Thread safe; stages complete on
 * whatever thread the backend answers on (the caller brings them back to its context). A backend that cannot be
 * reached fails the stage; the caller then treats the request as uncached.
 */
public interface CacheStore extends AutoCloseable {

    /** The entry under {@code key}, if any (expired ones may still be returned: the caller checks the clock). */
    CompletionStage<Optional<CachedAnswer>> get(CacheKey key);

    /** Stores {@code answer} under {@code key} until its {@link CachedAnswer#expiresAt}. */
    CompletionStage<Void> put(CacheKey key, CachedAnswer answer);

    /** Drops every entry of {@code scope} and of the scopes inside it; answers how many were dropped. */
    CompletionStage<Long> evict(CacheScope scope);

    /**
     * Drops the entries made in the key scope of the virtual key {@code keyId} (a route or key with
     * {@code scope: key}); entries it made in a wider scope are shared and stay. Answers how many were dropped.
     */
    CompletionStage<Long> evictKey(String keyId);

    /** Entries and their encoded bytes, as far as this backend knows them. */
    CompletionStage<Size> size();

    /** How much a backend holds. */
    record Size(long entries, long bytes) {
    }

    @Override
    default void close() {
    }
}
