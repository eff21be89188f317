package dev.junction.audio;

import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.SseParser;
import dev.junction.upstream.StreamFraming;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's transcript events ({@code transcript.text.delta}, {@code transcript.text.done}) relayed byte for byte, an
 * event at a time, read on the way for the usage the {@code done} event reports. The stream fails, and nothing more
 * is relayed, when the upstream sends an error event (it is not passed on: the writer tells the error in its own
 * event, its message redacted), when the connection breaks, or when the stream ends before its {@code done} event.
 * Confined to the stream's event loop.
 */
public final class TranscriptEvents implements EventStream<Buffer> {

    private final EventStream<Buffer> bytes;
    private final Function<SseEvent, Optional<GatewayError>> errors;
    private final StreamFraming.Parser parser = new SseParser(this::inspect);
    private AudioMetering metering = AudioMetering.NONE;
    private Consumer<Buffer> relay = chunk -> { };
    private Consumer<GatewayError> failure = error -> { };
    private boolean done;
    private boolean failed;

    /**
     * @param errors the upstream's in-stream error events, recognised and classified (with the message redacted)
     */
    public TranscriptEvents(EventStream<Buffer> bytes, Function<SseEvent, Optional<GatewayError>> errors) {
        this.bytes = bytes;
        this.errors = errors;
    }

    /** The usage the {@code transcript.text.done} event reported; {@link AudioMetering#NONE} until it passed. */
    public AudioMetering metering() {
        return metering;
    }

    @Override
    public void start(Consumer<Buffer> onChunk, Consumer<GatewayError> onError, Runnable onEnd) {
        relay = onChunk;
        failure = onError;
        bytes.start(this::feed, this::fail, () -> {
            if (failed) {
                return;
            }
            feedEnd();
            if (failed) {
                return;
            }
            if (done) {
                onEnd.run();
            } else {
                fail(new GatewayError.BadGateway("The upstream ended the transcript events without their "
                        + "transcript.text.done event.", false));
            }
        });
    }

    private void feed(Buffer chunk) {
        if (failed) {
            return;
        }
        try {
            parser.feed(chunk);
        } catch (StreamFraming.MalformedStreamException e) {
            bytes.cancel();
            fail(new GatewayError.BadGateway("The upstream sent transcript events that are not server-sent events.",
                    false));
        }
    }

    private void feedEnd() {
        try {
            parser.end();
        } catch (StreamFraming.MalformedStreamException e) {
            fail(new GatewayError.BadGateway("The upstream's transcript events ended mid-event.", false));
        }
    }

    private void inspect(SseEvent event) {
        if (failed) {
            return;
        }
        Optional<GatewayError> error = errors.apply(event);
        if (error.isPresent()) {
            bytes.cancel();
            fail(error.get());
            return;
        }
        if (event.hasData() && event.data().contains("transcript.text.done")) {
            Json.tryParse(event.data()).filter(d -> d.path("type").asString("").equals("transcript.text.done"))
                    .ifPresent(d -> {
                        metering = usage(d.path("usage"));
                        done = true;
                    });
        }
        relay.accept(event.raw());
    }

    private void fail(GatewayError error) {
        if (failed) {
            return;
        }
        failed = true;
        failure.accept(error);
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
