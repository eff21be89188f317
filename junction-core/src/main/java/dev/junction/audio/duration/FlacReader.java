package dev.junction.audio.duration;

import java.util.OptionalDouble;

/** FLAC: the STREAMINFO block's total samples over its sample rate (unknown when the encoder left the total 0). */
final class FlacReader extends ContainerReader {

    private static final int STREAMINFO = 0;

    private int step;
    private OptionalDouble seconds = OptionalDouble.empty();

    FlacReader() {
        read(4);
    }

    @Override
    void next(byte[] b) {
        switch (step++) {
            case 0 -> {
                if (!ascii(b, 0, "fLaC")) {
                    fail();
                    return;
                }
                read(4);
            }
            case 1 -> {
                if ((u8(b, 0) & 0x7F) != STREAMINFO) {
                    fail(); // STREAMINFO must come first
                    return;
                }
                read(34);
            }
            default -> {
                long rate = (long) u8(b, 10) << 12 | u8(b, 11) << 4 | u8(b, 12) >> 4;
                long samples = (u8(b, 13) & 0x0FL) << 32 | u32be(b, 14);
                if (rate == 0 || samples == 0) {
                    fail();
                    return;
                }
                seconds = OptionalDouble.of((double) samples / rate);
                stop();
            }
        }
    }

    @Override
    OptionalDouble seconds(long length) {
        return seconds;
    }
}
