package dev.junction.audio.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Durations read from container headers as the bytes stream past, in pieces of any size. */
class DurationMeterTest {

    private static OptionalDouble measure(byte[] file, int piece) {
        DurationMeter meter = new DurationMeter();
        for (int at = 0; at < file.length; at += piece) {
            meter.feed(file, at, Math.min(piece, file.length - at));
        }
        return meter.seconds();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 1 << 20})
    void aWavFileLastsItsDataChunkOverItsByteRate(int piece) {
        assertThat(measure(AudioSamples.wav(16_000, 1, 2.5, false), piece)).hasValue(2.5);
    }

    @Test
    void aWavFileWithAnOpenSizeLastsTheBytesThatCame() {
        assertThat(measure(AudioSamples.wav(44_100, 2, 1.0, true), 1000)).hasValue(1.0);
    }

    @Test
    void aWavFileCutShortLastsWhatArrived() {
        byte[] wav = AudioSamples.wav(8_000, 1, 4, false);
        byte[] cut = java.util.Arrays.copyOf(wav, wav.length - 16_000);

        assertThat(measure(cut, 512)).hasValue(3.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 4096})
    void anMp3LastsItsFramesWhateverTheirBitrateAndTags(int piece) {
        OptionalDouble seconds = measure(AudioSamples.mp3(100), piece);

        assertThat(seconds).isPresent();
        assertThat(seconds.getAsDouble()).isCloseTo(100 * 1152 / 44_100.0, within(1e-9));
    }

    @Test
    void aacInAdtsLastsItsFrames() {
        assertThat(measure(AudioSamples.adts(240), 333).getAsDouble()).isCloseTo(240 * 1024 / 24_000.0,
                within(1e-9));
    }

    @Test
    void aFlacFileLastsItsStreamInfoSamples() {
        assertThat(measure(AudioSamples.flac(48_000, 48_000 * 7 + 24_000), 5)).hasValue(7.5);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 100, 65_536})
    void anOggOpusFileLastsItsLastGranuleLessThePreSkip(int piece) {
        assertThat(measure(AudioSamples.opus(312, 312 + 48_000 * 3 + 9_600), piece)).hasValue(3.2);
    }

    @Test
    void anM4aLastsItsMovieHeadersDurationEvenWhenTheMovieBoxComesLast() {
        assertThat(measure(AudioSamples.m4a(44_100, 44_100 * 12, false), 17)).hasValue(12.0);
        assertThat(measure(AudioSamples.m4a(1_000, 61_250, true), 4096)).hasValue(61.25);
    }

    @Test
    void randomBytesHaveNoDuration() {
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);

        assertThat(measure(noise, 8192)).isEmpty();
    }

    @Test
    void bytesThatStartLikeAnMp3FrameButDoNotChainHaveNoDuration() {
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xFB;
        noise[2] = (byte) 0x90;

        assertThat(measure(noise, 8192)).isEmpty();
    }

    @Test
    void aFileShorterThanItsHeaderHasNoDuration() {
        assertThat(measure(new byte[] {'R', 'I', 'F', 'F'}, 1)).isEmpty();
        assertThat(new DurationMeter().seconds()).isEmpty();
    }
}
