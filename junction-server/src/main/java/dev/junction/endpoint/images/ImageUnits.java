package dev.junction.endpoint.images;

import dev.junction.image.ImageRequest;
import dev.junction.image.ImageResponse;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.UnitPrices;

/**
 * What an image request consumes, for budgets and costs: {@code image:<size>:<quality>} units for models billed per
 * image (DALL·E, Imagen), output tokens for models billed by tokens (gpt-image, Gemini image output). Stateless.
 */
final class ImageUnits {

    /** The most output tokens one gpt-image image takes: high quality at 1536×1024 or 1024×1536. */
    private static final int MOST_TOKENS_PER_IMAGE = 6_240;

    private ImageUnits() {}

    /** The unit of one image of this size and quality ({@code image:1024x1024:hd}). */
    static String unit(String size, String quality) {
        return UnitPrices.IMAGE + ":" + size + ":" + quality;
    }

    /** The worst case: every image asked for, at the requested (or the dearest default) size and quality. */
    static UnitUsage worstCase(ImageRequest request) {
        return UnitUsage.of(unit(request.pricedSize(), request.pricedQuality()), request.n());
    }

    /**
     * The most output tokens the request can take at a model billed by tokens: gpt-image's published image token
     * counts (low 272, medium 1056, high 4160 at 1024×1024; 408, 1584 and 6240 at the larger sizes) per image.
     */
    static int worstCaseOutputTokens(ImageRequest request) {
        boolean square = request.pricedSize().equals("1024x1024");
        int perImage = switch (request.pricedQuality()) {
            case "low" -> square ? 272 : 408;
            case "medium" -> square ? 1_056 : 1_584;
            case "high" -> square ? 4_160 : MOST_TOKENS_PER_IMAGE;
            default -> MOST_TOKENS_PER_IMAGE;
        };
        return perImage * request.n();
    }

    /**
     * What the answer consumed: nothing but its tokens when the upstream reported tokens, else one unit per image
     * made, at the size and quality the upstream reports (or the request's).
     */
    static UnitUsage of(ImageRequest request, ImageResponse response) {
        if (response.usage().totalTokens() > 0 || response.images().isEmpty()) {
            return UnitUsage.NONE;
        }
        String size = response.size().filter(s -> !s.equals("auto")).orElse(request.pricedSize());
        String quality = response.quality().filter(q -> !q.equals("auto")).orElse(request.pricedQuality());
        return UnitUsage.of(unit(size, quality), response.images().size());
    }
}
