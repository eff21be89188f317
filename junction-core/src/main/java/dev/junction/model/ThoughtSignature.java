package dev.junction.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Provenance for reasoning signatures. A signature (Anthropic's {@code thinking.signature}, Gemini's
 * {@code thoughtSignature}, a Responses reasoning item's id and {@code encrypted_content}) is only meaningful to the
 * provider that issued it, and must reach that provider again byte-exact on the next turn. Canonical
 * {@link ContentPart.Thinking} and {@link StreamEvent.Delta.Signature} values therefore always hold a <em>tagged</em>
 * signature that names its issuing dialect: {@code jn1.<dialect>.<raw signature>}.
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
     * earlier is recognised; anything else was issued by the client's own dialect.
     */
    public static String fromClient(Dialect client, String wire) {
        if (origin(wire).isPresent()) {
            return wire;
        }
        if (client == Dialect.GEMINI) {
            Optional<String> unwrapped = unwrapBase64(wire);
            if (unwrapped.isPresent()) {
                return unwrapped.get();
            }
        }
        return tag(client, wire);
    }

    /**
     * What a client of dialect {@code client} is shown: the raw value if that dialect issued it, else the tag. Gemini
     * clients get a foreign tag base64-encoded, because Gemini signatures are bytes and its SDKs decode them.
     */
    public static String forClient(Dialect client, String canonical) {
        Optional<Dialect> origin = origin(canonical);
        if (origin.isPresent() && origin.get() == client) {
            return raw(canonical);
        }
        if (client == Dialect.GEMINI) {
            return Base64.getEncoder().encodeToString(canonical.getBytes(StandardCharsets.UTF_8));
        }
        return canonical;
    }

    private static Optional<String> unwrapBase64(String wire) {
        if (wire.length() < 8 || wire.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(wire), StandardCharsets.UTF_8);
            return origin(decoded).isPresent() ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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

    /** Separates a tool call's own id from a signature carried inside it. */
    private static final String ID_SEPARATOR = "__jnsig__";

    /**
     * A tool call id that carries a signature, for clients (OpenAI Chat) that have nowhere else to keep one: Gemini
     * requires its signature back on the function call of the next turn, and such a client replays only ids.
     */
    public static String embedInId(String id, String canonical) {
        return id + ID_SEPARATOR + canonical;
    }

    /**
     * Splits an id made by {@link #embedInId} into the call's own id and the signature; an ordinary id yields itself
     * and no signature.
     */
    public static Map.Entry<String, Optional<String>> splitId(String id) {
        int at = id.indexOf(ID_SEPARATOR);
        if (at < 0) {
            return Map.entry(id, Optional.empty());
        }
        String signature = id.substring(at + ID_SEPARATOR.length());
        return Map.entry(id.substring(0, at), origin(signature).isPresent() ? Optional.of(signature)
                : Optional.empty());
    }

    private static String raw(String canonical) {
        return canonical.substring(canonical.indexOf('.', PREFIX.length()) + 1);
    }

    private static String code(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT -> "openai";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gemini";
            case OPENAI_RESPONSES -> "responses";
            case BEDROCK_CONVERSE -> "bedrock";
            case COHERE -> "cohere";
            case OLLAMA -> "ollama";
            case ELEVENLABS -> "elevenlabs";
            case DEEPGRAM -> "deepgram";
        };
    }
}
