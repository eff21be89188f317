package dev.junction.image;

import java.util.Optional;

/**
 * One image of an answer: its bytes in base64 or a URL where it can be fetched (for a while), and the prompt the
 * model actually used when it rewrote it. Immutable.
 */
public record GeneratedImage(Optional<String> b64Json, Optional<String> url, Optional<String> revisedPrompt) {

    /** An image given as base64. */
    public static GeneratedImage ofBase64(String b64) {
        return new GeneratedImage(Optional.of(b64), Optional.empty(), Optional.empty());
    }
}
