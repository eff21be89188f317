package dev.junction.testkit;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body split into its parts, as a provider reads an upload: each part's field name,
 * file name (for files), content type and bytes, untouched. Immutable.
 *
 * @param parts the parts in order
 */
record MultipartParts(List<Part> parts) {

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    /** One part. */
    record Part(String name, Optional<String> fileName, String contentType, byte[] bytes) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The parts of {@code body}; empty when the content type is not a multipart form or has no boundary. */
    static MultipartParts parse(String contentType, Buffer body) {
        if (contentType == null || !contentType.startsWith("multipart/form-data")) {
            return new MultipartParts(List.of());
        }
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            return new MultipartParts(List.of());
        }
        String boundary = contentType.substring(at + 9).replace("\"", "").strip();
        byte[] bytes = body.getBytes();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int start = indexOf(bytes, delimiter, 0);
        while (start >= 0) {
            int headersStart = start + delimiter.length + 2; // past "\r\n"
            if (headersStart > bytes.length || bytes[start + delimiter.length] == '-') {
                break; // the closing delimiter
            }
            int headersEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(bytes, delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(bytes, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(bytes, headersEnd + 4, next - 2); // less the "\r\n"
            parts.add(new Part(group(NAME, headers).orElse(""), group(FILE_NAME, headers),
                    header(headers, "content-type").orElse("text/plain"), content));
            start = next;
        }
        return new MultipartParts(List.copyOf(parts));
    }

    /** The text of the first field of this name. */
    Optional<String> field(String name) {
        return parts.stream().filter(p -> p.name().equals(name) && p.fileName().isEmpty()).map(Part::text)
                .findFirst();
    }

    /** The files, in order. */
    List<Part> files() {
        return parts.stream().filter(p -> p.fileName().isPresent()).toList();
    }

    private static Optional<String> group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return Optional.of(line.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
