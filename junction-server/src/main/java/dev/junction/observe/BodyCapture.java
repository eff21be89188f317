package dev.junction.observe;

import dev.junction.guard.CompositeDetector;
import dev.junction.guard.Detector;
import dev.junction.guard.Detectors;
import dev.junction.guard.Redaction;
import dev.junction.secret.Redactor;
import java.util.List;
import java.util.Optional;

/**
 * How bodies are kept in the request log when a key or its tenant captures them: secrets redacted, cut at a size,
 * and for a tenant whose policy is {@code redacted}, personal data and credentials masked too. Immutable.
 *
 * @param redactor removes the gateway's known secrets
 * @param maxChars the most characters kept of one body
 * @param personalData masks what it finds ({@code [EMAIL_1]}, {@code [OPENAI_KEY_1]}) before the body is kept;
 *     empty to keep the body as it is
 */
public record BodyCapture(Redactor redactor, int maxChars, Optional<Detector> personalData) {

    /** Bodies kept as they are (the gateway's secrets aside). */
    public BodyCapture(Redactor redactor, int maxChars) {
        this(redactor, maxChars, Optional.empty());
    }

    /** Bodies kept with personal data (the {@code pii} detector's) and credentials ({@code secrets}) masked. */
    public static BodyCapture masking(Redactor redactor, int maxChars) {
        return new BodyCapture(redactor, maxChars, Optional.of(Masking.DETECTOR));
    }

    /** The body as the request log keeps it. */
    public String apply(String body) {
        String redacted = redactor.redact(body);
        if (personalData.isPresent()) {
            redacted = new Redaction().mask(redacted, personalData.get().scan(redacted));
        }
        return redacted.length() <= maxChars ? redacted : redacted.substring(0, maxChars) + "…[truncated]";
    }

    /** Built on first use: the phone-number metadata loads only for a gateway that masks. */
    private static final class Masking {
        static final Detector DETECTOR = new CompositeDetector("capture", List.of(
                Detectors.builtIn("pii", "US").orElseThrow(), Detectors.builtIn("secrets", "US").orElseThrow()));
    }
}
