package dev.junction.secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it leaves the process: upstream error messages relayed to clients, and
 * anything logged. It knows the exact secrets the gateway holds and the shapes of common provider keys, so a key
 * quoted back by an upstream ("Incorrect API key provided: sk-…") is masked even when it is not ours. Thread safe.
 */
public final class Redactor {

    /** Shapes of provider and bearer credentials: OpenAI/Anthropic/Groq/xAI style keys, Google API keys, JWTs. */
    private static final Pattern KEY_SHAPES = Pattern.compile(
            // The prefixes must start a word: "risk-assessment-framework" is prose, not an "sk-" key.
            "\\b(?:sk|pk|rk|gsk|xai|jk)-[A-Za-z0-9_\\-]{8,}"
                    + "|AIza[0-9A-Za-z_\\-]{20,}"
                    + "|eyJ[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]{10,}\\.[A-Za-z0-9_\\-]+"
                    + "|(?i:bearer)\\s+[A-Za-z0-9._\\-]{12,}");

    private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor for these secrets (longest first, so a secret containing another is masked whole). */
    public static Redactor of(Collection<Secret> secrets) {
        List<String> values = new ArrayList<>();
        for (Secret s : secrets) {
            if (s.reveal().length() >= 4) {
                values.add(s.reveal());
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(values));
    }

    /** A redactor that knows no exact secrets, only key shapes. */
    public static Redactor patternsOnly() {
        return PATTERNS_ONLY;
    }

    /** The text with every known secret and key-shaped token replaced by {@code [redacted]}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, "[redacted]");
            }
        }
        return KEY_SHAPES.matcher(out).replaceAll("[redacted]");
    }
}
