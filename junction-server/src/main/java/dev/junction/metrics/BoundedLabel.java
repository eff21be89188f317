package dev.junction.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One label whose values may come from outside the configuration (a model name a client sent, a path): the first
 * {@code max} distinct values are kept as they are, any later one becomes {@link #OTHER}, so that the label's series
 * stay bounded whatever clients send. Thread safe; a value seen before costs one hash lookup.
 */
final class BoundedLabel {

    /** The value every value past the cap is counted as. */
    static final String OTHER = "other";

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final int max;

    BoundedLabel(int max) {
        this.max = max;
    }

    /** {@code value} if it is admitted (or can still be), else {@link #OTHER}. */
    String of(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        if (admitted.size() >= max) {
            return OTHER;
        }
        admitted.add(value); // a race may admit a few more than max: the bound stays a bound
        return value;
    }
}
