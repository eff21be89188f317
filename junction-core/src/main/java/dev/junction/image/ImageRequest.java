package dev.junction.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A request for images, in canonical form (OpenAI's Images API is the superset the others map onto). Immutable.
 *
 * @param task generate, edit or vary
 * @param model the model name as the client sent it
 * @param prompt what to draw or change; empty for a variation
 * @param n how many images (1 to 10)
 * @param size {@code 1024x1024}, {@code 1536x1024}, {@code auto}, …, when given
 * @param quality {@code standard}, {@code hd}, {@code low}, {@code medium}, {@code high}, {@code auto}, when given
 * @param urls whether the client asked for URLs ({@code response_format: url}) rather than base64
 * @param background {@code transparent}, {@code opaque} or {@code auto}, when given (gpt-image models)
 * @param outputFormat {@code png}, {@code jpeg} or {@code webp}, when given (gpt-image models)
 * @param outputCompression 0 to 100, for jpeg and webp, when given
 * @param style {@code vivid} or {@code natural}, when given (DALL·E 3)
 * @param moderation {@code low} or {@code auto}, when given (gpt-image models)
 * @param inputFidelity {@code high} or {@code low}, when given (edits with gpt-image-1)
 * @param user an end-user identifier for abuse tracking
 * @param stream whether the client asked for a stream of partial images
 * @param partialImages how many partial images to stream (0 to 3), when given
 * @param images the uploaded images of an edit or variation; empty for a generation
 * @param mask the mask of an edit, when given
 */
public record ImageRequest(ImageTask task, String model, String prompt, int n, Optional<String> size,
                           Optional<String> quality, boolean urls, Optional<String> background,
                           Optional<String> outputFormat, OptionalInt outputCompression, Optional<String> style,
                           Optional<String> moderation, Optional<String> inputFidelity, Optional<String> user,
                           boolean stream, OptionalInt partialImages, List<ImageFile> images,
                           Optional<ImageFile> mask) {

    /** The most images one request may ask for. */
    public static final int MAX_IMAGES = 10;

    public ImageRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        if (n < 1 || n > MAX_IMAGES) {
            throw new IllegalArgumentException("n must be from 1 to " + MAX_IMAGES + ", got " + n);
        }
        images = List.copyOf(images);
    }

    /** This request with {@code rewritten} as its prompt (a guardrail's masked prompt). */
    public ImageRequest withPrompt(String rewritten) {
        return new ImageRequest(task, model, rewritten, n, size, quality, urls, background, outputFormat,
                outputCompression, style, moderation, inputFidelity, user, stream, partialImages, images, mask);
    }

    /** The size the price is looked up by: the requested one, else {@code 1024x1024} (every model's default). */
    public String pricedSize() {
        return size.filter(s -> !s.equals("auto")).orElse("1024x1024");
    }

    /**
     * The quality the price is looked up by: the requested one, else the model's default ({@code standard} for
     * DALL·E; {@code high} otherwise, the dearest, which {@code auto} may pick).
     */
    public String pricedQuality() {
        String fallback = model.contains("dall-e") ? "standard" : "high";
        return quality.filter(q -> !q.equals("auto")).orElse(fallback);
    }
}
