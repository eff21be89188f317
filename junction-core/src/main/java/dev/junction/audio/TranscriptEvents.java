package dev.junction.audio;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import dev.junction.upstream.StreamFraming;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's transcript events ({@code transcript.text.delta}, {@code transcript.text.done}) relayed byte for byte,
 * read on the way for the usage the {@code done} event reports. Confined to the stream's event loop.
 */
public final class TranscriptEvents implements EventStream<Buffer> {

    private final EventStream<Buffer> bytes;
    private final StreamFraming.Parser parser = new SseParser(this::inspect);
    private AudioMetering metering = AudioMetering.NONE;
    private boolean unreadable;

    public TranscriptEvents(EventStream<Buffer> bytes) {
        this.bytes = bytes;
    }

    /** The usage the {@code transcript.text.done} event reported; {@link AudioMetering#NONE} until it passed. */
    public AudioMetering metering() {
        return metering;
    }

    @Override
    public void start(Consumer<Buffer> onChunk, Consumer<GatewayError> onError, Runnable onEnd) {
        bytes.start(chunk -> {
            watch(chunk);
            onChunk.accept(chunk);
        }, onError, onEnd);
    }

    private void watch(Buffer chunk) {
        if (unreadable) {
            return;
        }
        try {
            parser.feed(chunk);
        } catch (StreamFraming.MalformedStreamException e) {
            unreadable = true; // the bytes still go to the client; only the usage is lost
        }
    }

    private void inspect(SseEvent event) {
        if (!event.hasData() || !event.data().contains("transcript.text.done")) {
            return;
        }
        Json.tryParse(event.data()).filter(d -> d.path("type").asString("").equals("transcript.text.done"))
                .ifPresent(done -> metering = usage(done.path("usage")));
    }

    private static AudioMetering usage(JsonNode usage) {
        if (usage.path("type").asString("").equals("duration")) {
            return AudioMetering.seconds(usage.path("seconds").asDouble(0));
        }
        return AudioMetering.tokens(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0));
    }

    @Override
    public void pause() {
        bytes.pause();
    }

    @Override
    public void resume() {
        bytes.resume();
    }

    @Override
    public void cancel() {
        bytes.cancel();
    }
}
