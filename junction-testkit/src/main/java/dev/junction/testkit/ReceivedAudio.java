package dev.junction.testkit;

import java.util.List;
import java.util.Map;

/**
 * An audio file the mock received, digested as it arrived (never kept).
 *
 * @param path the request's path
 * @param filename the multipart part's file name (empty for a raw body)
 * @param contentType the part's (or the raw body's) content type
 * @param size the file's length in bytes
 * @param sha256 the file's SHA-256, lower-case hex
 * @param fields the form's text fields (or the query parameters of a raw body), in order per name
 */
public record ReceivedAudio(String path, String filename, String contentType, long size, String sha256,
                            Map<String, List<String>> fields) {

    public ReceivedAudio {
        fields = Map.copyOf(fields);
    }
}
