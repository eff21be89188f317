package dev.junction.routing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of operation the gateway routes: what a deployment can serve ({@link Capabilities#operations}) and what a
 * tenant or key may be barred from. Each has a wire name used in configuration, the admin API and the request log.
 */
public enum OperationKind {
    /** Chat turns in every dialect (chat completions, messages, generateContent, responses). */
    CHAT("chat"),
    /** Embedding vectors. */
    EMBEDDINGS("embeddings"),
    /** Image generation, edits and variations. */
    IMAGES("images"),
    /** Text to speech. */
    AUDIO_SPEECH("audio_speech"),
    /** Speech to text: transcriptions and translations. */
    AUDIO_TRANSCRIPTION("audio_transcription"),
    /** Reranking documents against a query. */
    RERANK("rerank"),
    /** Content moderation. */
    MODERATIONS("moderations"),
    /** Legacy text completions. */
    COMPLETIONS("completions");

    /** What a deployment that says nothing about its operations serves: chat and embeddings, as before there were others. */
    public static final Set<OperationKind> DEFAULT = Set.copyOf(EnumSet.of(CHAT, EMBEDDINGS));

    /** Every operation. */
    public static final Set<OperationKind> ALL = Set.copyOf(EnumSet.allOf(OperationKind.class));

    /** A capability name that stands for both audio operations. */
    public static final String AUDIO = "audio";

    private final String wireName;

    OperationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in configuration, the admin API and logs ({@code audio_speech}). */
    public String wireName() {
        return wireName;
    }

    /** The operation with this wire name (case-insensitive), if there is one. */
    public static Optional<OperationKind> ofWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wireName.equals(lower)).findFirst();
    }

    /**
     * The operations a capability name stands for: one operation by its wire name, or both audio operations for
     * {@value #AUDIO}; empty for an unknown name.
     */
    public static Set<OperationKind> ofCapability(String name) {
        if (name.equalsIgnoreCase(AUDIO)) {
            return EnumSet.of(AUDIO_SPEECH, AUDIO_TRANSCRIPTION);
        }
        return ofWireName(name).map(EnumSet::of).orElseGet(() -> EnumSet.noneOf(OperationKind.class));
    }

    /** The wire names a capability may be given by, for error messages. */
    public static String capabilityNames() {
        return String.join(", ", Arrays.stream(values()).map(OperationKind::wireName).toList()) + ", " + AUDIO;
    }
}
