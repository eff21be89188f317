package dev.junction.endpoint.audio;

import dev.junction.dialect.openai.OpenAiAudio;
import dev.junction.endpoint.RequestBodies;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.Pipeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /v1/audio/speech}: a JSON body, routed to any provider that speaks; the audio relayed as it comes. */
public final class SpeechHandler implements Handler<RoutingContext> {

    private final Pipeline pipeline;

    public SpeechHandler(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void handle(RoutingContext ctx) {
        pipeline.run(ctx, ClientDialect.OPENAI, () -> new SpeechOperation(OpenAiAudio.speech(RequestBodies.json(ctx))));
    }
}
