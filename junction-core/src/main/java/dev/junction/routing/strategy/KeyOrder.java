package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.Arrays;
import java.util.List;

/**
 * Stable ascending order of deployments by a non-negative {@code int} key, ties in configuration order, without
 * boxing or comparators: each deployment becomes one {@code long} (key in the high half, position in the low half),
 * and a primitive sort of those longs is the order. Shared by the strategies that rank by a number.
 */
final class KeyOrder {

    private KeyOrder() {}

    /**
     * The key of a quantity that is never negative (a latency, a cost), monotonic in the value: the bits of a
     * non-negative float order like the float. Values closer than a float's precision tie.
     */
    static int ofNonNegative(double value) {
        return Float.floatToIntBits((float) Math.max(0d, value));
    }

    /** Packs a deployment's key (at least 0) with its position in the available list. */
    static long pack(int key, int position) {
        return ((long) key << 32) | position;
    }

    /** Whether {@code packed} (filled in position order) is already ascending: the order is unchanged. */
    static boolean ascending(long[] packed) {
        for (int i = 1; i < packed.length; i++) {
            if (packed[i] < packed[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The deployments by ascending key; sorts {@code packed} in place. */
    static Deployment[] sort(List<Deployment> available, long[] packed) {
        Arrays.sort(packed);
        Deployment[] order = new Deployment[packed.length];
        for (int i = 0; i < packed.length; i++) {
            order[i] = available.get((int) packed[i]);
        }
        return order;
    }

    /** The deployments by ascending key, or {@code available} itself when that is already the order. */
    static List<Deployment> sorted(List<Deployment> available, long[] packed) {
        return ascending(packed) ? available : TryOrder.of(sort(available, packed));
    }
}
