package dev.junction.endpoint.images;

import dev.junction.dialect.openai.OpenAiImages;
import dev.junction.endpoint.ChatOperation;
import dev.junction.image.ImageReply;
import dev.junction.image.ImageRequest;
import dev.junction.image.ImageResponse;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Operation;
import dev.junction.pipeline.Reply;
import dev.junction.pricing.UnitUsage;
import dev.junction.routing.OperationKind;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.Routed;
import io.vertx.core.Future;
import java.util.OptionalInt;

/**
 * An image generation, edit or variation, routed with failover to the deployments that serve {@code images} and
 * answered in OpenAI's shape: at once, or as OpenAI's image event stream when the client asked for one. Records the
 * images (or the tokens) it made for the cost stage. Immutable.
 */
public final class ImageOperation implements Operation {

    /** A flat allowance of input tokens per uploaded image: gpt-image bills the images of an edit as input. */
    private static final int TOKENS_PER_UPLOAD = 6_000;

    private final ImageRequest request;

    public ImageOperation(ImageRequest request) {
        this.request = request;
    }

    @Override
    public OperationKind kind() {
        return OperationKind.IMAGES;
    }

    @Override
    public String model() {
        return request.model();
    }

    @Override
    public boolean stream() {
        return request.stream();
    }

    @Override
    public long estimateInputTokens() {
        long uploads = request.images().size() + (request.mask().isPresent() ? 1 : 0);
        return request.prompt().length() / 4 + 1 + uploads * TOKENS_PER_UPLOAD;
    }

    @Override
    public OptionalInt maxOutputTokens() {
        return OptionalInt.of(ImageUnits.worstCaseOutputTokens(request));
    }

    @Override
    public UnitUsage worstCaseUnits() {
        return ImageUnits.worstCase(request);
    }

    @Override
    public RequestFacts facts() {
        return RequestFacts.of(OperationKind.IMAGES, estimateInputTokens(), maxOutputTokens().getAsInt());
    }

    /** The request, for tests and extensions. */
    public ImageRequest request() {
        return request;
    }

    @Override
    public Future<Routed<Reply>> execute(Exchange exchange, Route route) {
        var rt = exchange.runtime();
        return rt.executor().<ImageReply>run(route, facts(), ChatOperation.pin(exchange), exchange.cancellation(),
                (provider, step) -> rt.imageAdapter(provider).images(request, provider, step.model(),
                        exchange.requestId(), exchange.propagation(), exchange.cancellation())).map(routed -> {
            Reply reply = switch (routed.value()) {
                case ImageReply.Complete c -> complete(exchange, c.response(), routed);
                case ImageReply.Streamed s -> new Reply.Written(new ImageEventRelay(request, s.events(),
                        routed.delivered(), rt.redactor()));
            };
            return new Routed<>(reply, routed.step(), routed.attempts(), routed.delivered());
        });
    }

    private Reply complete(Exchange exchange, ImageResponse response, Routed<ImageReply> routed) {
        routed.delivered().accept(response.usage().totalTokens());
        exchange.record().usage(response.usage()).units(ImageUnits.of(request, response));
        if (request.stream()) {
            return new Reply.Written(ImageEventRelay.synthesized(request, response));
        }
        return new Reply.Json(OpenAiImages.fromCanonical(response, request.urls()));
    }
}
