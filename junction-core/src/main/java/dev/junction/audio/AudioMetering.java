package dev.junction.audio;

import java.util.OptionalDouble;

/**
 * What one audio request consumed, as the upstream reported it: seconds of audio (Whisper's {@code duration},
 * Deepgram's {@code metadata.duration}) and tokens (gpt-4o-transcribe, gpt-4o-mini-tts, Gemini). Immutable.
 *
 * @param seconds the seconds of audio, when reported
 * @param inputTokens the input tokens billed at the model's input price (for gpt-4o-transcribe its audio tokens too,
 *     which its price lists as input)
 * @param outputTokens the output tokens
 * @param audioTokens audio input tokens billed apart, as the {@code audio_token} unit at their own price (Gemini's
 *     audio tokens, dearer than its text tokens); not among {@code inputTokens}
 * @param lowerBound the least the audio lasts by an answer that reports no duration (the end of its last subtitle
 *     cue: trailing silence is not counted), when it tells that much
 */
public record AudioMetering(OptionalDouble seconds, long inputTokens, long outputTokens, long audioTokens,
                            OptionalDouble lowerBound) {

    /** Nothing reported. */
    public static final AudioMetering NONE = new AudioMetering(OptionalDouble.empty(), 0, 0, 0,
            OptionalDouble.empty());

    /** Seconds of audio only. */
    public static AudioMetering seconds(double seconds) {
        return new AudioMetering(OptionalDouble.of(seconds), 0, 0, 0, OptionalDouble.empty());
    }

    /** Tokens only. */
    public static AudioMetering tokens(long input, long output) {
        return tokens(input, output, 0);
    }

    /** Text tokens in and out, and audio tokens in billed apart. */
    public static AudioMetering tokens(long input, long output, long audioTokens) {
        return new AudioMetering(OptionalDouble.empty(), input, output, audioTokens, OptionalDouble.empty());
    }

    /** No duration, but the audio lasts at least {@code seconds} (a subtitle answer's last cue ends there). */
    public static AudioMetering atLeast(double seconds) {
        return new AudioMetering(OptionalDouble.empty(), 0, 0, 0, OptionalDouble.of(seconds));
    }

    /** Whether the upstream reported any tokens. */
    public boolean hasTokens() {
        return inputTokens > 0 || outputTokens > 0 || audioTokens > 0;
    }
}
