package dev.junction.audio;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seconds of audio an SRT or WebVTT transcript covers: the latest end time of its cues. Whisper answers these
 * formats with no duration, so this is what such a transcription is billed by (an honest lower bound: trailing
 * silence after the last cue is not counted). Stateless.
 */
public final class SubtitleDuration {

    /** A cue's timing line, {@code 00:00:01,000 --> 00:00:04,250} (SRT) or {@code 01:04.250} with a dot (WebVTT). */
    private static final Pattern TIMING = Pattern.compile(
            "-->\\s*(?:(\\d+):)?(\\d{1,2}):(\\d{2})[.,](\\d{1,3})");

    private SubtitleDuration() {
    }

    /** The latest cue end in {@code transcript}; empty when it holds no cue timing. */
    public static OptionalDouble of(String transcript) {
        Matcher m = TIMING.matcher(transcript);
        double latest = -1;
        while (m.find()) {
            long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
            String fraction = (m.group(4) + "00").substring(0, 3);
            double seconds = hours * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3))
                    + Long.parseLong(fraction) / 1000.0;
            latest = Math.max(latest, seconds);
        }
        return latest < 0 ? OptionalDouble.empty() : OptionalDouble.of(latest);
    }

    /** Whether {@code responseFormat} is one of the subtitle formats ({@code srt}, {@code vtt}). */
    public static boolean isSubtitle(String responseFormat) {
        return responseFormat.equals("srt") || responseFormat.equals("vtt");
    }
}
