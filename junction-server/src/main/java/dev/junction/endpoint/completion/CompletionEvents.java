package dev.junction.endpoint.completion;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.Usage;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * A legacy completion's events passed through byte for byte, the usage of the last chunk read on the way. The
 * gateway asks the upstream for that chunk ({@code stream_options.include_usage}); a client that did not ask does
 * not get it. Confined to the stream's event loop.
 */
final class CompletionEvents implements EventStream<Buffer> {

    private final EventStream<SseEvent> events;
    private final boolean clientWantsUsage;
    private Usage usage = Usage.ZERO;

    CompletionEvents(EventStream<SseEvent> events, boolean clientWantsUsage) {
        this.events = events;
        this.clientWantsUsage = clientWantsUsage;
    }

    /** The usage the stream reported; zero until its chunk passed. */
    Usage usage() {
        return usage;
    }

    @Override
    public void start(Consumer<Buffer> onChunk, Consumer<GatewayError> onError, Runnable onEnd) {
        events.start(event -> {
            if (event.hasData() && event.mentionsObject("usage")) {
                JsonNode chunk = Json.tryParse(event.data()).orElse(null);
                if (chunk != null && chunk.path("usage").isObject()) {
                    JsonNode u = chunk.path("usage");
                    usage = new Usage(u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0), 0, 0, 0);
                    if (!clientWantsUsage && chunk.path("choices").isEmpty()) {
                        return; // the gateway's own question
                    }
                }
            }
            onChunk.accept(event.raw());
        }, onError, onEnd);
    }

    @Override
    public void pause() {
        events.pause();
    }

    @Override
    public void resume() {
        events.resume();
    }

    @Override
    public void cancel() {
        events.cancel();
    }
}
