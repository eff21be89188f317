package dev.junction.audio.duration;

import java.util.OptionalDouble;

/**
 * A container's headers read from a byte stream fed in pieces of any size: the reader asks for the next few bytes it
 * must see ({@link #read}) or for bytes to pass over unseen ({@link #skip}), and is handed exactly what it asked for
 * in {@link #next}, however the stream was cut. Not thread safe: one per upload, fed in order.
 */
abstract class ContainerReader {

    /** The most bytes a reader may ask to see at once: a header, never the audio. */
    static final int MAX_READ = 64 * 1024;

    private byte[] wanted = new byte[0];
    private int filled;
    private long skipping;
    private long position;
    private boolean stopped;
    private boolean failed;

    /** Feeds the next bytes of the stream. */
    final void feed(byte[] bytes, int offset, int length) {
        int at = offset;
        int left = length;
        while (left > 0 && !stopped && !failed) {
            if (skipping > 0) {
                int n = (int) Math.min(skipping, left);
                skipping -= n;
                at += n;
                left -= n;
                position += n;
                continue;
            }
            int n = Math.min(wanted.length - filled, left);
            System.arraycopy(bytes, at, wanted, filled, n);
            filled += n;
            at += n;
            left -= n;
            position += n;
            if (filled == wanted.length) {
                byte[] seen = wanted;
                wanted = new byte[0];
                filled = 0;
                next(seen);
                if (wanted.length == 0 && skipping == 0 && !stopped) {
                    failed = true; // a reader that asks for nothing more has nothing more to say
                }
            }
        }
    }

    /** The seconds of audio, once the whole stream has been fed; empty when they cannot be told. */
    final OptionalDouble seconds() {
        return failed ? OptionalDouble.empty() : seconds(position);
    }

    /** Called with the bytes asked for by {@link #read}; asks for what comes next, or stops or fails. */
    abstract void next(byte[] bytes);

    /**
     * The duration, once the stream ended after {@code length} bytes (a reader that stopped early has its answer
     * already); empty when the stream did not hold what was needed.
     */
    abstract OptionalDouble seconds(long length);

    /** Asks to see the next {@code n} bytes; fails for more than {@link #MAX_READ}. */
    final void read(long n) {
        if (n <= 0 || n > MAX_READ) {
            fail();
            return;
        }
        wanted = new byte[(int) n];
    }

    /** Asks to pass over the next {@code n} bytes, then to see the next {@code then}. */
    final void skipThenRead(long n, long then) {
        if (n < 0) {
            fail();
            return;
        }
        skipping = n;
        read(then);
    }

    /** Passes over the rest of the stream. */
    final void skipRest() {
        skipping = Long.MAX_VALUE;
    }

    /** Nothing more needs to be seen: the answer is known. */
    final void stop() {
        stopped = true;
    }

    /** The stream is not what the reader reads, or is damaged: no duration. */
    final void fail() {
        failed = true;
    }

    /** How many bytes have been fed before the bytes just handed to {@link #next} ended. */
    final long position() {
        return position;
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static long u32le(byte[] b, int i) {
        return u8(b, i) | (long) u8(b, i + 1) << 8 | (long) u8(b, i + 2) << 16 | (long) u8(b, i + 3) << 24;
    }

    static long u32be(byte[] b, int i) {
        return (long) u8(b, i) << 24 | (long) u8(b, i + 1) << 16 | (long) u8(b, i + 2) << 8 | u8(b, i + 3);
    }

    static long u64le(byte[] b, int i) {
        return u32le(b, i) | u32le(b, i + 4) << 32;
    }

    static long u64be(byte[] b, int i) {
        return u32be(b, i) << 32 | u32be(b, i + 4);
    }

    static boolean ascii(byte[] b, int i, String text) {
        for (int k = 0; k < text.length(); k++) {
            if (i + k >= b.length || b[i + k] != (byte) text.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
