package dev.junction.endpoint.images;

import dev.junction.dialect.openai.OpenAiImages;
import dev.junction.endpoint.FormFailure;
import dev.junction.endpoint.RequestBodies;
import dev.junction.image.ImageFile;
import dev.junction.image.ImageTask;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/images/generations} (a JSON body, collected by the route's body handler) and {@code /edits},
 * {@code /variations} (a multipart upload: {@code image} or {@code image[]}, once or several times, and {@code
 * mask}; held in memory within the body limit, larger uploads answered with a 413 once the caller is
 * authenticated). Stateless.
 */
public final class ImagesHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;
    private final ImageTask task;
    private final long maxBodyBytes;

    public ImagesHandler(Pipeline pipeline, ImageTask task, long maxBodyBytes) {
        this.pipeline = pipeline;
        this.task = task;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (task == ImageTask.GENERATE || type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            if (task != ImageTask.GENERATE) {
                pipeline.run(ctx, ClientDialect.OPENAI, () -> {
                    throw GatewayException.invalid("image", "Send " + task.path() + " as multipart/form-data with "
                            + "the image file(s).");
                });
                return;
            }
            pipeline.run(ctx, ClientDialect.OPENAI, () ->
                    new ImageOperation(OpenAiImages.generation(RequestBodies.json(ctx))));
            return;
        }
        MultipartForm.read(ctx.request(), maxBodyBytes).onComplete(ar -> pipeline.run(ctx, ClientDialect.OPENAI, () -> {
            if (ar.failed()) {
                throw new GatewayException(FormFailure.of(ar.cause()));
            }
            MultipartForm form = ar.result();
            if (form.tooLarge()) {
                throw new GatewayException(new GatewayError.PayloadTooLarge(maxBodyBytes));
            }
            List<ImageFile> images = new ArrayList<>();
            Optional<ImageFile> mask = Optional.empty();
            for (MultipartForm.Part part : form.files()) {
                switch (part.field()) {
                    case "image", "image[]" -> images.add(part.file());
                    case "mask" -> mask = Optional.of(part.file());
                    default -> throw GatewayException.invalid(part.field(), "Unrecognized file field: "
                            + part.field() + " (expected 'image', 'image[]' or 'mask').");
                }
            }
            return new ImageOperation(OpenAiImages.of(task, form.fields(), images, mask));
        }));
    }
}
