package dev.junction.endpoint.openai;

import dev.junction.dialect.openai.OpenAiErrors;
import dev.junction.dialect.openai.OpenAiStreamEncoder;
import dev.junction.dialect.openai.OpenAiUsage;
import dev.junction.json.Json;
import dev.junction.model.GatewayError;
import dev.junction.model.StreamEvent;
import dev.junction.observe.RequestRecord;
import dev.junction.secret.Redactor;
import dev.junction.upstream.EventStream;
import dev.junction.upstream.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Streams an upstream's events to an OpenAI-dialect client as SSE, one write (and flush) per event, pausing the
 * upstream while the client's socket is backed up. From an OpenAI upstream the bytes pass through as received
 * (the fast path): only events that mention usage are parsed, and the usage chunk the gateway requested for its own
 * accounting is withheld from clients that did not ask for it. Confined to the request's event loop.
 */
final class OpenAiStreamRelay {

    private final HttpServerResponse response;
    private final RequestRecord record;
    private final boolean clientWantsUsage;
    private final Redactor redactor;
    private boolean sawDone;
    private boolean sawError;
    private boolean finished;
    private Buffer pending;

    OpenAiStreamRelay(HttpServerResponse response, RequestRecord record, boolean clientWantsUsage, Redactor redactor) {
        this.response = response;
        this.record = record;
        this.clientWantsUsage = clientWantsUsage;
        this.redactor = redactor;
    }

    private void writeHead() {
        response.setStatusCode(200).setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
        record.status(200);
    }

    /** Relays an upstream stream of the client's own dialect. */
    void passThrough(EventStream<SseEvent> events) {
        writeHead();
        events.start(event -> {
            Optional<Buffer> out = inspect(event);
            out.ifPresent(buffer -> write(buffer, events));
        }, error -> fail(error), () -> {
            if (sawDone || sawError) {
                end();
            } else {
                fail(new GatewayError.BadGateway("The upstream ended the stream without finishing it.", false));
            }
        });
    }

    /**
     * Looks at an OpenAI event for usage, the end marker and errors; returns what to send, if anything. Only events
     * that carry a usage object or an error are parsed; the rest are checked on their bytes.
     */
    private Optional<Buffer> inspect(SseEvent event) {
        if (!event.hasData()) {
            return Optional.of(event.raw());
        }
        if (event.dataStartsWith("[DONE]")) {
            sawDone = true;
            return Optional.of(event.raw());
        }
        if (event.dataStartsWith("{\"error\"")) {
            JsonNode error = Json.tryParse(event.data()).map(n -> n.path("error")).orElse(Json.object());
            String message = redactor.redact(error.path("message").asString("The upstream stream failed."));
            record.error("upstream_stream_error", message);
            sawError = true;
            return Optional.of(frame(OpenAiErrors.render(new GatewayError.BadGateway(message, false)).toString()));
        }
        if (!event.mentionsObject("usage")) {
            return Optional.of(event.raw());
        }
        Optional<JsonNode> chunk = Json.tryParse(event.data());
        JsonNode usage = chunk.map(c -> c.get("usage")).orElse(null);
        if (usage == null || !usage.isObject()) {
            return Optional.of(event.raw());
        }
        record.usage(OpenAiUsage.read(usage));
        boolean usageOnly = chunk.get().path("choices").isEmpty();
        return usageOnly && !clientWantsUsage ? Optional.empty() : Optional.of(event.raw());
    }

    /** Relays canonical events (in-process providers, other dialects, complete replies turned into streams). */
    void encode(EventStream<StreamEvent> events) {
        writeHead();
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(clientWantsUsage);
        events.start(event -> {
            if (event instanceof StreamEvent.UsageUpdate u) {
                record.usage(u.usage());
            }
            if (event instanceof StreamEvent.StreamError e) {
                fail(e.error());
                return;
            }
            String frames = encoder.encode(event);
            if (!frames.isEmpty()) {
                write(Buffer.buffer(frames), events);
            }
            if (event instanceof StreamEvent.MessageStop) {
                sawDone = true;
            }
        }, this::fail, () -> {
            if (!sawDone) {
                write(Buffer.buffer(encoder.encode(new StreamEvent.MessageStop())), events);
            }
            end();
        });
    }

    /**
     * Queues bytes for the client and flushes them at the end of the current event-loop task, so the events of one
     * upstream network read leave in one write. Nothing waits for more data: an event is never held back.
     */
    private void write(Buffer buffer, EventStream<?> events) {
        if (finished || response.closed()) {
            return;
        }
        record.firstByte();
        if (pending == null) {
            pending = Buffer.buffer(buffer.length() * 2);
            Vertx.currentContext().runOnContext(v -> flush(events));
        }
        pending.appendBuffer(buffer);
    }

    private void flush(EventStream<?> events) {
        Buffer out = pending;
        pending = null;
        if (out == null || response.closed() || response.ended()) {
            return;
        }
        response.write(out);
        if (response.writeQueueFull()) {
            events.pause();
            response.drainHandler(v -> events.resume());
        }
    }

    /** Ends the stream with an error event in OpenAI's shape; the SDKs raise it as an API error. */
    private void fail(GatewayError error) {
        if (finished) {
            return;
        }
        record.error(error);
        if (!response.closed()) {
            record.firstByte();
            appendPending(frame(OpenAiErrors.render(error).toString()));
        }
        end();
    }

    private void end() {
        if (finished) {
            return;
        }
        finished = true;
        if (!response.closed() && !response.ended()) {
            Buffer last = pending;
            pending = null;
            if (last == null) {
                response.end();
            } else {
                response.end(last);
            }
        }
    }

    private void appendPending(Buffer buffer) {
        if (pending == null) {
            pending = Buffer.buffer(buffer.length());
        }
        pending.appendBuffer(buffer);
    }

    private static Buffer frame(String json) {
        return Buffer.buffer("data: " + json + "\n\n");
    }
}
