package dev.junction.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The meters of one metric by label tuple, so that counting an event is a map lookup and an increment: the
 * registry's lookup and builder run once per tuple. Thread safe.
 *
 * @param <K> the label tuple (a record)
 * @param <M> the meter
 */
final class MeterCache<K, M> {

    private final Map<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> create;

    MeterCache(Function<K, M> create) {
        this.create = create;
    }

    M get(K labels) {
        M meter = meters.get(labels);
        return meter != null ? meter : meters.computeIfAbsent(labels, create);
    }
}
