package dev.junction.audio.duration;

import java.util.OptionalDouble;

/**
 * Ogg Opus and Ogg Vorbis: the first page's identification header gives the granule rate (48 kHz for Opus, less
 * its pre-skip; the sample rate for Vorbis), and the last page of that stream its granule position, the samples
 * decoded up to its end. Pages are walked header by header, their bodies skipped.
 */
final class OggReader extends ContainerReader {

    private static final int PAGE_HEADER = 27;

    private enum Step { PAGE, SEGMENTS, IDENTIFICATION }

    private Step step = Step.PAGE;
    private long serial = -1;
    private long pageGranule;
    private long pageSerial;
    private long lastGranule = -1;
    private long rate;
    private long preSkip;

    OggReader() {
        read(PAGE_HEADER);
    }

    @Override
    void next(byte[] b) {
        switch (step) {
            case PAGE -> page(b);
            case SEGMENTS -> segments(b);
            case IDENTIFICATION -> identification(b);
        }
    }

    private void page(byte[] b) {
        if (!ascii(b, 0, "OggS") || u8(b, 4) != 0) {
            if (rate > 0) {
                stop(); // trailing bytes after the last page
            } else {
                fail();
            }
            return;
        }
        pageGranule = u64le(b, 6);
        pageSerial = u32le(b, 14);
        int segments = u8(b, 26);
        step = Step.SEGMENTS;
        if (segments == 0) {
            segments(new byte[0]);
        } else {
            read(segments);
        }
    }

    private void segments(byte[] table) {
        long body = 0;
        for (byte lacing : table) {
            body += lacing & 0xFF;
        }
        if (serial < 0) { // the first page: its body is the identification header
            serial = pageSerial;
            step = Step.IDENTIFICATION;
            read(body);
            return;
        }
        if (pageSerial == serial && pageGranule != -1L) {
            lastGranule = pageGranule;
        }
        step = Step.PAGE;
        skipThenRead(body, PAGE_HEADER);
    }

    private void identification(byte[] b) {
        if (ascii(b, 0, "OpusHead") && b.length >= 19) {
            rate = 48_000;
            preSkip = u8(b, 10) | u8(b, 11) << 8;
        } else if (u8(b, 0) == 1 && ascii(b, 1, "vorbis") && b.length >= 16) {
            rate = u32le(b, 12);
        }
        if (rate == 0) {
            fail();
            return;
        }
        step = Step.PAGE;
        read(PAGE_HEADER);
    }

    @Override
    OptionalDouble seconds(long length) {
        if (rate == 0 || lastGranule < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, lastGranule - preSkip) / (double) rate);
    }
}
