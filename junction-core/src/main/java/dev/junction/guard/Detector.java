package dev.junction.guard;

import java.util.List;
import java.util.Set;

/**
 * Finds entities of a few types in a text. Implementations are pure and stateless (one instance serves every thread),
 * allocate nothing beyond the findings for a text with none (a pre-check before any regex where one is cheap), and
 * never keep the text. Findings come in the order of their start.
 */
public interface Detector {

    /** The detector's name in configuration ({@code pii}, {@code secrets}, {@code injection}, a custom list's name). */
    String name();

    /** Every entity type this detector can report. */
    Set<String> entityTypes();

    /** The findings in {@code text}, ordered by start; an empty list when there are none. */
    List<Finding> scan(CharSequence text);
}
