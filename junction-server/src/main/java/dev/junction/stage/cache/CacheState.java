package dev.junction.stage.cache;

import dev.junction.cache.CacheKey;
import dev.junction.cache.CachedAnswer;
import dev.junction.pipeline.Exchange;
import java.time.Duration;
import java.time.Instant;

/** What the lookup stage decided for a request, for the answering stage. Immutable. */
sealed interface CacheState {

    Exchange.Attribute<CacheState> ATTRIBUTE = new Exchange.Attribute<>("cache-state");

    /** Answer from {@code answer}, found by {@code kind}. */
    record Hit(CacheKey key, CachedAnswer answer, String kind) implements CacheState {
    }

    /**
     * Run the request and store its answer under {@code key} for {@code ttl} from {@code lookedUpAt} (when the
     * request was looked up, by the gateway's clock: an entry never outlives its TTL counted from the request) if it
     * ends well.
     */
    record Miss(CacheKey key, Duration ttl, String route, Instant lookedUpAt) implements CacheState {
    }
}
