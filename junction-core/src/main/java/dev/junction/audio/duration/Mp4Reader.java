package dev.junction.audio.duration;

import java.util.OptionalDouble;

/**
 * MP4 and M4A (ISO base media): boxes walked from the top, {@code mdat} and the others skipped, into {@code moov}
 * (wherever it is, before or after the media) to its {@code mvhd}, whose duration over its timescale is the
 * presentation's length.
 */
final class Mp4Reader extends ContainerReader {

    private enum Step { BOX, LARGE_SIZE, MOVIE_HEADER }

    private Step step = Step.BOX;
    private String type = "";
    private OptionalDouble seconds = OptionalDouble.empty();

    Mp4Reader() {
        read(8);
    }

    @Override
    void next(byte[] b) {
        switch (step) {
            case BOX -> box(u32be(b, 0), new String(b, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1), 8);
            case LARGE_SIZE -> box(u64be(b, 0), type, 16);
            case MOVIE_HEADER -> movieHeader(b);
        }
    }

    private void box(long size, String boxType, int headerLength) {
        type = boxType;
        if (size == 1 && headerLength == 8) {
            step = Step.LARGE_SIZE;
            read(8);
            return;
        }
        if (boxType.equals("moov")) {
            step = Step.BOX;
            read(8); // into it: its first box
            return;
        }
        if (boxType.equals("mvhd")) {
            step = Step.MOVIE_HEADER;
            read(size - headerLength);
            return;
        }
        if (size == 0 || size < headerLength) {
            fail(); // the rest of the file, or damaged: no movie header to come
            return;
        }
        step = Step.BOX;
        skipThenRead(size - headerLength, 8);
    }

    private void movieHeader(byte[] b) {
        boolean wide = u8(b, 0) == 1;
        if (b.length < (wide ? 32 : 20)) {
            fail();
            return;
        }
        long timescale = u32be(b, wide ? 20 : 12);
        long duration = wide ? u64be(b, 24) : u32be(b, 16);
        if (timescale == 0) {
            fail();
            return;
        }
        seconds = OptionalDouble.of((double) duration / timescale);
        stop();
    }

    @Override
    OptionalDouble seconds(long length) {
        return seconds;
    }
}
