package dev.junction.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several detectors under one name ({@code pii} is e-mail, phone, card, IBAN, national ids and IP addresses): their
 * findings merged in order of start. Where two findings overlap, the longer one is kept (an IBAN's digits are not also
 * a phone number).
 */
public final class CompositeDetector implements Detector {

    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt((Finding f) -> f.end() - f.start()).reversed());

    private final String name;
    private final List<Detector> parts;
    private final Set<String> types;

    public CompositeDetector(String name, List<Detector> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
        Set<String> all = new LinkedHashSet<>();
        parts.forEach(p -> all.addAll(p.entityTypes()));
        this.types = Set.copyOf(all);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> entityTypes() {
        return types;
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> all = null;
        for (Detector part : parts) {
            List<Finding> found = part.scan(text);
            if (!found.isEmpty()) {
                if (all == null) {
                    all = new ArrayList<>(found.size());
                }
                all.addAll(found);
            }
        }
        return all == null ? List.of() : withoutOverlaps(all);
    }

    /** {@code findings} (a mutable list) ordered by start, each dropped that overlaps a longer or surer one. */
    public static List<Finding> withoutOverlaps(List<Finding> findings) {
        findings.sort(ORDER);
        List<Finding> kept = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (kept.isEmpty() || !kept.getLast().overlaps(f)) {
                kept.add(f);
            } else if (outranks(f, kept.getLast())) {
                kept.set(kept.size() - 1, f);
            }
        }
        return kept;
    }

    /** Longer wins; of two as long, the surer (an 18-digit resident id that also passes Luhn is an id). */
    private static boolean outranks(Finding f, Finding other) {
        int length = f.end() - f.start();
        int otherLength = other.end() - other.start();
        return length > otherLength || (length == otherLength && f.confidence() > other.confidence());
    }
}
