package dev.junction.stage.cache;

import dev.junction.cache.CacheKey;
import dev.junction.cache.CacheStore;
import dev.junction.cache.CachedAnswer;
import dev.junction.model.ChatRequest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Finds the entry stored under the request's exact key. */
record ExactLookup(CacheStore store) implements CacheLookup {

    @Override
    public String kind() {
        return "exact";
    }

    @Override
    public CompletionStage<Optional<CachedAnswer>> find(CacheKey key, ChatRequest request) {
        return store.get(key);
    }
}
