package dev.junction.observe;

import dev.junction.secret.Redactor;

/**
 * How bodies are kept in the request log when a key captures them: secrets redacted, cut at a size. Immutable.
 *
 * @param redactor removes the gateway's known secrets
 * @param maxChars the most characters kept of one body
 */
public record BodyCapture(Redactor redactor, int maxChars) {

    /** The body as the request log keeps it. */
    public String apply(String body) {
        String redacted = redactor.redact(body);
        return redacted.length() <= maxChars ? redacted : redacted.substring(0, maxChars) + "…[truncated]";
    }
}
