package dev.junction.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in configuration values. Applied to parsed string values, never to the
 * raw file, so a variable's value cannot change the structure of the YAML and commented-out lines are ignored.
 * {@code $${…}} is a literal {@code ${…}}.
 */
final class Substitution {

    private static final Pattern VAR = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private Substitution() {}

    /**
     * @param missing receives the name of each variable that is unset and has no default
     */
    static String apply(String value, Map<String, String> env, Consumer<String> missing) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = VAR.matcher(value);
        var sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else {
                String v = env.get(m.group(2));
                if (v != null && !v.isEmpty()) {
                    replacement = v;
                } else if (m.group(3) != null) {
                    replacement = m.group(3);
                } else {
                    missing.accept(m.group(2));
                    replacement = "";
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
