package dev.junction.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The mock's deterministic audio: the bytes it speaks for a text (so that a test can compare what a client got with
 * what the mock sent), the transcript it hears in a file, and the duration it reports for one. Stateless.
 */
public final class MockAudio {

    /** The mock speaks in chunks of this size, each written on its own. */
    public static final int CHUNK = 16 * 1024;
    /** How many chunks one speech answer has. */
    public static final int CHUNKS = 4;
    /** The bytes per second of audio the mock pretends its uploads are encoded at (128 kbit/s). */
    public static final long BYTES_PER_SECOND = 16_000;

    private MockAudio() {}

    /** The audio the mock answers {@code input} with, in {@code format}: {@link #CHUNKS} × {@link #CHUNK} bytes. */
    public static byte[] speech(String input, String format) {
        byte[] out = new byte[CHUNK * CHUNKS];
        byte[] seed = sha256((format + ":" + input).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < out.length; i += seed.length) {
            seed = sha256(seed);
            System.arraycopy(seed, 0, out, i, Math.min(seed.length, out.length - i));
        }
        return out;
    }

    /** The content type the mock (like OpenAI) answers a speech request in {@code format} with. */
    public static String speechContentType(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "opus" -> "audio/opus";
            case "aac" -> "audio/aac";
            case "flac" -> "audio/flac";
            case "wav" -> "audio/wav";
            case "pcm" -> "audio/pcm";
            default -> "audio/mpeg";
        };
    }

    /** The transcript the mock hears in a file of this size and digest. */
    public static String transcript(long size, String sha256) {
        return "Mock transcript of " + size + " bytes (" + sha256.substring(0, 12) + ").";
    }

    /** The duration the mock reports for a file of {@code size} bytes, in seconds. */
    public static double duration(long size) {
        return Math.max(1, size / (double) BYTES_PER_SECOND);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
