package dev.junction.entity;

import dev.junction.provider.Glob;
import java.util.List;

/**
 * The public models a key, user, team or tenant may call: names and {@code *} globs ({@code gpt-4o},
 * {@code claude-*}, {@code openai/*}). An empty scope allows every model. Immutable.
 */
public record ModelScope(List<String> patterns) {

    /** Every model. */
    public static final ModelScope ANY = new ModelScope(List.of());

    public ModelScope {
        patterns = List.copyOf(patterns);
    }

    /** Whether the public model name is in scope. */
    public boolean allows(String model) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String p : patterns) {
            if (p.equals(model) || Glob.matches(p, model)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this scope limits anything. */
    public boolean restricts() {
        return !patterns.isEmpty();
    }
}
