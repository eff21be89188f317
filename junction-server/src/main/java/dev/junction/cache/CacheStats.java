package dev.junction.cache;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This replica's hits, misses and saved cost since it started, per route and per key name. At most
 * {@value #MAX_NAMES} names each; later ones count as {@code other} (a wildcard route's name is what clients send).
 * Thread safe.
 */
public final class CacheStats {

    static final int MAX_NAMES = 500;

    /** The figures of one route or key. */
    public record Figures(long hits, long misses, long savedNanos) {
        /** Hits over lookups, 0 when none. */
        public double hitRate() {
            return hits + misses == 0 ? 0 : hits / (double) (hits + misses);
        }
    }

    private static final class Counters {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder saved = new LongAdder();

        Figures figures() {
            return new Figures(hits.sum(), misses.sum(), saved.sum());
        }
    }

    private final Counters total = new Counters();
    private final Map<String, Counters> routes = new ConcurrentHashMap<>();
    private final Map<String, Counters> keys = new ConcurrentHashMap<>();

    /** Counts a hit that saved {@code savedNanos}. */
    public void hit(String route, String key, long savedNanos) {
        for (Counters c : new Counters[] {total, of(routes, route), of(keys, key)}) {
            c.hits.increment();
            c.saved.add(savedNanos);
        }
    }

    /** Counts a lookup that found nothing. */
    public void miss(String route, String key) {
        total.misses.increment();
        of(routes, route).misses.increment();
        of(keys, key).misses.increment();
    }

    /** The figures of every route and key together. */
    public Figures total() {
        return total.figures();
    }

    /** The figures per route, by name. */
    public Map<String, Figures> byRoute() {
        return snapshot(routes);
    }

    /** The figures per key name. */
    public Map<String, Figures> byKey() {
        return snapshot(keys);
    }

    private static Map<String, Figures> snapshot(Map<String, Counters> map) {
        Map<String, Figures> out = new TreeMap<>();
        map.forEach((name, c) -> out.put(name, c.figures()));
        return out;
    }

    private static Counters of(Map<String, Counters> map, String name) {
        Counters c = map.get(name);
        if (c != null) {
            return c;
        }
        return map.computeIfAbsent(map.size() >= MAX_NAMES ? "other" : name, n -> new Counters());
    }
}
