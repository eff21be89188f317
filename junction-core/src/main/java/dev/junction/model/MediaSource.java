package dev.junction.model;

/** Where the bytes of an image, document or audio clip come from. */
public sealed interface MediaSource {

    /** Inline bytes, base64-encoded (standard alphabet, no data-URL prefix). */
    record Base64(String mediaType, String data) implements MediaSource {}

    /** A URL the upstream (or the gateway) fetches: {@code https://…}. */
    record Url(String url) implements MediaSource {}

    /** A provider-side file reference, such as an OpenAI {@code file_id}. */
    record FileRef(String id) implements MediaSource {}

    /**
     * Parses an OpenAI-style URL field: a {@code data:<mime>;base64,<payload>} URL becomes {@link Base64}, anything
     * else a {@link Url}.
     */
    static MediaSource fromUrlField(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semi = url.indexOf(";base64");
            if (comma > 0 && semi > 0 && semi < comma) {
                return new Base64(url.substring(5, semi), url.substring(comma + 1));
            }
        }
        return new Url(url);
    }

    /** The inverse of {@link #fromUrlField}: a data URL for inline bytes, the URL itself otherwise. */
    default String toUrlField() {
        return switch (this) {
            case Base64 b -> "data:" + b.mediaType() + ";base64," + b.data();
            case Url u -> u.url();
            case FileRef f -> f.id();
        };
    }
}
