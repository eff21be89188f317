package dev.junction.endpoint;

import dev.junction.dialect.DialectCodecs;
import dev.junction.dialect.StreamEncoder;
import dev.junction.json.Json;
import dev.junction.governance.Governor;
import dev.junction.model.ChatRequest;
import dev.junction.model.ChatResponse;
import dev.junction.model.GatewayError;
import dev.junction.model.GatewayException;
import dev.junction.model.StreamEvent;
import dev.junction.model.StreamEvents;
import dev.junction.observe.RequestRecord;
import dev.junction.routing.RequestFacts;
import dev.junction.routing.Route;
import dev.junction.routing.RouteFailure;
import dev.junction.routing.RouteOutcome;
import dev.junction.server.GatewayRuntime;
import dev.junction.server.RequestContext;
import dev.junction.tokens.TokenEstimator;
import dev.junction.upstream.Cancellation;
import dev.junction.upstream.ClientRequest;
import dev.junction.upstream.ReplayStream;
import dev.junction.upstream.SseEvent;
import dev.junction.upstream.UpstreamReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The part of a chat request every client dialect shares: resolve the route, run it with failover, and write the
 * reply in the client's dialect, translating it when the upstream spoke another one. Runs on the event loop; never
 * blocks. Stateless; one instance per client dialect.
 */
public final class ChatPipeline {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChatPipeline.class);

    private final Supplier<GatewayRuntime> runtime;
    private final ClientDialect client;

    public ChatPipeline(Supplier<GatewayRuntime> runtime, ClientDialect client) {
        this.runtime = runtime;
        this.client = client;
    }

    /**
     * How the endpoint wants its stream written.
     *
     * @param encoder the encoder for this request
     * @param contentType the stream's content type
     * @param upstreamFraming whether the client reads the event stream an upstream of its own dialect sends, so that
     *     the upstream's bytes can go out as received; when not (a Gemini client without {@code alt=sse} wants a
     *     JSON array, the upstream always streams SSE), the stream is decoded and re-encoded
     */
    public record StreamFormat(StreamEncoder encoder, String contentType, boolean upstreamFraming) {

        /** A format the client's own upstreams stream in. */
        public StreamFormat(StreamEncoder encoder, String contentType) {
            this(encoder, contentType, true);
        }
    }

    /**
     * Runs a validated request and answers the client.
     *
     * @param format the stream format, used when the request streams (and for error frames)
     */
    public void run(RoutingContext ctx, ClientRequest request, StreamFormat format) {
        GatewayRuntime rt = runtime.get();
        RequestRecord record = RequestContext.record(ctx);
        HttpServerResponse response = ctx.response();
        record.publicModel(request.model()).stream(request.stream());
        Optional<Route> route = rt.resolver().resolve(request.model());
        if (route.isEmpty()) {
            reject(response, record, new GatewayError.ModelNotFound(request.model(), rt.resolver().publicModels()));
            return;
        }
        ChatRequest canonical = request.canonical();
        Governor.Ask ask = new Governor.Ask(record.requestId(), request.model(), route.get(),
                () -> TokenEstimator.estimate(canonical), canonical.sampling().maxTokens());
        RouteReplies.admit(ctx, rt, client, ask, admission -> execute(ctx, rt, request, route.get(), format));
    }

    private void execute(RoutingContext ctx, GatewayRuntime rt, ClientRequest request, Route route,
                         StreamFormat format) {
        RequestRecord record = RequestContext.record(ctx);
        HttpServerResponse response = ctx.response();
        Cancellation cancellation = RouteReplies.cancelOnDisconnect(ctx, record);
        rt.executor().execute(request, route, RequestFacts.of(request.canonical()), RouteReplies.pin(ctx),
                record.requestId(), cancellation).onComplete(ar -> {
            if (cancellation.isCancelled()) {
                if (ar.succeeded()) {
                    stop(ar.result()); // the client left as the reply arrived: stop it and free the deployment
                }
                return;
            }
            if (ar.failed()) {
                RouteFailure failure = RouteReplies.failureOf(ar.cause());
                RouteReplies.attempts(response, record, failure.attempts());
                if (!failure.attempts().isEmpty()) {
                    record.deployment(failure.attempts().getLast().step());
                }
                reject(response, record, failure.error());
                return;
            }
            // The deployment stays busy until the reply is delivered in full, which for a stream is its end.
            ctx.addEndHandler(end -> ar.result().delivered().run());
            try {
                reply(rt, request, ar.result(), response, record, cancellation, format);
            } catch (GatewayException e) {
                cancellation.cancel();
                failReply(response, record, format, e.error());
            } catch (RuntimeException e) {
                // Never leave a client waiting: stop the upstream and answer (or end) the response.
                LOG.error("Failed to relay the reply of request {}", record.requestId(), e);
                cancellation.cancel();
                failReply(response, record, format,
                        new GatewayError.Internal("The gateway failed to relay the upstream's reply."));
            }
        });
    }

    private void reply(GatewayRuntime rt, ClientRequest request, RouteOutcome outcome, HttpServerResponse response,
                       RequestRecord record, Cancellation cancellation, StreamFormat format) {
        // First, so that a stream is stopped even if anything below fails.
        switch (outcome.reply()) {
            case UpstreamReply.WireStream w -> cancellation.onCancel(w.events()::cancel);
            case UpstreamReply.CanonicalStream cs -> cancellation.onCancel(cs.events()::cancel);
            default -> { }
        }
        RouteReplies.target(response, record, outcome.step());
        RouteReplies.attempts(response, record, outcome.attempts());
        if (!outcome.reply().dropped().isEmpty()) {
            response.putHeader("x-junction-dropped", DroppedNames.header(client, outcome.reply().dropped()));
        }
        boolean stream = request.stream();
        switch (outcome.reply()) {
            case UpstreamReply.Complete c when !stream -> {
                record.usage(c.usage()).status(200).firstByte();
                Buffer body = c.dialect() == client.dialect() ? c.raw()
                        : Buffer.buffer(Json.bytes(client.codec().responseFromCanonical(canonical(c))));
                if (record.capturing()) {
                    record.responseBody(body.toString());
                }
                response.putHeader("content-type", "application/json").end(body);
            }
            case UpstreamReply.Complete c -> relay(response, record, format).encode(replay(
                    StreamEvents.of(canonical(c), List::of), cancellation));
            case UpstreamReply.Synthesized s when !stream -> {
                record.usage(s.response().usage()).status(200).firstByte();
                Buffer body = Buffer.buffer(Json.bytes(client.codec().responseFromCanonical(s.response())));
                if (record.capturing()) {
                    record.responseBody(body.toString());
                }
                response.putHeader("content-type", "application/json").end(body);
            }
            case UpstreamReply.Synthesized s -> relay(response, record, format).encode(replay(
                    StreamEvents.of(s.response(), StreamEvents::words), cancellation));
            case UpstreamReply.WireStream w when w.dialect() == client.dialect() && format.upstreamFraming() -> {
                var watcher = client.codec().passThroughWatcher(rt.redactor());
                Predicate<SseEvent> withhold = request.canonical().includeUsage() ? e -> false
                        : e -> watcher.lastWasForTheGateway();
                relay(response, record, format).passThrough(w.events(), watcher, withhold);
            }
            case UpstreamReply.WireStream w -> relay(response, record, format).translate(w.events(),
                    DialectCodecs.of(w.dialect()).streamDecoder(rt.redactor()));
            case UpstreamReply.CanonicalStream cs -> relay(response, record, format).encode(cs.events());
        }
    }

    private static void stop(RouteOutcome outcome) {
        switch (outcome.reply()) {
            case UpstreamReply.WireStream w -> w.events().cancel();
            case UpstreamReply.CanonicalStream cs -> cs.events().cancel();
            default -> { }
        }
        outcome.delivered().run();
    }

    private static StreamRelay relay(HttpServerResponse response, RequestRecord record, StreamFormat format) {
        return new StreamRelay(response, record, format.encoder()).head(format.contentType());
    }

    /** A complete upstream body of another dialect, in canonical form. */
    private static ChatResponse canonical(UpstreamReply.Complete c) {
        JsonNode body = Json.tryParse(c.raw().getBytes()).orElseThrow(() -> new GatewayException(
                new GatewayError.BadGateway("The upstream returned a body that is not JSON.", false)));
        return DialectCodecs.of(c.dialect()).responseToCanonical(body);
    }

    private static ReplayStream replay(List<StreamEvent> events, Cancellation cancellation) {
        ReplayStream stream = ReplayStream.immediate(events);
        cancellation.onCancel(stream::cancel);
        return stream;
    }

    private void failReply(HttpServerResponse response, RequestRecord record, StreamFormat format,
                           GatewayError error) {
        if (!response.headWritten()) {
            reject(response, record, error);
            return;
        }
        record.error(error);
        if (!response.ended() && !response.closed()) {
            response.end(Buffer.buffer(format.encoder().encode(new StreamEvent.StreamError(error))));
        }
    }

    /** Answers with an error before anything was written. */
    public void reject(HttpServerResponse response, RequestRecord record, GatewayError error) {
        ErrorReplies.reject(response, record, client, error);
    }
}
