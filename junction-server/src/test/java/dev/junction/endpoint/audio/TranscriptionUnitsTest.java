package dev.junction.endpoint.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.audio.AudioMetering;
import dev.junction.audio.AudioUpload;
import dev.junction.pricing.UnitUsage;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Which seconds a transcription is billed, most trusted first, and the worst case its budget reserves. */
class TranscriptionUnitsTest {

    private static TranscriptionUnits upload(long size, OptionalDouble measured) {
        return new TranscriptionUnits(new AudioUpload("/tmp/a", "a.mp3", "audio/mpeg", size, measured));
    }

    @Test
    void secondsTheAnswerReportsWinOverTheMeasuredDuration() {
        assertThat(upload(64_000, OptionalDouble.of(31.5)).used(AudioMetering.seconds(32)))
                .isEqualTo(UnitUsage.of("audio_second", 32));
    }

    @Test
    void theMeasuredDurationWinsOverTheLastCue() {
        assertThat(upload(64_000, OptionalDouble.of(31.5)).used(AudioMetering.atLeast(29)))
                .isEqualTo(UnitUsage.of("audio_second:measured", 31.5));
    }

    @Test
    void theLastCueIsBilledWhenTheFileCouldNotBeMeasured() {
        assertThat(upload(64_000, OptionalDouble.empty()).used(AudioMetering.atLeast(29)))
                .isEqualTo(UnitUsage.of("audio_second:cues", 29));
    }

    @Test
    void nothingKnownIsTheWorstCaseAndSaysSo() {
        assertThat(upload(64_000, OptionalDouble.empty()).used(AudioMetering.NONE))
                .isEqualTo(UnitUsage.of("audio_second:worst_case", 32));
    }

    @Test
    void aTokenBilledAnswerIsBilledNoSecondsAndGeminisAudioTokensApart() {
        assertThat(upload(64_000, OptionalDouble.of(31.5)).used(AudioMetering.tokens(40, 12, 1_024)))
                .isEqualTo(UnitUsage.of("audio_token", 1_024));
        assertThat(upload(64_000, OptionalDouble.of(31.5)).used(AudioMetering.tokens(400, 12)))
                .isEqualTo(UnitUsage.NONE);
    }

    @Test
    void theWorstCaseIsTheLongerOfTheSizeEstimateAndTheMeasuredDuration() {
        assertThat(upload(64_000, OptionalDouble.of(31.5)).worstCase())
                .isEqualTo(new UnitUsage(Map.of("audio_second", 32.0, "audio_token", 32.0 * 32)));
        assertThat(upload(64_000, OptionalDouble.of(60.2)).worstCaseSeconds()).as("audio below 16 kbit/s")
                .isEqualTo(61);
    }
}
