package dev.junction.secret;

import java.util.Objects;

/**
 * A credential. {@link #toString()} never reveals it, so a secret that reaches a log line, an exception or a JSON
 * serialiser by mistake prints as {@code ***}. Call {@link #reveal()} only where the value goes on the wire.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Wraps a credential. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The credential itself, for an outgoing request header. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
