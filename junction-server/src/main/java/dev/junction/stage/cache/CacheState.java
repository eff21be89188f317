package dev.junction.stage.cache;

import dev.junction.cache.CacheKey;
import dev.junction.cache.CachedAnswer;
import dev.junction.pipeline.Exchange;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/** What the lookup stage decided for a request, for the answering stage. Immutable. */
sealed interface CacheState {

    Exchange.Attribute<CacheState> ATTRIBUTE = new Exchange.Attribute<>("cache-state");

    /**
     * Answer from {@code answer}, found by {@code kind}; {@code similarity} for a semantic hit; streamed with
     * {@code replayPace} before each word.
     */
    record Hit(CacheKey key, CachedAnswer answer, String kind, OptionalDouble similarity, Duration replayPace)
            implements CacheState {
    }

    /** Where a miss's answer is stored by meaning too, and for how long. */
    record ByMeaning(SemanticLookup.Probe probe, Duration ttl) {
    }

    /**
     * Run the request and store its answer under {@code key} for {@code ttl} from {@code lookedUpAt} (when the
     * request was looked up, by the gateway's clock: an entry never outlives its TTL counted from the request) if it
     * ends well, and by meaning when the semantic lookup applied.
     */
    record Miss(CacheKey key, Duration ttl, String route, Instant lookedUpAt, Optional<ByMeaning> byMeaning)
            implements CacheState {

        Miss withMeaning(ByMeaning meaning) {
            return new Miss(key, ttl, route, lookedUpAt, Optional.of(meaning));
        }
    }
}
