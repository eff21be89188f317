package dev.junction.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The vectors of the mock's bag-of-words embedding models (a model named {@code embed-words…}): each word of the
 * text, lower-cased, without punctuation and without a few very common words, adds 1 to the dimension its hash
 * picks; the vector is then scaled to unit length. Paraphrases that share their words are therefore close (the same
 * words in another order or case are identical) and texts without common words are far apart, deterministically.
 * Stateless.
 */
final class WordEmbeddings {

    /** The vector size when the request does not say. */
    static final int DEFAULT_DIMENSIONS = 256;

    private static final Set<String> COMMON = Set.of("a", "an", "the", "is", "are", "of", "to", "me", "please",
            "what", "whats", "tell", "do", "you", "know", "can", "could", "and", "in", "on", "for");

    private WordEmbeddings() {}

    /** Whether {@code model} is one of these models. */
    static boolean serves(String model) {
        return model.startsWith("embed-words");
    }

    static double[] values(String text, int dimensions) {
        double[] values = new double[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty() || COMMON.contains(word)) {
                continue;
            }
            values[Math.floorMod(hash(word), dimensions)] += 1;
        }
        double squares = 0;
        for (double v : values) {
            squares += v * v;
        }
        double norm = Math.sqrt(squares);
        for (int i = 0; i < dimensions && norm > 0; i++) {
            values[i] /= norm;
        }
        return values;
    }

    /** FNV-1a over the word's UTF-8 bytes. */
    private static int hash(String word) {
        int h = 0x811c9dc5;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}
