package dev.junction.endpoint;

import dev.junction.dialect.DialectCodecs;
import dev.junction.json.Json;
import dev.junction.model.ChatResponse;
import dev.junction.model.FinishReason;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvents;
import dev.junction.observe.RequestRecord;
import dev.junction.pipeline.ClientDialect;
import dev.junction.pipeline.ErrorReplies;
import dev.junction.pipeline.Exchange;
import dev.junction.pipeline.Reply;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.ReplayStream;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a chat answer in the client's dialect: a same-dialect body or stream as the upstream's bytes (the fast
 * path), anything else translated through the canonical model; a complete answer to a streaming request is replayed
 * as a stream. Ends the response exactly once, with the dialect's error frame if the relay fails after the first
 * byte. Runs on the event loop; one instance per request.
 */
final class ChatReplyWriter implements Reply.ChatWriter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatReplyWriter.class);

    private final ClientDialect client;
    private final ClientRequest request;
    private final StreamFormat format;
    private final ChatRendering rendering;
    private Exchange exchange; // the request this writer answers, set by write

    ChatReplyWriter(ClientDialect client, ClientRequest request, StreamFormat format, ChatRendering rendering) {
        this.client = client;
        this.request = request;
        this.format = format;
        this.rendering = rendering;
    }

    @Override
    public void write(Exchange exchange, Reply.Chat chat) {
        this.exchange = exchange;
        HttpServerResponse response = exchange.response();
        RequestRecord record = exchange.record();
        Cancellation cancellation = exchange.cancellation();
        try {
            reply(exchange, chat, response, record, cancellation);
        } catch (GatewayException e) {
            cancellation.cancel();
            failReply(response, record, e.error());
        } catch (RuntimeException e) {
            // Never leave a client waiting: stop the upstream and answer (or end) the response.
            LOG.error("Failed to relay the reply of request {}", record.requestId(), e);
            cancellation.cancel();
            failReply(response, record, new GatewayError.Internal("The gateway failed to relay the upstream's reply."));
        }
    }

    private void reply(Exchange exchange, Reply.Chat chat, HttpServerResponse response, RequestRecord record,
                       Cancellation cancellation) {
        UpstreamReply reply = chat.reply();
        // First, so that a stream is stopped even if anything below fails.
        switch (reply) {
            case UpstreamReply.WireStream w -> cancellation.onCancel(w.events()::cancel);
            case UpstreamReply.CanonicalStream cs -> cancellation.onCancel(cs.events()::cancel);
            default -> { }
        }
        if (!reply.dropped().isEmpty()) {
            response.putHeader("x-junction-dropped", DroppedNames.header(client, reply.dropped()));
        }
        boolean stream = request.stream();
        boolean untouched = chat.transforms().isEmpty() && rendering.passThrough();
        switch (reply) {
            case UpstreamReply.Complete c when !stream && c.dialect() == client.dialect()
                    && rendering.passThrough() -> complete(response, record.usage(c.usage())
                    .finishReasons(() -> client.codec().finishReasons(c.raw().getBytes())), c.raw(), Optional.empty());
            case UpstreamReply.Complete c when !stream -> {
                ChatResponse canonical = canonical(c);
                ObjectNode body = rendering.body().apply(canonical);
                complete(response, record.usage(c.usage()).finishReasons(finishes(canonical)),
                        Buffer.buffer(Json.bytes(body)), Optional.of(body));
            }
            case UpstreamReply.Complete c -> relay(response, record, chat).encode(replay(
                    StreamEvents.of(canonical(c), List::of), cancellation, Duration.ZERO));
            case UpstreamReply.Synthesized s when !stream -> {
                ObjectNode body = rendering.body().apply(s.response());
                complete(response, record.usage(s.response().usage()).finishReasons(finishes(s.response())),
                        Buffer.buffer(Json.bytes(body)), Optional.of(body));
            }
            case UpstreamReply.Synthesized s -> relay(response, record, chat).encode(replay(
                    StreamEvents.of(s.response(), StreamEvents::words), cancellation, s.pace()));
            case UpstreamReply.WireStream w when w.dialect() == client.dialect() && format.upstreamFraming()
                    && untouched -> {
                var watcher = client.codec().passThroughWatcher(exchange.runtime().redactor());
                Predicate<SseEvent> withhold = request.canonical().includeUsage() ? e -> false
                        : e -> watcher.lastWasForTheGateway();
                relay(response, record, chat).passThrough(w.events(), watcher, withhold);
            }
            case UpstreamReply.WireStream w -> relay(response, record, chat).translate(w.events(),
                    DialectCodecs.of(w.dialect()).streamDecoder(exchange.runtime().redactor()));
            case UpstreamReply.CanonicalStream cs -> relay(response, record, chat).encode(cs.events());
        }
    }

    private void complete(HttpServerResponse response, RequestRecord record, Buffer body,
                          Optional<ObjectNode> rendered) {
        record.status(200).firstByte();
        if (record.capturing()) {
            record.responseBody(body.toString());
        }
        response.putHeader("content-type", "application/json");
        rendering.beforeEnd().apply(rendered).onComplete(stored -> exchange.beforeEnd().onComplete(done -> {
            if (!response.ended() && !response.closed()) {
                response.end(body);
            }
        }));
    }

    private StreamRelay relay(HttpServerResponse response, RequestRecord record, Reply.Chat chat) {
        return new StreamRelay(response, record, format.encoder(), chat.transforms())
                .beforeEnd(() -> rendering.beforeEnd().apply(Optional.empty()))
                .closing(exchange::beforeEnd)
                .head(format.contentType());
    }

    private static List<FinishReason> finishes(ChatResponse response) {
        return response.choices().stream().flatMap(c -> c.finishReason().stream()).toList();
    }

    /** A complete upstream body of another dialect, in canonical form. */
    private static ChatResponse canonical(UpstreamReply.Complete c) {
        JsonNode body = Json.tryParse(c.raw().getBytes()).orElseThrow(() -> new GatewayException(
                new GatewayError.BadGateway("The upstream returned a body that is not JSON.", false)));
        return DialectCodecs.of(c.dialect()).responseToCanonical(body);
    }

    private ReplayStream replay(List<StreamEvent> events, Cancellation cancellation, Duration pace) {
        ReplayStream stream = ReplayStream.paced(events, exchange.context().owner(), pace.toMillis());
        cancellation.onCancel(stream::cancel);
        return stream;
    }

    private void failReply(HttpServerResponse response, RequestRecord record, GatewayError error) {
        if (!response.headWritten()) {
            ErrorReplies.rejectAfter(exchange, error);
            return;
        }
        record.error(error);
        if (!response.ended() && !response.closed()) {
            Buffer frame = Buffer.buffer(format.encoder().encode(new StreamEvent.StreamError(error)));
            exchange.beforeEnd().onComplete(v -> {
                if (!response.ended() && !response.closed()) {
                    response.end(frame);
                }
            });
        }
    }
}
