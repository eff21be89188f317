package dev.junction.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entity type found by a regular expression, each candidate confirmed by a check (a checksum, a range) before it
 * is reported, after a cheap pre-check on the whole text (a character the entity must contain) so that texts without
 * any candidate cost one pass and no allocation. The reported span is the pattern's group 1 when it has one.
 */
final class PatternDetector implements Detector {

    private final String name;
    private final String entityType;
    private final Pattern pattern;
    private final Predicate<CharSequence> precheck;
    private final Predicate<String> confirm;
    private final double confidence;

    PatternDetector(String name, String entityType, Pattern pattern, Predicate<CharSequence> precheck,
                    Predicate<String> confirm, double confidence) {
        this.name = name;
        this.entityType = entityType;
        this.pattern = pattern;
        this.precheck = precheck;
        this.confirm = confirm;
        this.confidence = confidence;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> entityTypes() {
        return Set.of(entityType);
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        if (!precheck.test(text)) {
            return List.of();
        }
        List<Finding> found = null;
        Matcher m = pattern.matcher(text);
        int group = m.groupCount() >= 1 ? 1 : 0;
        while (m.find()) {
            String candidate = m.group(group);
            if (confirm.test(candidate)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(new Finding(entityType, m.start(group), m.end(group), confidence));
            }
        }
        return found == null ? List.of() : found;
    }

    /** A pre-check passing texts that contain {@code c}. */
    static Predicate<CharSequence> contains(char c) {
        return text -> {
            for (int i = 0, n = text.length(); i < n; i++) {
                if (text.charAt(i) == c) {
                    return true;
                }
            }
            return false;
        };
    }

    /** A pre-check passing texts with at least {@code count} ASCII digits. */
    static Predicate<CharSequence> digits(int count) {
        return text -> {
            int seen = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9' && ++seen >= count) {
                    return true;
                }
            }
            return false;
        };
    }
}
