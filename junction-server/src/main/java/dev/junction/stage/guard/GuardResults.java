package dev.junction.stage.guard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request's guardrail hits, in the order they happened (input, then the answer), each distinct hit once. Confined
 * to the request's event loop.
 */
final class GuardResults {

    private final Set<GuardHit> hits = new LinkedHashSet<>();

    void addAll(List<GuardHit> more) {
        hits.addAll(more);
    }

    boolean isEmpty() {
        return hits.isEmpty();
    }

    List<GuardHit> hits() {
        return new ArrayList<>(hits);
    }

    /** As the request log keeps it: the distinct hits, comma-separated ({@link GuardHit#toString}). */
    String summary() {
        return String.join(",", hits.stream().map(GuardHit::toString).toList());
    }
}
