package dev.junction.model;

import java.util.Optional;

/**
 * Provenance for reasoning signatures. A signature (Anthropic's {@code thinking.signature}, Gemini's
 * {@code thoughtSignature}) is only meaningful to the provider that issued it, and must reach that provider again
 * byte-exact on the next turn. Canonical {@link ContentPart.Thinking} and {@link StreamEvent.Delta.Signature} values
 * therefore always hold a <em>tagged</em> signature that names its issuing dialect:
 * {@code jn1.<dialect>.<raw signature>}.
 *
 * <p>At the edges: a signature shown to a client of the issuing dialect is the raw value; a client of another dialect
 * sees the tagged value (an opaque string to it), replays it, and the gateway recognises it on the way back. An
 * upstream only ever receives its own raw signatures; foreign ones are dropped, since a provider rejects signatures
 * it did not issue. Pure functions; thread safe.
 */
public final class ThoughtSignature {

    private static final String PREFIX = "jn1.";

    private ThoughtSignature() {}

    /** The canonical (tagged) form of a signature issued by {@code origin}. */
    public static String tag(Dialect origin, String raw) {
        return PREFIX + code(origin) + "." + raw;
    }

    /**
     * The canonical form of a signature a client of dialect {@code client} sent back: a tagged value it was shown
     * earlier stays as it is; anything else was issued by the client's own dialect.
     */
    public static String fromClient(Dialect client, String wire) {
        return origin(wire).isPresent() ? wire : tag(client, wire);
    }

    /** What a client of dialect {@code client} is shown: the raw value if that dialect issued it, else the tag. */
    public static String forClient(Dialect client, String canonical) {
        return origin(canonical).filter(o -> o == client).map(o -> raw(canonical)).orElse(canonical);
    }

    /** The raw signature for an upstream of dialect {@code upstream}, or empty when another dialect issued it. */
    public static Optional<String> forUpstream(Dialect upstream, String canonical) {
        return origin(canonical).filter(o -> o == upstream).map(o -> raw(canonical));
    }

    /** The dialect that issued a tagged signature; empty for an untagged value. */
    public static Optional<Dialect> origin(String canonical) {
        if (!canonical.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int dot = canonical.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return Optional.empty();
        }
        String code = canonical.substring(PREFIX.length(), dot);
        for (Dialect d : Dialect.values()) {
            if (code(d).equals(code)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static String raw(String canonical) {
        return canonical.substring(canonical.indexOf('.', PREFIX.length()) + 1);
    }

    private static String code(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> "openai";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gemini";
        };
    }
}
