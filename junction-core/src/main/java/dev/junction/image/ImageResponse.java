package dev.junction.image;

import dev.junction.model.Usage;
import java.util.List;
import java.util.Optional;

/**
 * The images an upstream made, in canonical form. Immutable.
 *
 * @param created when, in seconds since the epoch
 * @param images the images, in order
 * @param usage the tokens, for models billed by tokens (gpt-image models, Gemini image output); zero otherwise
 * @param size the size the upstream reports, when it does
 * @param quality the quality the upstream reports, when it does
 * @param background the background the upstream reports, when it does
 * @param outputFormat the file format the upstream reports, when it does
 * @param mimeType the images' media type when known ({@code image/png}), for data URLs
 */
public record ImageResponse(long created, List<GeneratedImage> images, Usage usage, Optional<String> size,
                            Optional<String> quality, Optional<String> background, Optional<String> outputFormat,
                            Optional<String> mimeType) {

    public ImageResponse {
        images = List.copyOf(images);
    }
}
