package dev.junction.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubtitleDurationTest {

    @Test
    void anSrtTranscriptLastsUntilItsLatestCueEnds() {
        String srt = "1\n00:00:00,000 --> 00:00:04,500\nHello.\n\n2\n00:01:02,250 --> 01:00:03,125\nBye.\n\n";

        assertThat(SubtitleDuration.of(srt)).hasValue(3603.125);
    }

    @Test
    void aVttTranscriptMayOmitTheHours() {
        String vtt = "WEBVTT\n\n00:01.000 --> 00:02.500\nHi.\n\n00:02.500 --> 01:07.040 align:start\nThere.\n";

        assertThat(SubtitleDuration.of(vtt)).hasValue(67.04);
    }

    @Test
    void textWithoutCuesHasNoDuration() {
        assertThat(SubtitleDuration.of("just words, 12:30 at noon")).isEmpty();
        assertThat(SubtitleDuration.isSubtitle("text")).isFalse();
        assertThat(SubtitleDuration.isSubtitle("vtt")).isTrue();
    }
}
