package dev.junction.dialect;

import dev.junction.model.ChatResponse;
import dev.junction.model.Dialect;
import dev.junction.secret.Redactor;
import tools.jackson.databind.JsonNode;

/**
 * The codec of an audio-only dialect (ElevenLabs, Deepgram): it has no chat, so no chat reply of it is ever read.
 * Its adapters answer audio requests in OpenAI's format themselves. Stateless; thread safe.
 */
public final class AudioOnlyCodec extends UpstreamOnlyCodec {

    private static final AudioOnlyCodec ELEVENLABS = new AudioOnlyCodec(Dialect.ELEVENLABS);
    private static final AudioOnlyCodec DEEPGRAM = new AudioOnlyCodec(Dialect.DEEPGRAM);

    private final Dialect dialect;

    private AudioOnlyCodec(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The codec of {@code dialect}, which must be audio-only. */
    static AudioOnlyCodec of(Dialect dialect) {
        return switch (dialect) {
            case ELEVENLABS -> ELEVENLABS;
            case DEEPGRAM -> DEEPGRAM;
            default -> throw new IllegalArgumentException(dialect + " is not an audio-only dialect");
        };
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public ChatResponse responseToCanonical(JsonNode body) {
        throw noChat();
    }

    @Override
    public StreamDecoder streamDecoder(Redactor redactor) {
        throw noChat();
    }

    private IllegalStateException noChat() {
        return new IllegalStateException(dialect + " has no chat API, so no chat reply of it is ever read.");
    }
}
