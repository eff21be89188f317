package dev.junction.routing.strategy;

import dev.junction.routing.Deployment;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array that a strategy filled for one pick and never touches again: one small object
 * instead of a copy, so a pick allocates little.
 */
final class TryOrder extends AbstractList<Deployment> implements RandomAccess {

    private final Deployment[] order;

    private TryOrder(Deployment[] order) {
        this.order = order;
    }

    /** A list over {@code order}; the caller hands the array over and keeps no reference to write through. */
    static List<Deployment> of(Deployment[] order) {
        return new TryOrder(order);
    }

    @Override
    public Deployment get(int index) {
        return order[index];
    }

    @Override
    public int size() {
        return order.length;
    }
}
