package dev.junction.tokens;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Token counts of texts seen recently, within a band of lengths, so that what clients send again with every request
 * (a system prompt, tool names and definitions, the conversation so far) is encoded once rather than on every turn.
 * Texts are remembered by a 96-bit fingerprint (length, a 64-bit FNV-1a hash and {@link String#hashCode}), never by
 * the text itself, so the cache holds no prompt. Texts outside the band are counted every time. Bounded: when full it
 * starts afresh. Thread safe.
 */
final class CountCache {

    /**
     * Where the long-text band of {@link TokenEstimator} starts: texts of this length and more are kept apart from
     * short ones, so that unique short turns, counted once each, never push out the long prompts sent again and again.
     */
    static final int MIN_LENGTH = 512;

    private record Fingerprint(int length, long fnv, int hash) {
    }

    private final int capacity;
    private final int minLength;
    private final int maxLength;
    private final ConcurrentHashMap<Fingerprint, Integer> counts = new ConcurrentHashMap<>();

    /** A cache of {@code capacity} counts for texts from {@code minLength} to {@code maxLength} characters. */
    CountCache(int capacity, int minLength, int maxLength) {
        this.capacity = capacity;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The count of {@code text}: remembered when its length is in the band, else computed by {@code counter}. */
    int count(String text, ToIntFunction<String> counter) {
        if (text.length() < minLength || text.length() > maxLength) {
            return counter.applyAsInt(text);
        }
        Fingerprint key = new Fingerprint(text.length(), fnv(text), text.hashCode());
        Integer known = counts.get(key);
        if (known != null) {
            return known;
        }
        int counted = counter.applyAsInt(text);
        if (counts.size() >= capacity) {
            counts.clear();
        }
        counts.put(key, counted);
        return counted;
    }

    /** How many counts are remembered. */
    int size() {
        return counts.size();
    }

    private static long fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
