package dev.junction.stage.cache;

import dev.junction.cache.CacheKey;
import dev.junction.cache.CachedAnswer;
import dev.junction.model.ChatRequest;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One way of finding a cached answer for a request by its key alone ({@link ExactLookup}). The semantic lookup
 * ({@link SemanticLookup}) has a shape of its own: it embeds the request through the gateway first.
 * Thread safe; stages complete on any thread.
 */
public interface CacheLookup {

    /** What {@code X-Cache-Kind} says of a hit found this way: {@code exact}, {@code semantic}. */
    String kind();

    /** The entry for {@code request}, whose exact key is {@code key}, if one is stored (possibly expired). */
    CompletionStage<Optional<CachedAnswer>> find(CacheKey key, ChatRequest request);
}
