package dev.junction.guard;

import java.util.Objects;

/**
 * One thing a {@link Detector} found in a text: its entity type ({@code EMAIL}, {@code AWS_ACCESS_KEY}, …), the span
 * {@code [start, end)} in the scanned text, and how sure the detector is (0 to 1). Holds no copy of the matched text,
 * so that findings can be logged and counted without leaking it.
 */
public record Finding(String entityType, int start, int end, double confidence) {

    public Finding {
        Objects.requireNonNull(entityType);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("Bad span [" + start + ", " + end + ")");
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("Confidence out of [0, 1]: " + confidence);
        }
    }

    /** Whether this finding's span overlaps {@code other}'s. */
    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }
}
