package dev.junction.provider;

/** How a provider expects its credential. */
public sealed interface AuthStyle {

    /** {@code Authorization: Bearer <key>}: OpenAI and most compatible servers. */
    record Bearer() implements AuthStyle {}

    /** The key alone in a named header, such as Azure's {@code api-key}. */
    record Header(String name) implements AuthStyle {}

    /** No credential (local servers). */
    record None() implements AuthStyle {}

    /** Parses {@code bearer}, {@code none} or {@code header:<name>}. */
    static AuthStyle parse(String text) {
        if (text.equals("bearer")) {
            return new Bearer();
        }
        if (text.equals("none")) {
            return new None();
        }
        if (text.startsWith("header:") && text.length() > 7) {
            return new Header(text.substring(7));
        }
        throw new IllegalArgumentException("unknown auth style '" + text + "' (expected bearer, none or header:<name>)");
    }
}
