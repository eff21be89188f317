package dev.junction.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads short string values out of JSON bytes without parsing them: the values of every member
 * {@code "name": "value"} at any depth, in order. Safe against look-alikes inside strings, because a quote inside a
 * JSON string is escaped ({@code \"}), so {@code "name"} followed by a colon only occurs as a member name. Meant for
 * enumerated values (finish reasons, statuses): escapes in the value are not decoded, and a value longer than
 * {@value #MAX_VALUE} bytes is skipped.
 */
public final class JsonBytes {

    static final int MAX_VALUE = 64;

    private JsonBytes() {}

    /** The string values of members named {@code name} in {@code bytes[offset, offset + length)}, in order. */
    public static List<String> stringValues(byte[] bytes, int offset, int length, String name) {
        List<String> found = List.of();
        int n = name.length();
        int end = offset + length;
        outer:
        for (int i = offset; i + n + 2 < end; i++) {
            if (bytes[i] != '"' || bytes[i + n + 1] != '"' || i > offset && bytes[i - 1] == '\\') {
                continue;
            }
            for (int k = 0; k < n; k++) {
                if (bytes[i + 1 + k] != name.charAt(k)) {
                    continue outer;
                }
            }
            int j = skipSpaces(bytes, i + n + 2, end);
            if (j >= end || bytes[j] != ':') {
                continue;
            }
            j = skipSpaces(bytes, j + 1, end);
            if (j >= end || bytes[j] != '"') {
                continue;
            }
            int start = j + 1;
            int close = start;
            while (close < end && bytes[close] != '"' && close - start < MAX_VALUE) {
                close++;
            }
            if (close < end && bytes[close] == '"') {
                if (found.isEmpty()) {
                    found = new ArrayList<>(2);
                }
                found.add(new String(bytes, start, close - start, StandardCharsets.UTF_8));
                i = close;
            }
        }
        return found;
    }

    /** The same over a whole array. */
    public static List<String> stringValues(byte[] bytes, String name) {
        return stringValues(bytes, 0, bytes.length, name);
    }

    private static int skipSpaces(byte[] bytes, int from, int end) {
        int j = from;
        while (j < end && (bytes[j] == ' ' || bytes[j] == '\t' || bytes[j] == '\n' || bytes[j] == '\r')) {
            j++;
        }
        return j;
    }
}
