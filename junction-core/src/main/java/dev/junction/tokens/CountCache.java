package dev.junction.tokens;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Token counts of long texts seen recently, so that what agents send again with every request (a system prompt, tool
 * definitions, the conversation so far) is encoded once rather than on every turn. Texts are remembered by a 96-bit
 * fingerprint (length, a 64-bit FNV-1a hash and {@link String#hashCode}), never by the text itself, so the cache holds
 * no prompt. Bounded: when full it starts afresh. Thread safe.
 */
final class CountCache {

    /** Texts shorter than this are counted every time: hashing them would cost about as much. */
    static final int MIN_LENGTH = 512;

    private record Fingerprint(int length, long fnv, int hash) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Fingerprint, Integer> counts = new ConcurrentHashMap<>();

    CountCache(int capacity) {
        this.capacity = capacity;
    }

    /** The count of {@code text}: remembered when the text is long, else computed by {@code counter}. */
    int count(String text, ToIntFunction<String> counter) {
        if (text.length() < MIN_LENGTH) {
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
