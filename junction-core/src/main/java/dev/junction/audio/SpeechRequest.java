package dev.junction.audio;

import java.util.Optional;
import java.util.OptionalDouble;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated text-to-speech request. Immutable.
 *
 * @param model the public model the client asked for
 * @param input the text to speak
 * @param voice the voice: one of OpenAI's names, or a provider's voice id (ElevenLabs)
 * @param responseFormat the audio encoding asked for: {@code mp3} (the default), {@code opus}, {@code aac},
 *     {@code flac}, {@code wav} or {@code pcm}
 * @param speed the speaking rate, 0.25 to 4
 * @param instructions how to speak (gpt-4o-mini-tts)
 * @param sse whether the client asked for {@code stream_format: sse} (audio deltas as events) rather than raw audio
 * @param body the client's body as sent, for upstreams that speak OpenAI's format (copied, never changed)
 */
public record SpeechRequest(String model, String input, String voice, String responseFormat, OptionalDouble speed,
                            Optional<String> instructions, boolean sse, ObjectNode body) {

    /** The encodings OpenAI's speech API produces. */
    public static final java.util.List<String> FORMATS = java.util.List.of("mp3", "opus", "aac", "flac", "wav",
            "pcm");

    /** The number of characters of the input, the unit speech is priced in. */
    public long characters() {
        return input.codePointCount(0, input.length());
    }
}
