package dev.junction.audio.duration;

import java.util.OptionalDouble;

/**
 * RIFF WAVE: the {@code fmt } chunk's byte rate, then the {@code data} chunk's length (its declared size, or the
 * bytes that came when the size was left open or the stream is shorter), walked chunk by chunk.
 */
final class WavReader extends ContainerReader {

    private long byteRate;
    private long dataStart = -1;
    private long declared;
    private boolean riff = true;

    WavReader() {
        read(12);
    }

    @Override
    void next(byte[] b) {
        if (riff) {
            riff = false;
            if (!ascii(b, 0, "RIFF") || !ascii(b, 8, "WAVE")) {
                fail();
                return;
            }
            read(8);
            return;
        }
        if (b.length == 8) {
            chunk(b);
        } else {
            format(b);
        }
    }

    private void chunk(byte[] b) {
        long size = u32le(b, 4);
        if (ascii(b, 0, "data")) {
            if (byteRate == 0) {
                fail(); // no format before the samples
                return;
            }
            dataStart = position();
            declared = size;
            skipRest();
        } else if (ascii(b, 0, "fmt ")) {
            if (size < 16) {
                fail();
                return;
            }
            read(size + (size & 1));
        } else {
            skipThenRead(size + (size & 1), 8);
        }
    }

    private void format(byte[] b) {
        byteRate = u32le(b, 8);
        if (byteRate == 0) {
            fail();
            return;
        }
        read(8);
    }

    @Override
    OptionalDouble seconds(long length) {
        if (dataStart < 0) {
            return OptionalDouble.empty();
        }
        long received = length - dataStart;
        long open = 0xFFFF_FFFFL;
        long bytes = declared == 0 || declared == open ? received : Math.min(declared, received);
        return OptionalDouble.of((double) bytes / byteRate);
    }
}
