package dev.junction.endpoint.audio;

import dev.junction.audio.AudioUpload;
import dev.junction.audio.TranscriptionRequest;
import dev.junction.dialect.openai.OpenAiAudio;
import dev.junction.model.GatewayException;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/audio/transcriptions} and {@code /v1/audio/translations}: the form {@link UploadIntake} received,
 * decoded into a {@link TranscriptionOperation} when the pipeline asks (a missing file or model is a 400 then).
 */
public final class TranscriptionHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;
    private final TranscriptionRequest.Task task;

    public TranscriptionHandler(Pipeline pipeline, TranscriptionRequest.Task task) {
        this.pipeline = pipeline;
        this.task = task;
    }

    /** The handler that must run before this one on the same route: it receives the upload. */
    public static Handler<RoutingContext> intake(long limitBytes, String uploadDirectory) {
        return new UploadIntake(limitBytes, uploadDirectory);
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI, () -> {
            UploadedForm form = UploadedForm.of(ctx);
            AudioUpload file = form.file().orElseThrow(() -> GatewayException.invalid("file",
                    "Missing required parameter: 'file'."));
            return new TranscriptionOperation(OpenAiAudio.transcription(task, form.fields(), file));
        });
    }
}
