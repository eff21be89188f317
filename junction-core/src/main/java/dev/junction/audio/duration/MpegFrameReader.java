package dev.junction.audio.duration;

import java.util.OptionalDouble;

/**
 * MPEG audio (MP3, and layers I and II) and AAC in ADTS: an ID3v2 tag passed over, then every frame header read and
 * its frame skipped, the samples of each frame added up (so variable bitrates are measured exactly). A header that
 * breaks the chain ends the audio at a trailing tag ({@code TAG}, {@code APETAGEX}, {@code LYRICS}) or after a run of
 * frames; before {@value #MIN_FRAMES} frames it means the stream is not MPEG audio at all. Every frame must keep the
 * first one's version, layer and sample rate, so that random bytes are not taken for audio.
 */
final class MpegFrameReader extends ContainerReader {

    /** The frames a stream must have for its duration to be believed. */
    static final int MIN_FRAMES = 3;

    private static final int HEADER = 7;
    private static final int[][] BITRATES = { // kbit/s by [row][index]: MPEG-1 layers I, II, III; MPEG-2 I; MPEG-2 II/III
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};
    private static final int[] ADTS_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000,
        11025, 8000, 7350};

    private boolean first = true;
    private int frames;
    private int signature = -1;
    private long samples;
    private int rate;

    MpegFrameReader() {
        read(10); // an ID3v2 header, or the first frame's
    }

    @Override
    void next(byte[] b) {
        if (first) {
            first = false;
            if (ascii(b, 0, "ID3")) {
                long size = (u8(b, 6) & 0x7F) << 21 | (u8(b, 7) & 0x7F) << 14 | (u8(b, 8) & 0x7F) << 7
                        | u8(b, 9) & 0x7F;
                boolean footer = (u8(b, 5) & 0x10) != 0;
                skipThenRead(size + (footer ? 10 : 0), HEADER);
                return;
            }
            frame(b, 10);
            return;
        }
        frame(b, HEADER);
    }

    /** A frame header in the first bytes of {@code b}, of which {@code seen} have been read. */
    private void frame(byte[] b, int seen) {
        Frame frame = adts(b) ? adtsFrame(b) : mpegFrame(b);
        if (frame == null || signature >= 0 && frame.signature != signature || frame.length < seen) {
            endOfFrames(b);
            return;
        }
        signature = frame.signature;
        frames++;
        samples += frame.samples; // every frame has the first one's sample rate
        rate = frame.rate;
        skipThenRead(frame.length - seen, HEADER);
    }

    private void endOfFrames(byte[] b) {
        boolean trailer = ascii(b, 0, "TAG") || ascii(b, 0, "APETAGE") || ascii(b, 0, "LYRICS");
        if (frames >= MIN_FRAMES && (trailer || frames >= 16)) {
            stop(); // what follows the audio is not the audio
        } else {
            fail();
        }
    }

    private record Frame(int signature, long length, int samples, int rate) {}

    private static boolean adts(byte[] b) {
        return u8(b, 0) == 0xFF && (u8(b, 1) & 0xF6) == 0xF0;
    }

    private static Frame adtsFrame(byte[] b) {
        int rateIndex = u8(b, 2) >> 2 & 0xF;
        if (rateIndex >= ADTS_RATES.length) {
            return null;
        }
        long length = (u8(b, 3) & 0x3L) << 11 | (long) u8(b, 4) << 3 | u8(b, 5) >> 5;
        int blocks = (u8(b, 6) & 0x3) + 1;
        return new Frame(0x10000 | rateIndex, length, 1024 * blocks, ADTS_RATES[rateIndex]);
    }

    private static Frame mpegFrame(byte[] b) {
        if (u8(b, 0) != 0xFF || (u8(b, 1) & 0xE0) != 0xE0) {
            return null;
        }
        int version = u8(b, 1) >> 3 & 0x3; // 0 MPEG-2.5, 2 MPEG-2, 3 MPEG-1
        int layer = u8(b, 1) >> 1 & 0x3;   // 1 III, 2 II, 3 I
        int bitrateIndex = u8(b, 2) >> 4;
        int rateIndex = u8(b, 2) >> 2 & 0x3;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        int row = mpeg1 ? 3 - layer : layer == 3 ? 3 : 4;
        long bitrate = BITRATES[row][bitrateIndex] * 1000L;
        int rate = MPEG1_RATES[rateIndex] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        int padding = u8(b, 2) >> 1 & 0x1;
        int samples = layer == 3 ? 384 : layer == 2 || mpeg1 ? 1152 : 576;
        long length = layer == 3 ? (12 * bitrate / rate + padding) * 4 : samples / 8 * bitrate / rate + padding;
        return new Frame(version << 8 | layer << 4 | rateIndex, length, samples, rate);
    }

    @Override
    OptionalDouble seconds(long length) {
        return frames >= MIN_FRAMES ? OptionalDouble.of((double) samples / rate) : OptionalDouble.empty();
    }
}
