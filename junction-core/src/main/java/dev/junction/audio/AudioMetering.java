package dev.junction.audio;

import java.util.OptionalDouble;

/**
 * What one audio request consumed, as the upstream reported it: seconds of audio (Whisper's {@code duration},
 * Deepgram's {@code metadata.duration}) and tokens (gpt-4o-transcribe, gpt-4o-mini-tts). Immutable.
 */
public record AudioMetering(OptionalDouble seconds, long inputTokens, long outputTokens) {

    /** Nothing reported. */
    public static final AudioMetering NONE = new AudioMetering(OptionalDouble.empty(), 0, 0);

    /** Seconds of audio only. */
    public static AudioMetering seconds(double seconds) {
        return new AudioMetering(OptionalDouble.of(seconds), 0, 0);
    }

    /** Tokens only. */
    public static AudioMetering tokens(long input, long output) {
        return new AudioMetering(OptionalDouble.empty(), input, output);
    }
}
