package dev.junction.guard;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks findings with numbered placeholders of their entity type ({@code [EMAIL_1]}, {@code [EMAIL_2]}), the same
 * value getting the same placeholder in every text masked by one instance, and can restore the placeholders in an
 * answer. One instance per request: it holds the masked values (in memory only, never logged) until the request ends.
 * Not thread safe.
 */
public final class Redaction {

    private final Map<String, String> placeholderByValue = new HashMap<>();
    private final Map<String, String> valueByPlaceholder = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    /**
     * {@code text} with each finding's span replaced by its placeholder; {@code findings} ordered by start and not
     * overlapping (as detectors report them).
     */
    public String mask(String text, List<Finding> findings) {
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            if (f.start() < at || f.end() > text.length()) {
                continue;
            }
            out.append(text, at, f.start()).append(placeholder(f.entityType(), text.substring(f.start(), f.end())));
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private String placeholder(String type, String value) {
        return placeholderByValue.computeIfAbsent(type + '\u0000' + value, k -> {
            String p = "[" + type + "_" + counts.merge(type, 1, Integer::sum) + "]";
            valueByPlaceholder.put(p, value);
            return p;
        });
    }

    /** Whether anything was masked. */
    public boolean masked() {
        return !valueByPlaceholder.isEmpty();
    }

    /** The longest placeholder handed out (a stream's restorer holds back this many characters less one). */
    public int longestPlaceholder() {
        return valueByPlaceholder.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** {@code text} with every placeholder this instance handed out replaced by its original value. */
    public String restore(String text) {
        if (valueByPlaceholder.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> e : valueByPlaceholder.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
