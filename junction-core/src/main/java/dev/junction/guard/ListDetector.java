package dev.junction.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom detector from configuration: a list of regular expressions, or of keywords matched as whole words without
 * regard to case; every match is one finding of the list's entity type (its name in upper case unless given).
 */
public final class ListDetector implements Detector {

    private final String name;
    private final String entityType;
    private final List<Pattern> patterns;

    private ListDetector(String name, String entityType, List<Pattern> patterns) {
        this.name = name;
        this.entityType = entityType;
        this.patterns = List.copyOf(patterns);
    }

    /**
     * A regex list; throws {@link java.util.regex.PatternSyntaxException} for a bad expression (configuration
     * readers report it).
     */
    public static ListDetector regex(String name, String entityType, List<String> expressions) {
        return new ListDetector(name, entityType, expressions.stream().map(Pattern::compile).toList());
    }

    /** A keyword list: each keyword a whole word or phrase, any case. */
    public static ListDetector keywords(String name, String entityType, List<String> keywords) {
        List<Pattern> patterns = new ArrayList<>(1);
        if (!keywords.isEmpty()) {
            patterns.add(Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + String.join("|", keywords.stream()
                    .map(k -> Pattern.quote(k.toLowerCase(Locale.ROOT))).toList()) + ")(?![\\p{L}\\p{N}_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return new ListDetector(name, entityType, patterns);
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
        List<Finding> found = null;
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    if (found == null) {
                        found = new ArrayList<>(2);
                    }
                    found.add(new Finding(entityType, m.start(), m.end(), 1.0));
                }
            }
        }
        return found == null ? List.of() : CompositeDetector.withoutOverlaps(found);
    }
}
