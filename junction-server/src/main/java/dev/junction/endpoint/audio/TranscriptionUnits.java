package dev.junction.endpoint.audio;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioUpload;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.UnitPrices;
import java.util.Map;

/**
 * The units a transcription is billed besides its tokens, and the worst case its budget reserves. Seconds come, most
 * trusted first, from the answer ({@code audio_second}: verbose_json's {@code duration}, a {@code duration} usage,
 * Deepgram's), from the upload's measured duration ({@value #MEASURED}: Whisper's text, srt and vtt report none),
 * from the last subtitle cue's end ({@value #CUES}: a lower bound, for a file whose container the gateway does not
 * read), else the worst case the budget reserved ({@value #WORST_CASE}); the qualifier says in the request log's
 * units which it was, and prices find the plain {@code audio_second} for each. A token-billed answer
 * (gpt-4o-transcribe, Gemini) is billed no seconds; Gemini's audio tokens are the {@code audio_token} unit.
 * Immutable.
 *
 * @param file the upload
 */
record TranscriptionUnits(AudioUpload file) {

    /** Seconds measured from the upload's container headers. */
    static final String MEASURED = UnitPrices.AUDIO_SECOND + ":measured";
    /** Seconds to the end of the answer's last subtitle cue. */
    static final String CUES = UnitPrices.AUDIO_SECOND + ":cues";
    /** The worst-case seconds of the upload's size, when nothing better was known. */
    static final String WORST_CASE = UnitPrices.AUDIO_SECOND + ":worst_case";

    /**
     * The bitrate assumed to turn an upload's size into a worst-case duration: 16 kbit/s, below what speech is
     * usually encoded at (mp3 and m4a voice memos 32-128 kbit/s, opus voice 16-32 kbit/s; WAV is far above), so
     * that the estimate is longer than the real audio, never shorter, for the encodings clients send.
     */
    static final long WORST_CASE_BYTES_PER_SECOND = 2_000;

    /** The audio tokens Gemini counts for a second of audio. */
    static final long AUDIO_TOKENS_PER_SECOND = 32;

    /**
     * The longest the upload can plausibly be, in whole seconds: its size at {@link #WORST_CASE_BYTES_PER_SECOND},
     * or its measured duration when that is longer (audio encoded below 16 kbit/s).
     */
    double worstCaseSeconds() {
        double bySize = Math.ceil((double) file.size() / WORST_CASE_BYTES_PER_SECOND);
        return Math.max(bySize, Math.ceil(file.seconds().orElse(0)));
    }

    /** The worst case, as seconds (Whisper) and as Gemini's audio tokens: each price prices the unit it bills. */
    UnitUsage worstCase() {
        double seconds = worstCaseSeconds();
        return new UnitUsage(Map.of(UnitPrices.AUDIO_SECOND, seconds, UnitPrices.AUDIO_TOKEN,
                seconds * AUDIO_TOKENS_PER_SECOND));
    }

    /** What the answer consumed besides the tokens billed as tokens. */
    UnitUsage used(AudioMetering metering) {
        UnitUsage audioTokens = UnitUsage.of(UnitPrices.AUDIO_TOKEN, metering.audioTokens());
        if (metering.seconds().isPresent()) {
            return UnitUsage.of(UnitPrices.AUDIO_SECOND, metering.seconds().getAsDouble()).plus(audioTokens);
        }
        if (metering.hasTokens()) {
            return audioTokens;
        }
        if (file.seconds().isPresent()) {
            return UnitUsage.of(MEASURED, file.seconds().getAsDouble());
        }
        if (metering.lowerBound().isPresent()) {
            return UnitUsage.of(CUES, metering.lowerBound().getAsDouble());
        }
        return UnitUsage.of(WORST_CASE, worstCaseSeconds());
    }
}
