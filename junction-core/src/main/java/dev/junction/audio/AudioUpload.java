package dev.junction.audio;

import java.util.OptionalDouble;

/**
 * An uploaded audio file kept on disk for the length of one request (the server deletes it when the request ends).
 * Immutable; the file itself is read by each attempt anew, never held in memory.
 *
 * @param path where the bytes are
 * @param filename the name the client gave it (providers guess the format from its extension)
 * @param contentType the content type the client gave it, {@code application/octet-stream} when it gave none
 * @param size its length in bytes
 * @param seconds its duration, measured from its container's headers as it arrived
 *     ({@link dev.junction.audio.duration.DurationMeter}); empty when its container is not one the gateway reads
 */
public record AudioUpload(String path, String filename, String contentType, long size, OptionalDouble seconds) {

    /** An upload whose duration was not measured. */
    public AudioUpload(String path, String filename, String contentType, long size) {
        this(path, filename, contentType, size, OptionalDouble.empty());
    }
}
