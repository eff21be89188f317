package dev.junction.dialect.gemini;

import dev.junction.json.Json;
import dev.junction.model.ContentPart;
import dev.junction.model.MediaSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Images, audio and documents as Gemini parts: {@code inlineData} for inline bytes, {@code fileData} for file URIs
 * (the server downloads and inlines http(s) URLs before a Gemini upstream sees them, so what remains here are Files
 * API and YouTube URIs). The MIME type comes from the source when it has one, else from the URI's extension, else a
 * default per kind.
 */
final class GeminiMedia {

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("csv", "text/csv"), Map.entry("html", "text/html"),
            Map.entry("mp3", "audio/mp3"), Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"),
            Map.entry("flac", "audio/flac"), Map.entry("aac", "audio/aac"), Map.entry("aiff", "audio/aiff"));

    private GeminiMedia() {}

    /** The canonical part for data of this MIME type; empty for kinds the canonical model has no part for (video). */
    static Optional<ContentPart> part(String mime, MediaSource source) {
        String type = mime.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return Optional.of(new ContentPart.Image(source, Optional.empty()));
        }
        if (type.startsWith("audio/")) {
            return Optional.of(new ContentPart.Audio(source, audioFormat(type)));
        }
        if (type.equals("application/pdf") || type.startsWith("text/")) {
            return Optional.of(new ContentPart.Document(source, Optional.empty()));
        }
        return Optional.empty();
    }

    /** OpenAI's audio format names ({@code wav}, {@code mp3}) for the common MIME types, else the subtype. */
    private static String audioFormat(String mime) {
        String subtype = mime.substring("audio/".length());
        return switch (subtype) {
            case "mpeg", "mp3" -> "mp3";
            case "wav", "x-wav", "wave" -> "wav";
            default -> subtype;
        };
    }

    /** The MIME type a media part is written with; empty for a file reference that Gemini cannot resolve. */
    static Optional<String> mimeOf(ContentPart part) {
        MediaSource source = source(part);
        if (source instanceof MediaSource.Base64 b) {
            return Optional.of(b.mediaType());
        }
        if (source instanceof MediaSource.FileRef f && !isGeminiFile(f.id())) {
            return Optional.empty();
        }
        String uri = source.toUrlField();
        return Optional.of(guess(uri).orElseGet(() -> switch (part) {
            case ContentPart.Audio a -> "audio/" + a.format();
            case ContentPart.Image i -> "image/jpeg";
            default -> "application/pdf";
        }));
    }

    /**
     * The Gemini part for an image, audio clip or document; empty (and the reason added to {@code dropped}) when
     * Gemini cannot take it, such as an OpenAI {@code file_id}.
     */
    static Optional<ObjectNode> write(ContentPart part, Set<String> dropped) {
        if (part instanceof ContentPart.Image image && image.detail().filter(d -> !d.equals("auto")).isPresent()) {
            dropped.add("detail");
        }
        Optional<String> mime = mimeOf(part);
        if (mime.isEmpty()) {
            dropped.add("file_id");
            return Optional.empty();
        }
        ObjectNode out = Json.object();
        switch (source(part)) {
            case MediaSource.Base64 b -> out.putObject("inlineData").put("mimeType", mime.get()).put("data", b.data());
            case MediaSource.Url u -> out.putObject("fileData").put("mimeType", mime.get()).put("fileUri", u.url());
            case MediaSource.FileRef f -> out.putObject("fileData").put("mimeType", mime.get()).put("fileUri", f.id());
        }
        return Optional.of(out);
    }

    private static MediaSource source(ContentPart part) {
        return switch (part) {
            case ContentPart.Image i -> i.source();
            case ContentPart.Audio a -> a.source();
            case ContentPart.Document d -> d.source();
            default -> throw new IllegalArgumentException("not a media part: " + part.getClass().getSimpleName());
        };
    }

    private static boolean isGeminiFile(String id) {
        return id.startsWith("files/") || id.contains("generativelanguage.googleapis.com/");
    }

    private static Optional<String> guess(String uri) {
        String path = uri;
        int cut = path.indexOf('?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash || dot == path.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
